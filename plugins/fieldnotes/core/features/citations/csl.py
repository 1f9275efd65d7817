"""BibTeX entries as CSL-JSON items, the input of the citation processor, and the checks an entry must pass.

Each entry type maps onto the CSL type whose rules fit the work: journal articles, conference papers,
arXiv preprints (CSL `article`, numbered arXiv:<id>), web pages and blog posts, software, reports and
books. A work must be reachable: a DOI, an arXiv id or a URL.
"""

from __future__ import annotations

import re

from ...problems import Problem
from ..feature import CitedWork
from .bibtex import Bibliography, Entry
from .names import csl_names

# BibTeX type -> CSL type; a @misc with an arXiv eprint is a preprint.
TYPES = {
    "article": "article-journal",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "misc": "document",
    "online": "webpage",
    "software": "software",
    "techreport": "report",
    "report": "report",
    "book": "book",
    "incollection": "chapter",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "dataset": "dataset",
}
# Set on an item whose BibTeX author list ends in `and others`: format.mjs prints "et al." after the names.
MORE_AUTHORS = "fn-more-authors"
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
# Fields copied as they are: BibTeX name -> CSL variable.
TEXT_FIELDS = {
    "title": "title",
    "volume": "volume",
    "pages": "page",
    "publisher": "publisher",
    "address": "publisher-place",
    "edition": "edition",
    "version": "version",
    "note": "note",
    "series": "collection-title",
}


def entry_problems(entry: Entry, path: str) -> list[Problem]:
    problems = []
    if entry.type not in TYPES:
        known = ", ".join(f"@{name}" for name in TYPES)
        problems.append(Problem(path, entry.line, f"'{entry.key}': unknown entry type @{entry.type}; use one of {known}"))
    if not any(name in entry.fields for name in ("doi", "eprint", "url")):
        problems.append(
            Problem(path, entry.line, f"'{entry.key}' has no doi, eprint or url: a reader must be able to find the work")
        )
    for name in ("title", "author"):
        if not entry.fields.get(name):
            problems.append(Problem(path, entry.line, f"'{entry.key}' has no {name}"))
    for name in ("date", "urldate"):
        if name in entry.fields and not DATE_RE.match(entry.fields[name]):
            problems.append(
                Problem(path, entry.lines[name], f"'{entry.key}': {name} must be written YYYY, YYYY-MM or YYYY-MM-DD")
            )
    if "year" in entry.fields and not entry.fields["year"].isdigit():
        problems.append(Problem(path, entry.lines["year"], f"'{entry.key}': year must be a number, e.g. 2022"))
    return problems


def bibliography_problems(bibliography: Bibliography) -> list[Problem]:
    return bibliography.problems + [
        problem for entry in bibliography.entries.values() for problem in entry_problems(entry, bibliography.path)
    ]


def csl_item(entry: Entry) -> dict:
    """The CSL-JSON item of a checked entry."""
    fields = entry.fields
    item: dict = {"id": entry.key, "type": TYPES.get(entry.type, "document")}
    for name, variable in TEXT_FIELDS.items():
        if fields.get(name):
            item[variable] = fields[name]
    if "author" in entry.raw:
        item["author"], cut = csl_names(entry.raw["author"])
        if cut:
            item[MORE_AUTHORS] = True
    if "editor" in entry.raw:
        item["editor"], _ = csl_names(entry.raw["editor"])
    container = fields.get("journal") or fields.get("booktitle") or fields.get("journaltitle")
    if container:
        item["container-title"] = container
    elif fields.get("organization") and item["type"] == "webpage":
        item["container-title"] = fields["organization"]  # the site, printed after the title
    elif fields.get("organization") or fields.get("institution"):
        item.setdefault("publisher", fields.get("organization") or fields["institution"])
    if "page" in item:
        item["page"] = item["page"].replace("--", "-")  # BibTeX's range; the processor writes the dash
    if fields.get("number"):
        item["issue" if item["type"] == "article-journal" else "number"] = fields["number"]
    issued = _date(fields.get("date")) or ([int(fields["year"])] if fields.get("year", "").isdigit() else None)
    if issued:
        item["issued"] = {"date-parts": [issued]}
    accessed = _date(fields.get("urldate"))
    if accessed:
        item["accessed"] = {"date-parts": [accessed]}
    if fields.get("doi"):
        item["DOI"] = fields["doi"]
    if fields.get("url"):
        item["URL"] = fields["url"]
    if fields.get("eprint") and fields.get("archiveprefix", "arxiv").lower() == "arxiv":
        _as_preprint(item, fields["eprint"])
    return item


def _as_preprint(item: dict, eprint: str) -> None:
    """An arXiv id: a preprint (unless the work was published) numbered arXiv:<id>, linked when nothing else is."""
    if item["type"] == "document":
        item["type"] = "article"
        item["number"] = f"arXiv:{eprint}"
        item.setdefault("publisher", "arXiv")
    if "DOI" not in item:
        item.setdefault("URL", f"https://arxiv.org/abs/{eprint}")


def _date(value: str | None) -> list[int] | None:
    match = DATE_RE.match(value or "")
    return [int(part) for part in match.groups() if part] if match else None


def cited_work(item: dict) -> CitedWork:
    """What the sharing metadata says of a CSL item: names, date and where to find the work."""
    doi = item.get("DOI", "")
    number = str(item.get("number", ""))
    return CitedWork(
        kind=item["type"],
        title=item.get("title", ""),
        authors=tuple(_written(name) for name in item.get("author", ())),
        issued=tuple(item["issued"]["date-parts"][0]) if "issued" in item else (),
        container=item.get("container-title", ""),
        publisher=item.get("publisher", ""),
        doi=doi,
        url=f"https://doi.org/{doi}" if doi else item.get("URL", ""),
        preprint=number.removeprefix("arXiv:") if number.startswith("arXiv:") else "",
    )


def _written(name: dict[str, str]) -> tuple[str, str]:
    return (name["literal"], "") if "literal" in name else (name.get("family", ""), name.get("given", ""))
