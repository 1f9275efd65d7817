"""Query sets for measuring search: words taken from the articles themselves.

For each language: every article's title, and the words that occur in one article only, so the
right answer is known. Japanese words are runs of katakana, of kanji, of both mixed (タンパク質),
and ASCII terms inside Japanese text (QLoRA, NF4); English words are runs of letters.
A query counts as found when its article is among the first results.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

KATAKANA = "\u30a1-\u30fa\u30fc\u31f0-\u31ff"  # letters and the long-vowel mark, not the middle dot
KANJI = "\u3400-\u4dbf\u4e00-\u9fff\u3005"
JAPANESE_WORD_KINDS = {
    "katakana": re.compile(f"[{KATAKANA}]{{2,}}"),
    "kanji": re.compile(f"[{KANJI}]{{2,}}"),
    "mixed": re.compile(f"[{KATAKANA}{KANJI}]{{3,}}"),
    "ascii": re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]+(?![A-Za-z0-9])"),
}
ENGLISH_WORD_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{3,}(?![A-Za-z0-9])")
HAS_KATAKANA_RE = re.compile(f"[{KATAKANA}]")
HAS_KANJI_RE = re.compile(f"[{KANJI}]")

# What is not the article's own text: permalink signs and the parts the templates mark as not indexed.
SKIPPED_XPATH = ".//*[@data-pagefind-ignore] | .//*[contains(concat(' ', @class, ' '), ' headerlink ')]"
HTML_PARSER = etree.HTMLParser(encoding="utf-8")


@dataclass(frozen=True)
class Article:
    url: str  # the result URL search should return, site-root relative ("ja/posts/x/")
    lang: str
    title: str
    text: str


@dataclass(frozen=True)
class Query:
    text: str
    kind: str  # "title", "katakana", "kanji", "mixed", "ascii" or "word"
    lang: str
    url: str  # the article that must be found


def article_from_html(html: bytes, url: str) -> Article | None:
    """The article of a built post page: its language, title and indexed text; None for other pages."""
    root = etree.fromstring(html, HTML_PARSER)
    if root is None:
        return None
    body = root.find(".//*[@data-pagefind-body]")
    if body is None:
        return None
    for skipped in body.xpath(SKIPPED_XPATH):
        skipped.getparent().remove(skipped)
    title = "".join(body.find(".//h1").itertext()).strip()
    return Article(url, root.get("lang", ""), title, " ".join(body.itertext()))


def query_set(articles: Iterable[Article], lang: str) -> list[Query]:
    """Titles and words found in exactly one article of `lang`, in a stable order."""
    mine = sorted((a for a in articles if a.lang == lang), key=lambda a: a.url)
    queries = [Query(a.title, "title", lang, a.url) for a in mine]
    kinds = JAPANESE_WORD_KINDS if lang == "ja" else {"word": ENGLISH_WORD_RE}
    for kind, pattern in kinds.items():
        found: dict[str, set[str]] = defaultdict(set)
        for article in mine:
            for word in pattern.findall(article.text):
                word = word.lower() if kind == "word" else word
                if kind != "mixed" or (HAS_KATAKANA_RE.search(word) and HAS_KANJI_RE.search(word)):
                    found[word].add(article.url)
        for word in sorted(found):
            urls = found[word]
            if len(urls) == 1 and _only_in(word, mine, kind) == urls:
                queries.append(Query(word, kind, lang, next(iter(urls))))
    return queries


def _only_in(word: str, articles: list[Article], kind: str) -> set[str]:
    """The articles whose text contains `word` anywhere (case-insensitively for Latin script)."""
    if kind == "word":
        pattern = re.compile(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", re.IGNORECASE)
    else:
        pattern = re.compile(re.escape(word), re.IGNORECASE)
    return {a.url for a in articles if pattern.search(a.title + " " + a.text)}


def recall(found: dict[Query, list[str]], depth: int = 5) -> float:
    """Share of queries whose article is among the first `depth` result URLs."""
    if not found:
        return 0.0
    return sum(query.url in urls[:depth] for query, urls in found.items()) / len(found)
