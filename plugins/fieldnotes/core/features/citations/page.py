"""The citations of one page, formatted together, and the page's bibliography.

Every placeholder left by the Markdown side becomes its formatted citation, each cited work a link to
its entry; the "References" section lists exactly the works cited, each entry with a link back to
every place that cites it. Problems (an unknown key, a locator without a label, a citation in a
heading or in a link's text) name the line of the citation in the Markdown.
"""

from __future__ import annotations

import html
import json
import re

from selectolax.lexbor import LexborHTMLParser

from ...problems import Problem
from ...source_lines import MarkdownSource
from ..feature import PageContext, PassResult
from .csl import cited_work
from .markdown import PLACEHOLDER_CLASS
from .session import CitationSession
from .syntax import Citation, Cite

PLACEHOLDER_RE = re.compile(
    rf'<cite class="{PLACEHOLDER_CLASS}" data-fn-cite="(?P<data>[^"]*)">(?P<source>.*?)</cite>', re.DOTALL
)
FOOTNOTES_RE = re.compile(r'<div class="footnote">')
SECTION_ID = "references"
# A citation in one of these would put a link in a heading or inside another link.
NO_CITATION_IN = ("a", "h1", "h2", "h3", "h4", "h5", "h6")


def has_citations(page_html: str) -> bool:
    return PLACEHOLDER_CLASS in page_html


def format_citations(page_html: str, context: PageContext, session: CitationSession) -> PassResult:
    matches = list(PLACEHOLDER_RE.finditer(page_html))
    if not matches:
        return PassResult(page_html)
    citations = [_citation(match) for match in matches]
    problems = _problems(page_html, matches, citations, context, session)
    if problems:
        return PassResult(page_html, problems=tuple(problems))
    formatted = session.format(context.lang, citations)
    citing: dict[str, list[int]] = {}  # key -> numbers of the citations that cite it
    parts, position = [], 0
    for number, (match, citation, text) in enumerate(zip(matches, citations, formatted.citations), start=1):
        for cite in citation.cites:
            citing.setdefault(cite.key, []).append(number)
        parts += [page_html[position : match.start()], f'<span class="fn-citation" id="cite-{number}">{text}</span>']
        position = match.end()
    parts.append(page_html[position:])
    body = "".join(parts)
    section = _references(formatted.bibliography, citing, context)
    footnotes = FOOTNOTES_RE.search(body)
    at = footnotes.start() if footnotes else len(body)
    anchors = (
        SECTION_ID,
        *(f"ref-{key}" for key, _ in formatted.bibliography),
        *(f"cite-{n}" for n in range(1, len(matches) + 1)),
    )
    works = tuple(cited_work(item) for item in session.items([key for key, _ in formatted.bibliography]))
    return PassResult(
        body[:at] + section + body[at:],
        anchors=anchors,
        toc=((SECTION_ID, context.text("references")),),
        works=works,
    )


def _citation(match: re.Match[str]) -> Citation:
    data = json.loads(html.unescape(match["data"]))
    cites = tuple(Cite(cite["key"], cite["locator"], cite["label"]) for cite in data["cites"])
    return Citation(data["mode"], cites, match.start(), match.end(), data["problem"])


def _problems(page_html, matches, citations, context: PageContext, session: CitationSession) -> list[Problem]:
    written = [html.unescape(match["source"]) for match in matches]
    pending: list[tuple[int, str, str]] = []  # (citation's index, a needle if it cannot be found as written, message)
    for index, citation in enumerate(citations):
        for cite in citation.cites:
            if cite.key not in session.bibliography.entries:
                guess = session.bibliography.closest_key(cite.key)
                hint = f" Did you mean '{guess}'?" if guess else f" Add it to {session.bibliography.path}."
                pending.append((index, f"@{cite.key}", f"unknown reference '{cite.key}' in {written[index]}.{hint}"))
        if citation.problem:
            pending.append((index, "", f"{written[index]}: {citation.problem}"))
    tree = LexborHTMLParser(page_html, is_fragment=True)
    for index, node in enumerate(tree.css(f"cite.{PLACEHOLDER_CLASS}")):
        ancestor = node.parent
        while ancestor is not None and ancestor.tag not in NO_CITATION_IN:
            ancestor = ancestor.parent
        if ancestor is not None and index < len(written):
            where = "a heading" if ancestor.tag.startswith("h") else "a link's text"
            pending.append((index, "", f"{node.text()} is in {where}: cite in the sentence instead"))
    if not pending:
        return []
    source = context.source()
    lines = _lines(source, written)
    return [
        Problem(source.path, lines[index] or source.locate(written[index], needle), message)
        for index, needle, message in sorted(pending, key=lambda problem: problem[0])
    ]


def _lines(source: MarkdownSource, written: list[str]) -> list[int | None]:
    """The line of each citation, looked for after the previous one: the same citation may be written twice."""
    lines, cursor = [], 0
    for text in written:
        at = source.body.find(text, cursor)
        if at < 0:
            at = source.body.find(text)
        if at >= 0:
            cursor = at + len(text)
        lines.append(source.line_at(at) if at >= 0 else None)
    return lines


def _references(bibliography: list[tuple[str, str]], citing: dict[str, list[int]], context: PageContext) -> str:
    text = context.text
    entries = []
    for key, entry in bibliography:
        links = " ".join(
            f'<a class="fn-references__back" href="#cite-{number}" aria-label="{html.escape(text("cited_at", number=number))}">'
            f"{number}</a>"
            for number in citing.get(key, [])
        )
        entries.append(f'<li id="ref-{key}">{entry} <span class="fn-references__cited">↩ {links}</span></li>')
    heading = text("references")
    return (
        f'<section class="fn-references" aria-labelledby="{SECTION_ID}" data-pagefind-ignore>\n'
        f'<h2 id="{SECTION_ID}">{html.escape(heading)}'
        f'<a class="headerlink" href="#{SECTION_ID}" title="Permanent link">&para;</a></h2>\n'
        f'<ul class="fn-references__list">\n' + "\n".join(entries) + "\n</ul>\n</section>\n"
    )
