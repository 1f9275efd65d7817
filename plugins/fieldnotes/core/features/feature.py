"""The record a piece of author syntax registers: everything the rest of the site needs to know about it.

A feature (the 3D viewer, the Space embed, mathematics, citations, numbered figures, reference
previews) lives in one package under `core/features/` and describes itself here: how it reads
Markdown, what it does to a rendered page, the markup it writes (for the content policy), its
fallback in feeds, what a translation must keep of it, the files readers load, the sources its
scripts reach (for the CSP) and the interface text it uses. The glue loops over the records; no
module outside a feature's package names it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..content_policy import Allowlist
from ..problems import Problem
from ..source_lines import MarkdownSource

# The interface text of the page's language: key and values -> string.
Text = Callable[..., str]


@dataclass
class PageContext:
    """What a feature knows of the page being built. The glue fills it in before the page's Markdown."""

    lang: str
    text: Text
    source: Callable[[], MarkdownSource]  # the Markdown the author edits; read only to name a line
    url: Callable[[str], str | None]  # a path under posts/ -> its URL relative to the page, if the file exists
    file: Callable[[str], Path | None]  # a path under posts/ -> the file, if it exists
    # Problems found while Markdown renders: (text to find the line by, message), reported after the page.
    pending: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    languages: tuple[str, ...] = ()  # every language of the site, the default first

    def report(self, needles: tuple[str, ...], message: str) -> None:
        self.pending.append((needles, message))

    def located(self) -> list[Problem]:
        """The pending problems, each with its file and line (the Markdown is read only now)."""
        if not self.pending:
            return []
        source = self.source()
        return [Problem(source.path, source.locate(*needles), message) for needles, message in self.pending]


@dataclass(frozen=True)
class CitedWork:
    """A work the page cites, as the page's sharing metadata describes it to indexers."""

    kind: str  # the CSL type: article-journal, paper-conference, article (a preprint), webpage, software, ...
    title: str
    authors: tuple[tuple[str, str], ...]  # (family, given) of each person; an organisation has no given name
    issued: tuple[int, ...] = ()  # year, and month and day when known
    container: str = ""  # the journal, the proceedings or the site
    publisher: str = ""
    doi: str = ""
    url: str = ""  # where a reader finds the work; a DOI's address when it has one
    preprint: str = ""  # the arXiv id


@dataclass(frozen=True)
class PassResult:
    """A feature's pass over a page's rendered HTML."""

    html: str
    anchors: tuple[str, ...] = ()  # ids the pass added, for the generator's link check
    problems: tuple[Problem, ...] = ()
    toc: tuple[tuple[str, str], ...] = ()  # (id, title) of sections the pass added at the top level
    works: tuple[CitedWork, ...] = ()  # the works the page cites, in the order of its bibliography


@dataclass(frozen=True)
class Fence:
    """A fenced block (```name) whose body holds `key: value` options."""

    name: str
    css_class: str
    # Checks a fence body and returns its options, or raises FenceOptionError listing every problem.
    check: Callable[[str, PageContext], object]
    render: Callable[[object, PageContext], str]
    translatable: frozenset[str] = frozenset()  # options a translation may change (captions, titles)


@dataclass(frozen=True)
class Asset:
    """A file readers load on the pages that use the feature, written into the site once."""

    target: str  # path in the site, e.g. assets/<feature>/<file>.js
    # The file, relative to the project root (node_modules) or absolute, or what writes its bytes.
    source: Path | Callable[[Path], bytes]
    link: str | None = None  # "stylesheet", "script" (deferred) or "font" (preloaded); None: copied only
    when: Callable[[str], bool] | None = None  # linked only on pages whose HTML says so
    # data-* attributes of a script's tag, from the page language's interface text: {"go": "preview_go"}.
    data: Mapping[str, str] = field(default_factory=dict)
    missing: str = ""  # what to tell an author whose page needs the file when it is not installed


