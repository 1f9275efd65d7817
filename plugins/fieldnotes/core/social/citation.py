"""How to cite a post: a BibTeX entry and a plain-text reference, in the page's language.

The entry is biblatex's `@online` (BibTeX styles read it as `@misc`). Each author name is braced,
so a Japanese family-name-first name or "The editors" is printed as written, not reordered.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# BibTeX/LaTeX special characters and what stands for them.
BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
BIBTEX_SPECIALS_RE = re.compile("|".join(re.escape(char) for char in BIBTEX_SPECIALS))
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")  # BibTeX's month macros
URL_UNSAFE_RE = re.compile(r"[\s{}\\]")


@dataclass(frozen=True)
class CitationFacts:
    slug: str
    title: str
    authors: tuple[str, ...]  # names as the page's language writes them
    published: dt.date
    url: str  # canonical, absolute
    site_name: str
    bibtex_language: str  # biblatex's name of the page's language, or "" to leave the field out
    accessed: dt.date | None = None  # the build date, as `urldate`


def bibtex_escape(text: str) -> str:
    return BIBTEX_SPECIALS_RE.sub(lambda match: BIBTEX_SPECIALS[match.group(0)], " ".join(text.split()))


def citation_key(slug: str, year: int) -> str:
    """Stable across builds and languages: the slug and the year of publication."""
    return f"{slug}-{year}"


def bibtex(cite: CitationFacts) -> str:
    if URL_UNSAFE_RE.search(cite.url):
        raise ValueError(f"{cite.url!r} cannot go into a BibTeX url field")
    fields = [
        ("author", "{" + " and ".join("{" + bibtex_escape(name) + "}" for name in cite.authors) + "}"),
        ("title", "{{" + bibtex_escape(cite.title) + "}}"),  # double braces keep the title's capitals
        ("organization", "{" + bibtex_escape(cite.site_name) + "}"),
        ("year", str(cite.published.year)),
        ("month", MONTHS[cite.published.month - 1]),
        ("date", "{" + cite.published.isoformat() + "}"),
        ("url", "{" + cite.url + "}"),
    ]
    if cite.accessed:
        fields.append(("urldate", "{" + cite.accessed.isoformat() + "}"))
    if cite.bibtex_language:
        fields.append(("language", "{" + cite.bibtex_language + "}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@online{{{citation_key(cite.slug, cite.published.year)},\n{body}\n}}"


def plain_reference(cite: CitationFacts, labels: dict[str, str]) -> str:
    """`Author, Author (Year). Title. Site. URL` in the form `labels["cite_format"]` gives for the language."""
    return labels["cite_format"].format(
        authors=labels["list_separator"].join(cite.authors),
        year=cite.published.year,
        title=" ".join(cite.title.split()),
        site=cite.site_name,
        url=cite.url,
    )


def cite_block(cite: CitationFacts, labels: dict[str, str]) -> dict:
    """What the cite partial shows: its labels, the BibTeX entry and the reference, as plain text."""
    return {
        "summary": labels["cite_summary"],
        "bibtex_label": labels["cite_bibtex"],
        "reference_label": labels["cite_reference"],
        "bibtex": bibtex(cite),
        "reference": plain_reference(cite, labels),
    }
