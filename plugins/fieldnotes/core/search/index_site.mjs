// Writes the Pagefind bundle of one language while the site is built. It reads JSON lines on
// stdin (see indexer.py): first the settings
//   { pagefind: path of Pagefind's Node module, language: the language Pagefind is told,
//     exclude: [CSS selectors], widthVariants, longVowelEnding, japanese: RegExp sources,
//     longVowelMark, segmentMark, segmenterLocale, keep: [bundle file patterns] },
// then one { url, file, content } per page, then { output: the bundle folder }, which writes it.
// Every page is indexed in `language`, whatever its <html lang>, so a post shown in another
// language keeps its own URL here. Its text is folded and segmented as queries are
// (fieldnotes.core.search.normalize). Pages are added one after another in the order they come,
// which numbers them, so two builds write the same bundle. Only the files the reader's side
// loads are written. A problem is printed on stderr and the exit status is 1.

import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import readline from "node:readline";
import { pathToFileURL } from "node:url";

const HTML_TAG = /<html\b[^>]*>/i;
const BODY_START = /<([a-z][a-z0-9]*)\b[^>]*\sdata-pagefind-body[\s>=]/i;

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

function preparer(plan) {
  const widthVariants = new RegExp(plan.widthVariants, "gu");
  const longVowelEnding = new RegExp(plan.longVowelEnding, "gu");
  const fold = (html) => html.replace(widthVariants, (run) => run.normalize("NFKC")).replace(longVowelEnding, plan.longVowelMark);
  const segment = segmenter(plan);
  return (html) => segment(fold(contentOnly(html)));
}

async function writeBundle(index, output, patterns) {
  await rm(output, { recursive: true, force: true });
  const { errors } = await index.writeFiles({ outputPath: output });
  failOn(errors, "writing the index");
  const keep = patterns.map((pattern) => new RegExp(pattern));
  // Pagefind writes the WebAssembly of languages it has no stemmer for too; keep only the one this index loads.
  const entry = JSON.parse(await readFile(path.join(output, "pagefind-entry.json"), "utf8"));
  const wasm = new Set(Object.values(entry.languages).map((language) => `wasm.${language.wasm || "unknown"}.pagefind`));
  const kept = (name) => keep.some((pattern) => pattern.test(name)) && (!name.startsWith("wasm.") || wasm.has(name));
  let count = 0;
  for (const entry of await readdir(output, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    if (kept(path.relative(output, file).split(path.sep).join("/"))) count++;
    else await rm(file);
  }
  for (const folder of await readdir(output, { withFileTypes: true })) {
    if (folder.isDirectory() && (await readdir(path.join(output, folder.name))).length === 0) {
      await rm(path.join(output, folder.name), { recursive: true });
    }
  }
  return count;
}

async function main() {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.done) return;
  const plan = JSON.parse(first.value);
  const pagefind = await import(pathToFileURL(plan.pagefind).href);
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: plan.language, excludeSelectors: plan.exclude });
    failOn(errors, "starting Pagefind");
    const prepare = preparer(plan);
    let pages = 0;
    for (let line = await lines.next(); !line.done; line = await lines.next()) {
      const message = JSON.parse(line.value);
      if (message.output) {
        const files = await writeBundle(index, message.output, plan.keep);
        process.stdout.write(JSON.stringify({ pages, files }) + "\n");
        return;
      }
      const added = await index.addHTMLFile({ url: message.url, content: prepare(message.content) });
      failOn(added.errors, message.file);
      pages++;
    }
  } finally {
    await pagefind.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${error && error.message ? error.message : error}\n`);
  process.exit(1);
});
