"""What a page's rendered HTML may hold: the elements and attributes our Markdown and features write,
and nothing else.

The HTML is parsed as a browser parses it (Lexbor implements the WHATWG parsing algorithm), in the
context the theme puts it in, so a comment a browser ends early (`<!-->`), a CDATA section outside
SVG or an attribute left open cannot hide markup from the check. Each feature adds the markup it
writes (`Allowlist`); anything else is a `Violation`, with text to find its line in the Markdown.
Comments and CDATA sections are refused, not dropped: nothing reaches readers unchecked.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

# Attributes any allowed element may carry: they name, label or hide, and cannot fetch or run anything.
GLOBAL_ATTRIBUTES = frozenset(
    ("id", "class", "title", "lang", "dir", "hidden", "tabindex", "role", "translate")
    + ("aria-label", "aria-labelledby", "aria-describedby", "aria-hidden", "aria-live", "aria-expanded", "aria-controls")
)
LINK_SCHEMES = ("http", "https", "mailto")
SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# What a URL parser ignores: leading and trailing controls and spaces, and tabs and newlines anywhere.
URL_TRIM_RE = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
URL_IGNORED_RE = re.compile(r"[\t\n\r]")
# Declarations such as `text-align: center` or `height: 400px`: no parentheses, so no url() or expression().
SAFE_STYLE_RE = re.compile(r"^\s*(?:[a-z-]+\s*:\s*[#\w.%+ -]+\s*;?\s*)*$", re.IGNORECASE)

UNCLOSED_MESSAGE = "markup is left open (an element, attribute or comment never ends): it would swallow the rest of the page"
COMMENT_MESSAGE = "HTML comments and CDATA sections are not allowed: browsers and feed readers disagree on where they end"
HINT = "write Markdown and the site's blocks (CONTRIBUTING.md lists them), and put figures in files under posts/assets/"
ELEMENT_HINTS = {
    "script": "posts cannot run script",
    "svg": "draw figures as files under posts/assets/<slug>/ and show them as images",
    "style": "the site's stylesheet styles posts",
    "form": "posts cannot hold forms",
}


@dataclass(frozen=True)
class Allowlist:
    """Elements a page may hold, each with the attributes it may carry besides GLOBAL_ATTRIBUTES."""

    elements: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, plain: str = "", **elements: str) -> Allowlist:
        """`Allowlist.of("p em", a="href rel")`: elements without attributes of their own, then each element
        with its space-separated attributes (`del_` for `del`, `annotation_xml` for `annotation-xml`)."""
        named = {tag.rstrip("_").replace("_", "-"): frozenset(names.split()) for tag, names in elements.items()}
        return cls({**dict.fromkeys(plain.split(), frozenset()), **named})

    def __or__(self, other: Allowlist) -> Allowlist:
        tags = self.elements.keys() | other.elements.keys()
        return Allowlist({tag: self.elements.get(tag, frozenset()) | other.elements.get(tag, frozenset()) for tag in tags})

    def allows(self, tag: str, attribute: str) -> bool:
        return attribute in GLOBAL_ATTRIBUTES or attribute in self.elements.get(tag, ())


# What Python-Markdown and the extensions in mkdocs.yml write: headings with permalinks, lists,
# tables (aligned cells carry a style), footnotes, admonitions, details, abbreviations, code.
MARKDOWN = Allowlist.of(
    "p br hr em strong b i u s small mark kbd samp var code sub sup wbr cite dfn abbr h1 h2 h3 h4 h5 h6 div span pre"
    " ul dl dt dd summary table caption thead tbody tfoot tr figure figcaption",
    a="href rel target hreflang download",
    img="src srcset alt width height loading decoding",
    blockquote="cite",
    q="cite",
    del_="cite datetime",
    ins="cite datetime",
    ol="start type reversed",
    li="value",
    details="open",
    colgroup="span",
    col="span",
    th="style scope colspan rowspan",
    td="style colspan rowspan",
    time="datetime",
)


@dataclass(frozen=True)
class Violation:
    needles: tuple[str, ...]  # text to look for in the Markdown, most precise first
    message: str


def find_violations(html: str, allowlist: Allowlist, hints: Mapping[str, str] | None = None) -> list[Violation]:
    """Everything in `html` (a page's content) that `allowlist` does not allow, in document order; `hints`
    say what to write instead of an element (the features' blocks)."""
    token = secrets.token_hex(8)
    tree = _parse_with_end(html, token)
    hints = {**ELEMENT_HINTS, **(hints or {})}
    violations = [violation for node in _siblings(tree.root) for violation in _check_tree(node, allowlist, hints)]
    if not _ends_whole(tree, token):
        # What the open markup made of the end marker is not the author's: report the opening only.
        violations = [violation for violation in violations if token not in violation.message]
        violations.append(Violation(_where_left_open(html, token), UNCLOSED_MESSAGE))
    return violations


def _parse_with_end(html: str, token: str) -> LexborHTMLParser:
    # Markup a contributor cannot guess, put where the theme continues the page: if the content
    # left an element, attribute, comment or raw-text element open, it is not found whole at the end.
    return LexborHTMLParser(f'{html}<p data-fn-end="{token}"></p>', is_fragment=True, scripting=True)


def _ends_whole(tree: LexborHTMLParser, token: str) -> bool:
    last = None
    for last in _siblings(tree.root):
        pass
    return last is not None and last.tag == "p" and last.attributes.get("data-fn-end") == token


def _where_left_open(html: str, token: str) -> tuple[str, ...]:
    """The HTML line where the markup that never ends begins (the first line whose prefix stays open), as needles."""
    lines = html.split("\n")
    closed, open_ = 0, len(lines)
    while open_ - closed > 1:
        middle = (closed + open_) // 2
        if _ends_whole(_parse_with_end("\n".join(lines[:middle]), token), token):
            closed = middle
        else:
            open_ = middle
    line = lines[open_ - 1].strip()
    return (line, line.removeprefix("<p>").removesuffix("</p>"), line[line.rfind("<") :])


def _siblings(node: LexborNode | None) -> Iterator[LexborNode]:
    while node is not None:
        yield node
        node = node.next


def _check_tree(top: LexborNode, allowlist: Allowlist, hints: Mapping[str, str]) -> Iterator[Violation]:
    stack = [top]
    while stack:
        node = stack.pop()
        if node.is_element_node:
            yield from _check_element(node, allowlist, hints)
        elif not node.is_text_node:
            # Comments, CDATA sections (a comment to an HTML parser) and processing instructions.
            written = node.html if node.is_comment_node else ""
            yield Violation((written, "<![CDATA[", "<?", "<!--"), COMMENT_MESSAGE)
        stack.extend(reversed(list(_siblings(node.child))))


def _check_element(node: LexborNode, allowlist: Allowlist, hints: Mapping[str, str]) -> Iterator[Violation]:
    tag = node.tag
    if tag == "p" and "data-fn-end" in node.attributes:
        return
    if tag not in allowlist.elements:
        hint = hints.get(tag)
        yield Violation((f"<{tag}",), f"<{tag}> is not allowed in posts" + (f" ({hint})" if hint else ""))
        return
    attributes = node.attributes
    for name, value in attributes.items():
        value = value or ""
        if name.startswith("on"):
            yield Violation((f"{name}=", value), f"event handler attribute '{name}' on <{tag}> is not allowed")
        elif not allowlist.allows(tag, name):
            yield Violation((f"{name}=", f"<{tag}"), f"attribute '{name}' on <{tag}> is not allowed")
        else:
            message = _value_problem(tag, name, value, attributes)
            if message:
                yield Violation((value, f"{name}="), message)


def _value_problem(tag: str, name: str, value: str, attributes: Mapping[str, str | None]) -> str | None:
    if name in ("href", "cite"):
        return _link_problem(tag, name, value)
    if name in ("src", "srcset"):
        urls = [candidate.split()[0] for candidate in value.split(",") if candidate.split()] if name == "srcset" else [value]
        return next(filter(None, (_image_problem(tag, name, url) for url in urls)), None)
    if name == "style" and not SAFE_STYLE_RE.match(value):
        return f"style='{value}' on <{tag}> is not allowed: only plain declarations such as `text-align: center`"
    if name == "target":
        rel = (attributes.get("rel") or "").lower().split()
        if "noopener" not in rel and "noreferrer" not in rel:
            return f"target='{value}' on <{tag}> needs rel=\"noopener\": the opened page could otherwise redirect this one"
    return None


def url_scheme(value: str) -> str | None:
    """The scheme a browser reads in a URL attribute, lower case, or None for a relative URL."""
    cleaned = URL_IGNORED_RE.sub("", URL_TRIM_RE.sub("", value))
    match = SCHEME_RE.match(cleaned)
    return match.group(1).lower() if match else None


def _link_problem(tag: str, name: str, value: str) -> str | None:
    scheme = url_scheme(value)
    if scheme is None or scheme in LINK_SCHEMES:
        return None
    return f"'{scheme}:' URL in {name}= on <{tag}> is not allowed: links use https:, http:, mailto: or a path"


def _image_problem(tag: str, name: str, value: str) -> str | None:
    cleaned = URL_IGNORED_RE.sub("", URL_TRIM_RE.sub("", value)).replace("\\", "/")
    scheme = url_scheme(value)
    if scheme is None and not cleaned.startswith("//"):
        return None
    where = f"'{scheme}:' URL" if scheme and scheme not in LINK_SCHEMES else f"another site ({value})"
    return f"{name}= on <{tag}> points to {where}: images are served by this site, from files under posts/assets/<slug>/"
