"""What citations keep for a build: the bibliography read once, and the processor that formats them.

The bibliography is read again when the file changes (a rebuild of `mkdocs serve`); every problem in
it is reported once, with the .bib file's line. Each site language names its CSL locale and its own
corrections to it in `locales/<lang>.yml`.
"""

from __future__ import annotations

from pathlib import Path

from ...locales import Locales
from ...problems import Problem
from .bibtex import Bibliography, read_bibtex
from .csl import bibliography_problems, csl_item
from .locale import csl_locale, month_terms, rewrite_date
from .processor import CitationProcessor, Formatted
from .syntax import Citation, cited_keys


class CitationSession:
    def __init__(self, root: Path, bibliography_file: str, style: str) -> None:
        self.root = root
        self.file = bibliography_file
        self.processor = CitationProcessor(root, style)
        self.locales: Locales | None = None
        self._locale_xml: dict[str, tuple[str, str]] = {}  # language -> its CSL locale tag and XML
        self.bibliography = Bibliography(bibliography_file)
        self.problems: list[Problem] = []
        self._stamp: tuple[int, int] | None = None

    def load(self, locales: Locales) -> list[Problem]:
        """Read the bibliography if it changed; its problems (none when it is fine)."""
        if locales is not self.locales:  # a rebuild of `mkdocs serve` reads the interface text again
            self._locale_xml = {}
        self.locales = locales
        path = self.root / self.file
        if not path.is_file():  # a site that cites nothing needs none; a citation then names the file
            self.bibliography, self._stamp, self.problems = Bibliography(self.file), None, []
            return self.problems
        stat = path.stat()
        if (stat.st_mtime_ns, stat.st_size) != self._stamp:
            self.bibliography = read_bibtex(path.read_text(encoding="utf-8"), self.file)
            self.problems = bibliography_problems(self.bibliography)
            self._stamp = (stat.st_mtime_ns, stat.st_size)
        return self.problems

    def unused(self, prose_by_file: dict[str, str]) -> list[Problem]:
        """Warnings for entries that no post cites (`--strict` fails on them)."""
        cited = {key for prose in prose_by_file.values() for key in cited_keys(prose)}
        return [
            Problem(self.file, entry.line, f"'{key}' is cited by no post; cite it or remove it", warning=True)
            for key, entry in self.bibliography.entries.items()
            if key not in cited
        ]

    def items(self, keys: list[str]) -> list[dict]:
        return [csl_item(self.bibliography.entries[key]) for key in keys if key in self.bibliography.entries]

    def prefetch(self, lang: str, citations: list[Citation]) -> None:
        """Have the processor format a page's citations ahead of its page (see `format`), if it can."""
        keys = _keys(citations)
        if citations and all(key in self.bibliography.entries for key in keys):
            tag, xml = self._locale(lang)
            self.processor.prefetch(tag, xml, self.items(keys), citations)

    def format(self, lang: str, citations: list[Citation]) -> Formatted:
        tag, xml = self._locale(lang)
        items = self.items(_keys(citations))
        formatted = self.processor.format(tag, xml, items, citations)
        patterns = self.locales.raw(lang, "citation_dates")
        if not patterns:
            return formatted
        months, issued = month_terms(xml), {item["id"]: item.get("issued", {}).get("date-parts", [[]])[0] for item in items}
        bibliography = [(key, rewrite_date(html, issued.get(key, []), months, patterns)) for key, html in formatted.bibliography]
        return Formatted(formatted.citations, bibliography)

    def _locale(self, lang: str) -> tuple[str, str]:
        """The CSL locale of `lang`: its tag, and its XML with our corrections."""
        if lang not in self._locale_xml:
            tag = str(self.locales.raw(lang, "citation_locale"))
            terms = self.locales.raw(lang, "citation_terms") or {}
            suffix = self.locales.raw(lang, "citation_year_suffix")
            corrections = tuple(_term(name, text) for name, text in sorted(terms.items()))
            xml = csl_locale(self.root / "node_modules", tag, corrections, None if suffix is None else str(suffix))
            self._locale_xml[lang] = (tag, xml)
        return self._locale_xml[lang]

    def close(self) -> None:
        self.processor.close()


def _keys(citations: list[Citation]) -> list[str]:
    """The works cited, in the order of their first citation."""
    return list(dict.fromkeys(cite.key for citation in citations for cite in citation.cites))


def _term(name: str, text: object) -> tuple[str, str, str]:
    """`et-al` -> ("et-al", "", text); `section/symbol` -> ("section", "symbol", text)."""
    term, _, form = name.partition("/")
    return term, form, str(text)