@dataclass(frozen=True)
class Inventory:
    """What a translation must keep of a feature: items in order, each with its line in the file."""

    what: str  # how messages name them, e.g. "equation ids"
    items: tuple[tuple[int | None, object], ...]
    ordered: bool = True  # False: the same set, in any order
    count_only: bool = False  # only how many (the items are the same shared text in every language)


@dataclass(frozen=True)
class Feature:
    name: str
    markup: Allowlist = field(default_factory=Allowlist)  # what the feature writes into pages
    fences: tuple[Fence, ...] = ()
    # Python-Markdown extensions the feature adds, given the page context they render with.
    extensions: Callable[[PageContext], list] | None = None
    # The pass over each page's HTML after Markdown, in registry order, with the feature's session.
    page_pass: Callable[[str, PageContext, object], PassResult] | None = None
    used: Callable[[str], bool] = lambda html: False  # the finished page needs the feature's assets
    assets: tuple[Asset, ...] = ()
    # Feed readers run no script: an element with one of these (attribute, value) becomes what its Fallback writes.
    feed: Mapping[tuple[str, str], type[Fallback]] = field(default_factory=dict)
    inventory: Callable[[str, int], list[Inventory]] | None = None  # of a post's Markdown body
    # What a translation of one paragraph keeps as written (citations, formulas): listed in its draft's placeholder.
    kept: Callable[[str], list[str]] | None = None
    csp: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # sources its scripts reach
    text_keys: tuple[str, ...] = ()  # interface text it uses (locales/<lang>.yml)
    hints: Mapping[str, str] = field(default_factory=dict)  # element -> what to write instead, for policy messages
    # A resource kept for a build session (a Node process, a bibliography): made once from the project
    # root, given to page_pass and site_problems, closed at the end.
    session: Callable[[Path], object] | None = None
    # Problems that span the site, given the session, the interface text and every post's prose (code left
    # out) by file: checked once per build, before any page.
    site_problems: Callable[[object, object, dict[str, str]], list[Problem]] | None = None
    # Work to start before any page is built, given the session and every post's (language, prose): the
    # citations are formatted by Node on the other core while MkDocs renders pages.
    prepare: Callable[[object, list[tuple[str, str]]], None] | None = None


class Fallback:
    """What an element a feature marks becomes in a feed (feed readers run no script).

    The element's content comes in element by element, as rewritten for feeds (absolute URLs, no
    handlers); the feature's subclass keeps what it wants (`opened`, `closed`, `write`) and writes
    the whole element when its end tag comes (`html`). Attributes other than data-* and class stay.
    """

    def __init__(self, attrs: list[tuple[str, str | None]], page_url: str, labels: dict[str, str]) -> None:
        self.page_url, self.labels = page_url, labels
        self.attrs = [(name, value) for name, value in attrs if not name.startswith("data-") and name != "class"]
        self.data = dict(attrs)
        self.open: list[tuple[str, dict[str, str | None]]] = []  # elements open inside this one

    def start(self, tag: str, attrs: dict[str, str | None], text: str, void: bool) -> None:
        self.opened(tag, attrs, text)
        if not void:
            self.open.append((tag, attrs))

    def end(self, tag: str) -> bool:
        """Take an end tag; True when it closes the element itself."""
        if not self.open:
            return True
        self.closed(tag)
        while self.open and self.open.pop()[0] != tag:
            pass
        return False

    def opened(self, tag: str, attrs: dict[str, str | None], text: str) -> None:
        self.write(text)

    def closed(self, tag: str) -> None:
        self.write(f"</{tag}>")

    def write(self, text: str) -> None:
        """Text or markup inside the element; left out unless the feature keeps it."""

    def html(self) -> str:
        raise NotImplementedError


class KeepingFallback(Fallback):
    """A fallback that keeps what it is given, in order (`parts`), for its `html` to wrap."""

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self.parts: list[str] = []

    def write(self, text: str) -> None:
        self.parts.append(text)
