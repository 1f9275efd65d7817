"""The ```space fence: a Hugging Face Space shown as a light facade until the reader loads it.

Nothing is requested from Hugging Face before the click: the facade holds the Space's address
in data-* attributes and the loader builds the iframe from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..locale_text import text as ui
from .markup import element, text
from .options import FenceOptionError, FenceProblem, OptionError, check_options, whole_number
from .options import text as text_option

# Hub repository names: letters, digits, '-', '_', '.'; no '-' or '.' at either end.
HUB_NAME_RE = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$")
HUB_NAME_MAX = 96
NOT_IN_HOSTNAME_RE = re.compile(r"[^a-z0-9-]")
ALLOW = ("microphone", "camera", "clipboard-read", "clipboard-write", "fullscreen")
HEIGHT = (200, 2000)


@dataclass(frozen=True)
class SpaceOptions:
    owner: str
    name: str
    title: str
    height: int
    allow: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"{self.owner}/{self.name}"

    @property
    def page_url(self) -> str:
        return f"https://huggingface.co/spaces/{self.owner}/{self.name}"

    @property
    def app_url(self) -> str:
        return f"https://{space_subdomain(self.owner, self.name)}.hf.space"


def space_subdomain(owner: str, name: str) -> str:
    """The Space's host name label: `simonduerr/3dmol.js` is served at simonduerr-3dmol-js.hf.space."""
    return "-".join(NOT_IN_HOSTNAME_RE.sub("-", part.lower()) for part in (owner, name))


def hub_name_problem(part: str) -> str | None:
    if not part:
        return "is empty"
    if len(part) > HUB_NAME_MAX:
        return f"is longer than {HUB_NAME_MAX} characters"
    if not HUB_NAME_RE.match(part):
        return "may only use letters, digits, '-', '_' and '.', and must not start or end with '-' or '.'"
    if "--" in part or ".." in part:
        return "must not contain '--' or '..'"
    return None


def space_id(value: object) -> tuple[str, str]:
    if not isinstance(value, str) or value.count("/") != 1:
        raise OptionError(f"expected the Space as owner/name, e.g. simonduerr/3dmol.js, not {value!r}")
    owner, name = value.strip().split("/")
    for label, part in (("owner", owner), ("name", name)):
        problem = hub_name_problem(part)
        if problem:
            raise OptionError(f"{value!r} is not a valid Space id: the {label} {problem}")
    return owner, name


def permissions(value: object) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if (
        not isinstance(items, list)
        or not all(isinstance(item, str) and item.strip() in ALLOW for item in items)
        or len(set(items)) != len(items)
    ):
        raise OptionError(
            f"expected a list of distinct permissions from {', '.join(ALLOW)}, e.g. [microphone, fullscreen], not {value!r}"
        )
    return tuple(item.strip() for item in items)


CHECKERS = {
    "id": space_id,
    "title": text_option,
    "height": whole_number(*HEIGHT, "pixels"),
    "allow": permissions,
}


def check_space(source: str) -> SpaceOptions:
    """The options of one ```space fence body, or FenceOptionError with every problem."""
    values, lines, problems = check_options(source, CHECKERS)
    if "id" not in lines:
        problems.append(FenceProblem(1, "expected 'id', the Space as owner/name, e.g. id: simonduerr/3dmol.js"))
    if problems:
        raise FenceOptionError("space", sorted(problems, key=lambda p: p.line))
    owner, name = values["id"]
    return SpaceOptions(owner, name, values.get("title") or f"{owner}/{name}", values.get("height", 600), values.get("allow", ()))


def render_space(options: SpaceOptions, lang: str) -> str:
    facade = element(
        "div",
        {"class": "fn-space__facade"},
        element("p", {"class": "fn-space__title"}, text(options.title))
        # Shown by the loader: without JavaScript the button could do nothing, the link below still works.
        + element(
            "button",
            {"class": "md-button md-button--primary fn-space__load", "type": "button", "hidden": ""},
            text(ui(lang, "space_load")),
        )
        + element("p", {"class": "fn-space__note"}, text(ui(lang, "space_note"))),
    )
    box = element("div", {"class": "fn-space__box", "style": f"height: {options.height}px"}, facade)
    link = element(
        "a", {"href": options.page_url, "target": "_blank", "rel": "noopener"}, text(ui(lang, "space_link", id=options.id))
    )
    figure = {
        "class": "fn-space",
        "data-fn-embed": "space",
        "data-src": options.app_url,
        "data-title": options.title,
        "data-allow": "; ".join(options.allow) or None,
    }
    return element("figure", figure, f"\n{box}\n{element('figcaption', {}, link)}\n")
