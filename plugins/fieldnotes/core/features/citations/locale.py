"""The CSL locale of a site language: the stock one the npm packages ship, with our own corrections.

The stock ja-JP locale leaves terms in English ("and others", "presented at") and puts 年 after
every year; a language's `citation_terms` in `locales/<lang>.yml` replace what its readers would see,
`citation_year_suffix` what follows the year of a citation, and `citation_dates` how a reference's
full date reads (APA writes "2023, May 24", which in Japanese must read 2023年5月24日). The style
itself is never touched.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from xml.dom import minidom

# Where the pinned packages keep their locales: the newest copy wins.
LOCALE_JSON = "@citation-js/plugin-csl/lib/locales.json"
LOCALE_FOLDER = "citeproc-locales/locales"


class LocaleMissing(Exception):
    pass


def stock_locale(node_modules: Path, tag: str) -> str:
    bundled = node_modules / LOCALE_JSON
    if bundled.is_file():
        locales = json.loads(bundled.read_text(encoding="utf-8"))
        if tag in locales:
            return locales[tag]
    path = node_modules / LOCALE_FOLDER / f"locales-{tag}.xml"
    if path.is_file():
        return path.read_text(encoding="utf-8")
    raise LocaleMissing(f"no CSL locale '{tag}' in {node_modules} ({LOCALE_JSON}, {LOCALE_FOLDER}): run `npm ci`")


@cache
def csl_locale(node_modules: Path, tag: str, terms: tuple[tuple[str, str, str], ...], year_suffix: str | None) -> str:
    """The locale XML for `tag` with `terms` ((name, form, text), form "" for the long one) put in place.

    Edited as a DOM (minidom keeps the locale's default namespace as written; ElementTree would need
    a namespace registered for the whole process, where MathML already is).
    """
    document = minidom.parseString(stock_locale(node_modules, tag))
    locale = document.documentElement
    container = next(iter(locale.getElementsByTagName("terms")), None)
    if container is None:
        container = locale.appendChild(document.createElement("terms"))
    for name, form, text in terms:
        for term in list(container.getElementsByTagName("term")):
            if term.getAttribute("name") == name and (term.getAttribute("form") or "long") == (form or "long"):
                container.removeChild(term)
        term = document.createElement("term")
        term.setAttribute("name", name)
        if form:
            term.setAttribute("form", form)
        term.appendChild(document.createTextNode(text))
        container.appendChild(term)
    if year_suffix is not None:
        # The numeric form is the year of an author-date citation; full dates keep the locale's words.
        for date in locale.getElementsByTagName("date"):
            if date.getAttribute("form") == "numeric":
                for part in date.getElementsByTagName("date-part"):
                    if part.getAttribute("name") == "year":
                        part.setAttribute("suffix", year_suffix)
    return document.toxml()


@cache
def month_terms(xml: str) -> dict[int, str]:
    """The long name of each month in a locale's XML: {5: "May"} (ja-JP: {5: "5月"})."""
    terms = {}
    for term in minidom.parseString(xml).getElementsByTagName("term"):
        name = term.getAttribute("name")
        if name.startswith("month-") and (term.getAttribute("form") or "long") == "long" and term.firstChild:
            terms[int(name.removeprefix("month-"))] = term.firstChild.data
    return terms


def rewrite_date(html: str, issued: list[int], months: dict[int, str], patterns: dict[str, str]) -> str:
    """`html` with the style's "(2023, May 24)" for `issued` written as `patterns` says (keys "day", "month")."""
    if len(issued) < 2 or issued[1] not in months:
        return html
    year, month, *day = issued
    written = f"{year}, {months[month]}" + (f" {day[0]}" if day else "")
    pattern = patterns.get("day" if day else "month")
    if not pattern:
        return html
    return html.replace(f"({written})", "(" + pattern.format(year=year, month=month, day=day[0] if day else "") + ")", 1)
