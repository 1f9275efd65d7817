// Formats a page's citations and bibliography with citeproc-js, one long-lived process per build.
//
//   node format.mjs <project root> <style name>
//
// Reads one JSON request a line on stdin: {"id", "lang", "locale" (CSL locale XML), "items" (CSL-JSON),
// "clusters": [{"mode": "normal" | "narrative" | "year", "cites": [{"id", "locator", "label"}]}]},
// and answers {"id", "citations": [html, ...], "bibliography": [{"id", "html"}, ...]} or {"id", "error"}.
// A request without clusters only builds the engine of its locale, ahead of the pages that need it.
// The first line it writes is {"ready": "citeproc <version>, <style title>"}, or {"fatal": "<why>"}.
// Each cited work in a citation is a link to its entry, #ref-<key>.
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";

function reply(message) {
  process.stdout.write(JSON.stringify(message) + "\n");
}

for (const name of ["log", "info", "warn"]) {
  console[name] = (...args) => process.stderr.write(args.join(" ") + "\n");
}

const root = path.resolve(process.argv[2] ?? ".");
const styleName = process.argv[3] ?? "apa";
let CSL, style, version;
try {
  const require = createRequire(path.join(root, "package.json"));
  CSL = require("citeproc");
  version = require("citeproc/package.json").version;
  const styles = JSON.parse(fs.readFileSync(require.resolve("@citation-js/plugin-csl/lib/styles.json"), "utf8"));
  style = styles[styleName];
  if (!style) throw new Error(`no CSL style named ${styleName} (known: ${Object.keys(styles).join(", ")})`);
} catch (error) {
  reply({ fatal: error.message.split("\n")[0] });
  process.exit(2);
}

function escapeAttribute(text) {
  return String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

// One engine per locale: building one parses the style, which is the slow part.
const engines = new Map();
let current = {};  // the items of the request being answered, by id

function engine(lang, locale) {
  const key = lang + "\u0000" + locale;
  if (!engines.has(key)) {
    const sys = {
      retrieveLocale: () => locale,
      // citeproc wraps each cited work in a citation only for items that carry a system id.
      retrieveItem: (id) => withMoreAuthors({ ...current[id], system_id: id }),
      wrapCitationEntry: (html, id) => `<a class="fn-citation__work" href="#ref-${escapeAttribute(id)}">${html}</a>`,
    };
    const created = new CSL.Engine(sys, style, lang, true);
    created.opt.development_extensions.apply_citation_wrapper = true;
    created.opt.development_extensions.wrap_url_and_doi = true;
    engines.set(key, created);
  }
  return engines.get(key);
}

// With the wrapper on, citeproc leaves out the layout's affixes (the parentheses): put them back.
function enclose(formatter, html) {
  const layout = formatter.citation.opt;
  return (layout.layout_prefix ?? "") + html + (layout.layout_suffix ?? "");
}

// An author list cut short in the BibTeX (`and others`) ends in a stand-in name, which the output turns into
// the locale's "et al." with the joiner before it: "Fisk, I., & Zanichelli, N." would claim a complete list.
const MORE = "\uE001"; // processor.py stands U+E000 for "<"
// The joiner before it, and the full stop that ends the names in a reference ("et al.." otherwise).
const MORE_JOINED_RE = new RegExp(`(?:,?\\s*(?:&#38;|&amp;|&|and)|,)?\\s*${MORE}\\.?`, "g");

function withMoreAuthors(item) {
  const { "fn-more-authors": more, ...rest } = item;
  return more && rest.author ? { ...rest, author: [...rest.author, { literal: MORE }] } : rest;
}

function moreAuthors(html, formatter, separator) {
  return html.includes(MORE) ? html.replace(MORE_JOINED_RE, separator + formatter.getTerm("et-al").trim()) : html;
}

function cite(item, extra) {
  const cited = { id: item.id, ...extra };
  if (item.locator) {
    cited.locator = item.locator;
    cited.label = item.label || "page";
  }
  return cited;
}

function format(request) {
  current = Object.fromEntries(request.items.map((item) => [item.id, item]));
  const formatter = engine(request.lang, request.locale);
  if (!request.clusters.length) return { citations: [], bibliography: [] }; // the engine made ahead of the pages
  formatter.updateItems(request.items.map((item) => item.id));
  // Narrative citations are registered as year-only clusters (for disambiguation); the names come after.
  const clusters = request.clusters.map((cluster, index) => ({
    citationID: `c${index}`,
    citationItems: cluster.cites.map((item) => cite(item, cluster.mode === "normal" ? {} : { "suppress-author": true })),
    properties: { noteIndex: 0 },
  }));
  const rendered = formatter.rebuildProcessorState(clusters, "html");
  const citations = rendered.map(([, , html], index) => {
    const cluster = request.clusters[index];
    if (cluster.mode !== "narrative") return moreAuthors(enclose(formatter, html), formatter, " ");
    const names = cluster.cites.map((item) => formatter.makeCitationCluster([{ id: item.id, "author-only": true }]));
    return moreAuthors(`${names.join("; ")} ${enclose(formatter, html)}`, formatter, " ");
  });
  const [params, entries] = formatter.makeBibliography();
  const bibliography = params.entry_ids.map((ids, index) => ({
    id: ids[0],
    html: moreAuthors(entries[index].trim(), formatter, ", "),
  }));
  return { citations, bibliography };
}

reply({ ready: `citeproc ${version}, style ${styleName}` });
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on("line", (line) => {
  if (!line.trim()) return;
  let request;
  try {
    request = JSON.parse(line);
    reply({ id: request.id, ...format(request) });
  } catch (error) {
    reply({ id: request?.id ?? null, error: String(error.message ?? error).split("\n")[0] });
  }
});
