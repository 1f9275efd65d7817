// Typesets TeX into MathML with Temml for the build, one long-lived process per build.
//
//   node render.mjs <project root>
//
// Reads one JSON object a line on stdin, {"id", "tex", "display"}, and answers each with one line
// on stdout, {"id", "html"} or {"id", "error"}. The first line it writes is {"ready": "temml <version>"},
// or {"fatal": "<why>"} when Temml cannot be loaded from the project's node_modules.
import { createRequire } from "node:module";
import path from "node:path";
import { createInterface } from "node:readline";

function reply(message) {
  process.stdout.write(JSON.stringify(message) + "\n");
}

// Temml reports strict-mode notes through console.log: stdout belongs to the protocol.
for (const name of ["log", "info", "warn"]) {
  console[name] = (...args) => process.stderr.write(args.join(" ") + "\n");
}

const root = path.resolve(process.argv[2] ?? ".");
let temml;
try {
  temml = createRequire(path.join(root, "package.json"))("temml");
} catch (error) {
  reply({ fatal: error.message.split("\n")[0] });
  process.exit(2);
}

// Equation numbers come from \label; a numbered AMS environment would also number itself with a CSS counter.
const NUMBERED_ENVIRONMENT = /\\(begin|end)\s*\{(equation|align|alignat|gather|multline|flalign)\}/g;
const ANNOTATION = /<annotation encoding="application\/x-tex">[^]*?<\/annotation>/;
// Temml underlines the offending token with combining low lines; the build message quotes the formula instead.
const COMBINING_LOW_LINE = /\u0332/g;

function escapeText(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function annotation(tex) {
  return `<annotation encoding="application/x-tex">${escapeText(tex)}</annotation>`;
}

// End of the first element of a MathML fragment (Temml writes well-formed XML).
function firstElementEnd(fragment) {
  const tags = /<(\/?)[A-Za-z][^>]*?(\/?)>/g;
  let depth = 0;
  for (const tag of fragment.matchAll(tags)) {
    if (tag[2]) {
      if (depth === 0) return tag.index + tag[0].length;
    } else {
      depth += tag[1] ? -1 : 1;
      if (depth === 0) return tag.index + tag[0].length;
    }
  }
  return fragment.length;
}

function typesetDisplay(tex) {
  const mathml = temml.renderToString(tex.replace(NUMBERED_ENVIRONMENT, "\\$1{$2*}"), {
    displayMode: true,
    annotate: true,
    throwOnError: true,
    trust: false,
  });
  // The annotation is what the author wrote, not the unnumbered rewrite.
  return mathml.replace(ANNOTATION, () => annotation(tex));
}

// Temml breaks an inline formula into top-level pieces (after relations and operators) that wrap like
// words; its own annotation would put them all inside one <semantics>, which cannot wrap. So the
// pieces stay top-level and the annotation, with the whole TeX, goes on the first one.
function typesetInline(tex) {
  const mathml = temml.renderToString(tex, { displayMode: false, annotate: false, throwOnError: true, trust: false, wrap: "tex" });
  const open = mathml.indexOf(">") + 1;
  const close = mathml.lastIndexOf("</math>");
  const pieces = mathml.slice(open, close);
  const first = firstElementEnd(pieces);
  return (
    mathml.slice(0, open) +
    `<semantics>${pieces.slice(0, first)}${annotation(tex)}</semantics>` +
    pieces.slice(first) +
    mathml.slice(close)
  );
}

function rendererWords(error) {
  return String(error.message ?? error).replace(COMBINING_LOW_LINE, "").replace(/\s+/g, " ").trim();
}

reply({ ready: `temml ${temml.version}` });
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on("line", (line) => {
  if (!line.trim()) return;
  let request;
  try {
    request = JSON.parse(line);
  } catch (error) {
    reply({ id: null, error: `not a JSON request: ${rendererWords(error)}` });
    return;
  }
  try {
    const tex = String(request.tex);
    reply({ id: request.id, html: request.display ? typesetDisplay(tex) : typesetInline(tex) });
  } catch (error) {
    reply({ id: request.id, error: rendererWords(error) });
  }
});
