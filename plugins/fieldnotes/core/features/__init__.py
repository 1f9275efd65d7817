"""The registry of author syntax: every feature of the site, in the order their passes run.

Each feature is a package here that describes itself with one `Feature` record (see feature.py);
the glue (Markdown set-up, page passes, content policy, CSP, feeds, parity, assets) reads these
records and names no feature. Adding a feature is adding its package and its line below.
"""

from __future__ import annotations

from ..content_policy import MARKDOWN, Allowlist
from . import citations, figures, math, previews, space, viewer
from .feature import Fallback, Feature, Fence

# Mathematics numbers equations before citations format the page; previews come last, for every reference.
FEATURES: tuple[Feature, ...] = (
    viewer.FEATURE,
    space.FEATURE,
    math.FEATURE,
    figures.FEATURE,
    citations.FEATURE,
    previews.FEATURE,
)


def page_markup() -> Allowlist:
    """What a page may hold: what Markdown writes and what every feature writes."""
    allowed = MARKDOWN
    for feature in FEATURES:
        allowed = allowed | feature.markup
    return allowed


def fences() -> list[Fence]:
    return [fence for feature in FEATURES for fence in feature.fences]


def kept_in(paragraph: str) -> list[str]:
    """What each feature's syntax in a paragraph of Markdown a translation keeps as written, in registry order."""
    return [item for feature in FEATURES if feature.kept for item in feature.kept(paragraph)]


def feed_fallbacks() -> dict[tuple[str, str], type[Fallback]]:
    return {marker: fallback for feature in FEATURES for marker, fallback in feature.feed.items()}


def csp_sources() -> dict[str, list[str]]:
    """The sources each directive needs for the features' scripts, in registry order."""
    sources: dict[str, list[str]] = {}
    for feature in FEATURES:
        for directive, values in feature.csp.items():
            sources.setdefault(directive, []).extend(value for value in values if value not in sources[directive])
    return sources


def element_hints() -> dict[str, str]:
    return {element: hint for feature in FEATURES for element, hint in feature.hints.items()}


def text_keys() -> set[str]:
    return {key for feature in FEATURES for key in feature.text_keys}
