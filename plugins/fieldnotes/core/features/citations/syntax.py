"""How an author cites, in Markdown: Pandoc's syntax, read the same way by the build and by every check.

    [@hoffmann2022training]                        parenthetical: (Hoffmann et al., 2022)
    [@hoffmann2022training; @kaplan2020scaling]    several works in one citation
    [@hoffmann2022training, Table 3]               with a locator: (Hoffmann et al., 2022, Table 3)
    [-@hoffmann2022training]                       the year only, when the names are in the sentence: (2022)
    @hoffmann2022training                          narrative: Hoffmann et al. (2022)
    @hoffmann2022training [Table 3]                narrative with a locator: Hoffmann et al. (2022, Table 3)

Locator labels are written in English in every language (the processor prints each language's word).
`\\@` is a literal @; an @ after an ASCII letter or digit (an e-mail address) is not a citation, while
`この比率は@hoffmann2022training が示した` is, as Japanese puts no space before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KEY = r"[A-Za-z0-9](?:[\w:-]*[A-Za-z0-9])?"
# One cited work inside brackets: an optional '-' (year only), the key, an optional locator.
CITE_RE = re.compile(rf"^\s*(?P<year>-)?@(?P<key>{KEY})\s*(?:,\s*(?P<locator>[^;\]]*?))?\s*$")
BRACKETED_RE = re.compile(rf"\[(?P<body>\s*-?@{KEY}[^\[\]]*)\]")
# Not after an ASCII letter or digit (an e-mail address) but right after Japanese text, which has no spaces.
NARRATIVE_RE = re.compile(rf"(?<![A-Za-z0-9_@\\/.:])@(?P<key>{KEY})(?:[ \t]*\[(?P<locator>[^\[\]]+)\](?!\())?")
# Locator words as authors write them -> the CSL locator label.
LABELS = {
    "p.": "page", "pp.": "page", "page": "page", "pages": "page",
    "§": "section", "§§": "section", "section": "section", "sections": "section", "sec.": "section",
    "table": "table", "tab.": "table", "tables": "table",
    "fig.": "figure", "figs.": "figure", "figure": "figure", "figures": "figure",
    "appendix": "appendix", "app.": "appendix",
    "chapter": "chapter", "ch.": "chapter", "chap.": "chapter",
    "eq.": "equation", "eqs.": "equation", "equation": "equation", "equations": "equation",
    "para.": "paragraph", "paragraph": "paragraph",
    "line": "line", "lines": "line", "l.": "line",
    "note": "note", "n.": "note",
}  # fmt: skip
KNOWN_LABELS = "p., §, Table, Fig., Appendix, Chapter, Eq., para., line or note, written in English"
LABEL_RE = re.compile(r"^(?P<label>§§?|[A-Za-z]+\.?)\s*(?P<value>\S.*)$")


@dataclass(frozen=True)
class Cite:
    key: str
    locator: str | None = None
    label: str | None = None  # CSL locator label, e.g. "table"


@dataclass(frozen=True)
class Citation:
    mode: str  # "normal" (parenthetical), "year" (names left out) or "narrative"
    cites: tuple[Cite, ...]
    start: int  # span in the text it was found in
    end: int
    problem: str | None = None  # a locator the build cannot read


def read_locator(text: str | None) -> tuple[str | None, str | None, str | None]:
    """(locator, label, problem) of what follows the comma: `Table 3` -> ("3", "table", None)."""
    if not text or not text.strip():
        return None, None, None
    match = LABEL_RE.match(text.strip())
    label = LABELS.get(match["label"].lower()) if match else None
    if label is None:
        return None, None, f"the locator '{text.strip()}' does not start with a known label ({KNOWN_LABELS})"
    return match["value"], label, None


def _cite(match: re.Match[str]) -> tuple[Cite, str | None]:
    locator, label, problem = read_locator(match["locator"])
    return Cite(match["key"], locator, label), problem


def find_citations(text: str) -> list[Citation]:
    """Every citation of a piece of prose (no code in it), in order."""
    found: list[Citation] = []
    taken: list[tuple[int, int]] = []
    for match in BRACKETED_RE.finditer(text):
        parts = [CITE_RE.match(part) for part in match["body"].split(";")]
        if not all(parts):
            continue
        cites, problems = zip(*(_cite(part) for part in parts))
        year_only = all(part["year"] for part in parts)
        mode = "year" if year_only else "normal"
        found.append(Citation(mode, tuple(cites), match.start(), match.end(), next(filter(None, problems), None)))
        taken.append((match.start(), match.end()))
    for match in NARRATIVE_RE.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        cite, problem = _cite(match)
        found.append(Citation("narrative", (cite,), match.start(), match.end(), problem))
    return sorted(found, key=lambda citation: citation.start)


def cited_keys(prose: str) -> list[str]:
    """The keys a piece of prose cites, first citation first, each once."""
    return list(dict.fromkeys(cite.key for citation in find_citations(prose) for cite in citation.cites))
