"""What a post's rendered HTML may not contain: nothing that runs script or embeds another site.

Checked on the HTML that Markdown produced, so raw HTML, attribute lists and link syntax are all
covered; entities are decoded by the parser before a URL's scheme is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

FORBIDDEN_ELEMENTS = {
    "script",
    "iframe",
    "object",
    "embed",
    "form",
    "frame",
    "frameset",
    "applet",
    "base",
    "meta",
    "link",
    "style",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "srcset"}
FORBIDDEN_SCHEMES = ("javascript:", "data:", "vbscript:")
INVISIBLE_RE = re.compile(r"[\x00-\x20\x7f]+")
# Cheap first pass: HTML in which none of these appear cannot break the policy, so only the
# rare page that has one is parsed in full.
SUSPECT_MARKUP_RE = re.compile(
    r"<\s*/?\s*(?:" + "|".join(sorted(FORBIDDEN_ELEMENTS)) + r")\b|[\s/\"']on[a-z]+\s*=",
    re.IGNORECASE,
)
# A URL attribute whose value does not start with a safe scheme yet holds ':' (a scheme, perhaps
# hidden by spaces) or '&' (a character reference that could spell one).
SUSPECT_URL_RE = re.compile(
    r"""(?:href|src|action|formaction|poster|data|background|srcset)\s*=\s*"""
    r"""(?:"(?!\s*(?:https?:|mailto:))[^"]*[:&]|'(?!\s*(?:https?:|mailto:))[^']*[:&]|(?!https?:|mailto:)[^\s>"']*[:&])""",
    re.IGNORECASE,
)


def _looks_suspect(html: str) -> bool:
    return bool(SUSPECT_MARKUP_RE.search(html) or SUSPECT_URL_RE.search(html))


HINT = "use the ```space and ```3dmol blocks for embeds, and Markdown for links and images"


@dataclass(frozen=True)
class Violation:
    what: str  # what to search for in the source to find the line
    message: str


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.violations: list[Violation] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_ELEMENTS:
            self.violations.append(Violation(f"<{tag}", f"raw <{tag}> is not allowed in posts"))
        for name, value in attrs:
            if name.startswith("on"):
                self.violations.append(Violation(name, f"event handler attribute '{name}' on <{tag}> is not allowed"))
            elif name in URL_ATTRIBUTES and value:
                candidates = value.split(",") if name == "srcset" else [value]
                for candidate in candidates:
                    scheme = INVISIBLE_RE.sub("", candidate).lower()
                    bad = next((bad for bad in FORBIDDEN_SCHEMES if scheme.startswith(bad)), None)
                    if bad:
                        self.violations.append(Violation(bad.rstrip(":"), f"'{bad}' URL in {name}= on <{tag}> is not allowed"))

    handle_startendtag = handle_starttag


def find_violations(html: str) -> list[Violation]:
    if not _looks_suspect(html):
        return []
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.violations


def line_in_source(source: str, needle: str) -> int | None:
    lowered = needle.lower()
    for number, line in enumerate(source.splitlines(), start=1):
        if lowered in line.lower():
            return number
    return None
