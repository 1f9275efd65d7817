"""Search as a reader meets it: does it find the right article, what does it download, how long
does it take.

    .venv/bin/python benchmarks/search_bench.py [--site DIR] [--sizes 100 1000] [--no-recall] [--no-sizes] [--smoke]

Recall: for each language, the query set of querysets.py (every article's
title; katakana, kanji, mixed and ASCII words found in one Japanese article only; English words
found in one English article only) is typed into the header's search box in Chromium, on the
language's home page, and a query counts when its article is among the first five pages listed.
Prints recall per language and kind, then every miss with what came first instead.

Sizes: for N posts per language the ten articles are copied N/10 times into a temporary project,
each copy with its own vocabulary (about half of its longer words get a prefix naming that copy), so
the index grows as a real one would. The site is built and served from 127.0.0.1 with gzip, as
GitHub Pages serves it. For each language, in a fresh browser context:
- bytes sent before the first results show: every response to a request made after the page
  had loaded and before the results showed, as it went over the wire (Pagefind's index files
  are compressed already);
- time from the keystroke that opens search ("/", immediately followed by the query) to the
  first results: Pagefind's script, WebAssembly and index start included;
- then the median time from the last keystroke of further queries to their results.
Without --site the real site is built from this working tree. --smoke types 20 queries per language
and measures N = 12 (two copies), so the test suite knows the script still runs.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from querysets import Query, article_from_html, query_set, recall
from reader_audit import CompressingHandler
from synthetic import copy_project

from browser import chromium, serve

DEPTH = 5
# Chromium draws pages on the CPU, as headless browsers usually do: the tests' software GL, there
# for 3D viewers, takes most of a second to draw each list of results.
BROWSER_ARGS = ("--disable-gpu",)
LANGUAGES = {"en": "", "ja": "ja/"}
BUSY_DONE = "() => document.querySelector('#fn-search-results').getAttribute('aria-busy') === 'false'"
# Each query into the box as typing leaves it (its value and an input event), then the pages
# listed once the box has shown its results; in the page, so thousands of queries take minutes.
TYPE_EACH = """async (queries) => {
  const box = document.querySelector('input.md-search__input');
  const list = document.querySelector('#fn-search-results');
  const shown = () => new Promise((resolve) => {
    const check = () => list.getAttribute('aria-busy') === 'false' ? resolve() : requestAnimationFrame(check);
    check();
  });
  const found = [];
  for (const query of queries) {
    box.value = query;
    box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: query }));
    await shown();
    found.push([...list.querySelectorAll(':scope > [role=group]')].map((group) => group.querySelector('[role=option]').getAttribute('href')));
  }
  return found;
}"""
BATCH = 200
# In-page clock: when search opened, when the query was typed, when results were shown.
CLOCK = """
window.__searchClock = {};
document.addEventListener('keydown', (e) => { if (e.key === '/' && !window.__searchClock.open) window.__searchClock.open = performance.now(); }, true);
document.addEventListener('input', () => { window.__searchClock.input = performance.now(); }, true);
new MutationObserver(() => {
  const list = document.querySelector('#fn-search-results');
  if (list && list.getAttribute('aria-busy') === 'false') window.__searchClock.shown = performance.now();
}).observe(document, { subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
"""

# Copies of the articles: what is protected from the vocabulary change, and what changes.
PROTECTED_RE = re.compile(
    r"^(`{3,}|~{3,}).*?^\1[ \t]*$|`[^`\n]+`|\$\$.*?\$\$|\$[^$\n]+\$|\]\([^)]*\)|\{[^}\n]*\}|<!--.*?-->|\\[A-Za-z]+"
    r"|\[[^\]\n]*@[^\]\n]*\]|@[\w:.-]+|^///[^\n]*$",  # citations with their locators, and figure block lines
    re.DOTALL | re.MULTILINE,
)
LATIN_WORD_RE = re.compile(r"(?<![\w./#-])[A-Za-z]{5,}(?![\w/-])")
KATAKANA_RUN_RE = re.compile(r"[\u30a1-\u30fa\u30fc]{2,}")
KANJI_RUN_RE = re.compile(r"[\u4e00-\u9fff]{2,}")
LATIN_SYLLABLES = [c + v for c in "bdgkmnprstvz" for v in "aeiou"]
KANA_SYLLABLES = list("カキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモラリルレロ")
KANJI_POOL = list("森川山谷岡橋野原田村松竹梅桜星海空雲雨雪風花草木石鉄金銀銅糸布紙筆墨")
TITLE_RE = re.compile(r'^title: "?(.*?)"?$', re.MULTILINE)


# --- recall ---------------------------------------------------------------------------------------


def build_site(project: Path, site: Path) -> None:
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    if build.returncode != 0:
        sys.exit(f"the site in {project} does not build:\n{build.stderr[-3000:]}")


def articles_of(site: Path) -> list:
    found = []
    for page in sorted(site.rglob("posts/*/index.html")):
        url = page.parent.relative_to(site).as_posix() + "/"
        article = article_from_html(page.read_bytes(), url)
        if article is not None:
            found.append(article)
    return found


def type_query(page, text: str) -> None:
    """As a reader types: the box reacts to key events."""
    box = page.locator("input.md-search__input")
    box.fill(text)
    box.press("End")
    page.wait_for_function(BUSY_DONE)


def measure_recall(site: Path, sample: int | None = None) -> None:
    """Recall of every query of each language's set, or of `sample` of them spread over the set."""
    articles = articles_of(site)
    with serve(site) as base, chromium(*BROWSER_ARGS) as browser:
        for lang, prefix in LANGUAGES.items():
            queries = query_set(articles, lang)
            if sample:
                queries = queries[:: max(1, len(queries) // sample)][:sample]
            page = browser.new_page()
            page.goto(base + prefix)
            page.keyboard.press("/")
            found: dict[Query, list[str]] = {}
            for start in range(0, len(queries), BATCH):
                batch = queries[start : start + BATCH]
                for query, hrefs in zip(batch, page.evaluate(TYPE_EACH, [query.text for query in batch]), strict=True):
                    found[query] = [urlsplit(href).path.lstrip("/") for href in hrefs]
            page.close()
            report_recall(lang, found)


def report_recall(lang: str, found: dict[Query, list[str]]) -> None:
    kinds = defaultdict(dict)
    for query, urls in found.items():
        kinds[query.kind][query] = urls
    by_kind = ", ".join(f"{kind} {recall(group, DEPTH):.1%} of {len(group)}" for kind, group in kinds.items())
    print(f"recall@{DEPTH} {lang}: {recall(found, DEPTH):.1%} of {len(found)} queries ({by_kind})")
    for query, urls in found.items():
        if query.url not in urls[:DEPTH]:
            first = ", ".join(urls[:3]) or "nothing"
            print(f"  miss [{query.kind}] {query.text!r}: wanted {query.url}, got {first}")


# --- synthetic sites ------------------------------------------------------------------------------


def code(number: int, alphabet: list[str], length: int = 2) -> str:
    """A short word made from `alphabet` that names copy `number`."""
    parts = []
    for _ in range(length):
        number, rest = divmod(number, len(alphabet))
        parts.append(alphabet[rest])
    return "".join(parts)


def own_vocabulary(text: str, copy: int) -> str:
    """About half of the longer words of `text` get a prefix naming the copy; code, math and links stay.

    A prefix rather than a suffix: search matches the beginnings of words, so a suffix would make
    every copy's variant a match for the original word, which no real vocabulary does."""

    def change(word: str, prefix: str) -> str:
        if zlib.crc32(f"{copy}:{word}".encode()) % 2:
            return word
        return (prefix + word.lower()).capitalize() if word[0].isupper() else prefix + word

    def prose(part: str) -> str:
        part = LATIN_WORD_RE.sub(lambda m: change(m.group(), code(copy, LATIN_SYLLABLES)), part)
        part = KATAKANA_RUN_RE.sub(lambda m: change(m.group(), code(copy, KANA_SYLLABLES)), part)
        return KANJI_RUN_RE.sub(lambda m: change(m.group(), code(copy, KANJI_POOL)), part)

    pieces, position = [], 0
    for protected in PROTECTED_RE.finditer(text):
        pieces += [prose(text[position : protected.start()]), protected.group()]
        position = protected.end()
    return "".join(pieces + [prose(text[position:])])


def write_copies(project: Path, per_language: int) -> None:
    """The ten articles and their translations, copied until each language has `per_language` posts."""
    for folder in ("posts", "ja", "notebooks"):
        shutil.copytree(ROOT / folder, project / folder, dirs_exist_ok=True)
    shutil.copy(ROOT / "references.bib", project)  # the copies cite the works their originals cite
    originals = sorted((ROOT / "posts").glob("*.md"))
    for number in range(len(originals), per_language):
        copy, source = divmod(number, len(originals))
        slug = f"{originals[source].stem}-copy-{copy:03d}"
        for folder in ("posts", "ja"):
            front, body = (ROOT / folder / originals[source].name).read_text(encoding="utf-8").split("\n---\n", 1)
            front = TITLE_RE.sub(rf'title: "\1 ({copy})"', front, count=1)
            (project / folder / f"{slug}.md").write_text(front + "\n---\n" + own_vocabulary(body, copy), encoding="utf-8")


def counting_handler(sent: list[tuple[str, int, float]]):
    """A gzip server that notes each response: path, body bytes as sent, and when it was asked for (epoch ms)."""

    class Counting(CompressingHandler):
        def copyfile(self, source, outputfile) -> None:
            data = source.read()
            sent.append((self.path, len(data), self.asked))
            outputfile.write(data)

        def parse_request(self) -> bool:
            self.asked = time.time() * 1000
            return super().parse_request()

    return Counting


def breakdown(sent: list[tuple[str, int, float]]) -> str:
    """What the bytes went to, by kind of file."""
    kinds = defaultdict(list)
    for path, size, _ in sent:
        name = urlsplit(path).path.rsplit("/", 1)[-1]
        kind = {"pf_index": "index", "pf_fragment": "fragments", "pf_filter": "filters", "pf_meta": "meta"}.get(
            name.rpartition(".")[2]
        )
        kinds[kind or ("wasm" if name.startswith("wasm.") else name)].append(size)
    return ", ".join(f"{kind} {len(sizes)}× {sum(sizes) / 1000:.1f} kB" for kind, sizes in sorted(kinds.items()))


def first_search(browser, base: str, prefix: str, query: str, sent: list) -> tuple[list, float, list]:
    """(what was sent, ms from the opening keystroke to results, later queries' page) on a fresh page."""
    context = browser.new_context()
    context.add_init_script(CLOCK)
    page = context.new_page()
    page.goto(base + prefix, wait_until="load")
    page.wait_for_timeout(500)
    before = len(sent)
    page.keyboard.press("/")
    page.keyboard.insert_text(query)
    page.wait_for_function(BUSY_DONE)
    clock = page.evaluate("window.__searchClock")
    shown = page.evaluate("performance.timeOrigin") + clock["shown"]
    return [item for item in sent[before:] if item[2] <= shown], clock["shown"] - clock["open"], [context, page]


def later_searches(page, queries: list[str]) -> float:
    """Median ms from the last keystroke of each query to its results."""
    times = []
    for query in queries:
        type_query(page, query)
        clock = page.evaluate("window.__searchClock")
        times.append(clock["shown"] - clock["input"])
    return statistics.median(times)


def size_queries(project: Path, lang: str) -> tuple[str, list[str]]:
    """The first query (a word of every copy of the QLoRA article) and twenty later ones, words
    of single copies spread over the collection."""
    folder = project / ("posts" if lang == "en" else "ja")
    copies = sorted(folder.glob("*-copy-*.md"))
    pattern = LATIN_WORD_RE if lang == "en" else KATAKANA_RUN_RE
    later = []
    for path in copies[:: max(1, len(copies) // 20)][:20]:
        copy = int(path.stem.rpartition("-")[2])
        prefix = code(copy, LATIN_SYLLABLES if lang == "en" else KANA_SYLLABLES)
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        later.append(next(word for word in pattern.findall(body) if word.lower().startswith(prefix)))
    return ("quantization" if lang == "en" else "量子化"), later


def measure_sizes(sizes: list[int]) -> None:
    print(
        f"{'N':>6} {'lang':>4} {'pages':>6} {'bundle':>9} {'first query':>14} {'sent before results':>20} {'first results':>14} {'median later':>13}"
    )
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = copy_project(Path(tmp) / "project")
            write_copies(project, n)
            started = time.perf_counter()
            build_site(project, project / "site")
            built = time.perf_counter() - started
            site = project / "site"
            sent: list[tuple[str, int, float]] = []
            with serve(site, counting_handler(sent)) as base, chromium(*BROWSER_ARGS) as browser:
                for lang, prefix in LANGUAGES.items():
                    first, later = size_queries(project, lang)
                    transfers, first_ms, (context, page) = first_search(browser, base, prefix, first, sent)
                    loaded = sum(size for _, size, _ in transfers)
                    median_ms = later_searches(page, later)
                    context.close()
                    bundle = sum(f.stat().st_size for f in (site / "pagefind" / lang).rglob("*") if f.is_file())
                    pages = sum(1 for _ in (site / "pagefind" / lang / "fragment").iterdir())
                    print(
                        f"{n:>6} {lang:>4} {pages:>6} {bundle / 1e6:>7.1f}MB {first!r:>14} {loaded / 1000:>17.1f} kB "
                        f"{first_ms:>11.0f} ms {median_ms:>10.0f} ms"
                    )
                    print(f"{'':>12}sent: {breakdown(transfers)}")
            print(f"       (N = {n}: built in {built:.0f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site for the recall queries (default: build this working tree)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000], help="posts per language of the synthetic sites")
    parser.add_argument("--no-recall", action="store_true")
    parser.add_argument("--no-sizes", action="store_true")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, to check that the script runs")
    args = parser.parse_args()
    sample = 20 if args.smoke else None
    if args.smoke:
        args.sizes = [12]  # the ten articles and two copies: the later queries need copies
    if not args.no_recall:
        if args.site:
            measure_recall(args.site.resolve(), sample)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                build_site(ROOT, Path(tmp) / "site")
                measure_recall(Path(tmp) / "site", sample)
    if not args.no_sizes:
        measure_sizes(args.sizes)


if __name__ == "__main__":
    main()
