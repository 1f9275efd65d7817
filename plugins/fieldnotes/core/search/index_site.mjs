// Writes the Pagefind bundle of one language of a built site. The plan comes as JSON on stdin
// (see indexer.py):
//   { pagefind: path of Pagefind's Node module, site: the built site, output: the bundle folder,
//     language: the language Pagefind is told, pages: [{ file, url, content? }] in a stable
//     order, exclude: [CSS selectors], widthVariants, longVowelEnding, japanese: RegExp sources,
//     longVowelMark, segmentMark, keep: [bundle file patterns] }
// Every page is indexed in `language`, whatever its <html lang>, so a post shown in another
// language keeps its own URL here; a page comes from its file unless the plan gives its
// content. Its text is folded and segmented as queries are (fieldnotes.core.search.normalize).
// Pages are added one after another in the plan's order, which numbers them, so two runs write
// the same bundle. Only the files the reader's side loads are written. A problem is printed on
// stderr and the exit status is 1.

import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

const HTML_TAG = /<html\b[^>]*>/i;
const BODY_START = /<([a-z][a-z0-9]*)\b[^>]*\sdata-pagefind-body[\s>=]/i;

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

function failOn(errors, what) {
  if (errors && errors.length) throw new Error(`${what}: ${errors.join("; ")}`);
}

// Pagefind indexes only what lies inside the data-pagefind-body element (our templates mark one
// per page); handing it that element alone, with the page's <html> tag, spares it parsing the
// navigation and footer of every page. A page whose element cannot be delimited goes whole.
function contentOnly(html) {
  const htmlTag = HTML_TAG.exec(html);
  const start = BODY_START.exec(html);
  if (!htmlTag || !start) return html;
  const tags = new RegExp(`<(/?)${start[1]}\\b[^>]*>`, "gi");
  tags.lastIndex = start.index;
  let depth = 0;
  for (let tag = tags.exec(html); tag; tag = tags.exec(html)) {
    depth += tag[1] ? -1 : 1;
    if (depth === 0) return `${htmlTag[0]}<body>${html.slice(start.index, tags.lastIndex)}</body></html>`;
  }
  return html;
}

// Cuts the text where the browser's segmenter finds a word boundary next to a Japanese
// character, writing the mark and a space there: inside each text between tags, and where the
// text runs on across a tag (リンク</a>です), as Pagefind reads it.
function segmenter(plan) {
  const japanese = new RegExp(plan.japanese, "u");
  const words = new Intl.Segmenter(plan.segmenterLocale, { granularity: "word" });
  const cutHere = (before, after) =>
    Boolean(before && after) && !/\s/.test(before) && !/\s/.test(after) && (japanese.test(before) || japanese.test(after));
  const cut = (text) => {
    if (!japanese.test(text)) return text;
    let cutText = "";
    for (const { segment } of words.segment(text)) {
      if (cutHere(cutText.slice(-1), segment[0])) cutText += plan.segmentMark + " ";
      cutText += segment;
    }
    return cutText;
  };
  return (html) => {
    const parts = html.split(/(<[^>]*>)/);
    let previous = -1; // the last text part, which may need a cut where the next text starts
    for (let i = 0; i < parts.length; i += 2) {
      if (!parts[i]) continue;
      parts[i] = cut(parts[i]);
      if (previous >= 0 && cutHere(parts[previous].slice(-1), parts[i][0])) parts[previous] += plan.segmentMark + " ";
      previous = i;
    }
    return parts.join("");
  };
}

async function addPages(index, plan) {
  const widthVariants = new RegExp(plan.widthVariants, "gu");
  const longVowelEnding = new RegExp(plan.longVowelEnding, "gu");
  const fold = (html) => html.replace(widthVariants, (run) => run.normalize("NFKC")).replace(longVowelEnding, plan.longVowelMark);
  const segment = segmenter(plan);
  for (const page of plan.pages) {
    const html = page.content ?? (await readFile(path.join(plan.site, page.file), "utf8"));
    const content = segment(fold(contentOnly(html)));
    const { errors } = await index.addHTMLFile({ url: page.url, content });
    failOn(errors, page.file);
  }
}

async function writeBundle(index, plan) {
  await rm(plan.output, { recursive: true, force: true });
  const { errors } = await index.writeFiles({ outputPath: plan.output });
  failOn(errors, "writing the index");
  const keep = plan.keep.map((pattern) => new RegExp(pattern));
  // Pagefind writes the WebAssembly of languages it has no stemmer for too; keep only the one this index loads.
  const entry = JSON.parse(await readFile(path.join(plan.output, "pagefind-entry.json"), "utf8"));
  const wasm = new Set(Object.values(entry.languages).map((language) => `wasm.${language.wasm || "unknown"}.pagefind`));
  const kept = (name) => keep.some((pattern) => pattern.test(name)) && (!name.startsWith("wasm.") || wasm.has(name));
  let count = 0;
  for (const entry of await readdir(plan.output, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    if (kept(path.relative(plan.output, file).split(path.sep).join("/"))) count++;
    else await rm(file);
  }
  for (const folder of await readdir(plan.output, { withFileTypes: true })) {
    if (folder.isDirectory() && (await readdir(path.join(plan.output, folder.name))).length === 0) {
      await rm(path.join(plan.output, folder.name), { recursive: true });
    }
  }
  return count;
}

async function main() {
  const plan = await readStdin();
  const pagefind = await import(pathToFileURL(plan.pagefind).href);
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: plan.language, excludeSelectors: plan.exclude });
    failOn(errors, "starting Pagefind");
    await addPages(index, plan);
    const files = await writeBundle(index, plan);
    process.stdout.write(JSON.stringify({ pages: plan.pages.length, files }) + "\n");
  } finally {
    await pagefind.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${error && error.message ? error.message : error}\n`);
  process.exit(1);
});
