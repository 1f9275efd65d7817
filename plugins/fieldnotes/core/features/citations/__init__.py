"""Citations: `[@key]` in Markdown, formatted by a CSL processor in each language's style, with a
bibliography of the works cited at the end of the page. The works come from one BibTeX file shared
by every language (`references.bib`)."""

from __future__ import annotations

from pathlib import Path

from ...content_policy import Allowlist
from ...fences import prose_of
from ...problems import Problem
from ..feature import Asset, Feature, Inventory, PageContext, PassResult
from .feed import CitationFallback, ReferencesFallback
from .markdown import CitationExtension
from .page import format_citations, has_citations
from .session import CitationSession
from .syntax import find_citations

BIBLIOGRAPHY = "references.bib"
STYLE = "apa"  # an author-date style from the pinned style package; each language brings its own locale


def _inventory(body: str, first_line: int) -> list[Inventory]:
    prose = prose_of(body)
    keys = []
    for citation in find_citations(prose):
        line = first_line + prose.count("\n", 0, citation.start)
        keys += [(line, cite.key) for cite in citation.cites]
    return [Inventory("cited works", tuple({key: (line, key) for line, key in keys}.values()), ordered=False)]


def _kept(paragraph: str) -> list[str]:
    prose = prose_of(paragraph)
    return [prose[citation.start : citation.end] for citation in find_citations(prose)]


def _pass(page_html: str, context: PageContext, session: CitationSession) -> PassResult:
    return format_citations(page_html, context, session)


def _site_problems(session: CitationSession, locales, prose_by_file: dict[str, str]) -> list[Problem]:
    """The bibliography's own problems, then its entries that no post cites (warnings)."""
    problems = session.load(locales)
    return problems if any(not problem.warning for problem in problems) else problems + session.unused(prose_by_file)


def _prepare(session: CitationSession, posts: list[tuple[str, str]]) -> None:
    """Every post's citations handed to the processor now, in the order MkDocs builds the pages."""
    for lang in session.locales.languages if session.locales else ():
        for post_lang, prose in posts:
            if post_lang == lang:
                session.prefetch(lang, find_citations(prose))


FEATURE = Feature(
    name="citations",
    markup=Allowlist.of("i", section="aria-labelledby data-pagefind-ignore", cite="data-fn-cite"),
    extensions=lambda context: [CitationExtension()],
    page_pass=_pass,
    used=lambda page_html: 'class="fn-citation"' in page_html,
    assets=(Asset("assets/citations/citations.css", Path(__file__).parent / "assets" / "citations.css", link="stylesheet"),),
    feed={("class", "fn-citation"): CitationFallback, ("class", "fn-references"): ReferencesFallback},
    inventory=_inventory,
    kept=_kept,
    text_keys=("references", "cited_at", "citation_locale", "citation_terms", "citation_year_suffix", "citation_dates"),
    session=lambda root: CitationSession(Path(root), BIBLIOGRAPHY, STYLE),
    site_problems=_site_problems,
    prepare=_prepare,
)

__all__ = ["FEATURE", "has_citations"]
