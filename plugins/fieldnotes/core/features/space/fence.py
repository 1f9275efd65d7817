"""The ```space fence: a Hugging Face Space shown as a light facade until the reader loads it.

Nothing is requested from Hugging Face before the click: the facade holds the Space's address
in data-* attributes and the loader builds the iframe from them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...hub import hub_name_problem, space_subdomain
from ...markup import element, text
from ...problems import Problem
from ...validation import Field, Schema, line_of_text, whole_number
from ..feature import Text
from ..fence_options import FenceOptionError, check_options

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


def space_id(value: object) -> tuple[str, str]:
    if not isinstance(value, str) or value.count("/") != 1:
        raise ValueError(f"expected the Space as owner/name, e.g. simonduerr/3dmol.js, not {value!r}")
    owner, name = value.strip().split("/")
    for label, part in (("owner", owner), ("name", name)):
        problem = hub_name_problem(part)
        if problem:
            raise ValueError(f"{value!r} is not a valid Space id: the {label} {problem}")
    return owner, name


def permissions(value: object) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if (
        not isinstance(items, list)
        or not all(isinstance(item, str) and item.strip() in ALLOW for item in items)
        or len(set(items)) != len(items)
    ):
        raise ValueError(
            f"expected a list of distinct permissions from {', '.join(ALLOW)}, e.g. [microphone, fullscreen], not {value!r}"
        )
    return tuple(item.strip() for item in items)


SCHEMA = Schema(
    {
        "id": Field(space_id),
        "title": Field(line_of_text),
        "height": Field(whole_number(*HEIGHT, "pixels"), default=600),
        "allow": Field(permissions, default=()),
    },
    noun="option",
)


def check_space(source: str) -> SpaceOptions:
    """The options of one ```space fence body, or FenceOptionError with every problem."""
    values, lines, problems = check_options(source, SCHEMA)
    if "id" not in lines:
        problems.append(Problem("", 1, "expected 'id', the Space as owner/name, e.g. id: simonduerr/3dmol.js"))
    if problems:
        raise FenceOptionError("space", sorted(problems, key=lambda p: p.line))
    owner, name = values["id"]
    return SpaceOptions(owner, name, values["title"] or f"{owner}/{name}", values["height"], values["allow"])


def render_space(options: SpaceOptions, ui: Text) -> str:
    facade = element(
        "div",
        {"class": "fn-space__facade"},
        element("p", {"class": "fn-space__title"}, text(options.title))
        # Shown by the loader: without JavaScript the button could do nothing, the link below still works.
        + element(
            "button",
            {"class": "md-button md-button--primary fn-space__load", "type": "button", "hidden": ""},
            text(ui("space_load")),
        )
        + element("p", {"class": "fn-space__note"}, text(ui("space_note"))),
    )
    box = element("div", {"class": "fn-space__box", "style": f"height: {options.height}px"}, facade)
    link = element("a", {"href": options.page_url, "target": "_blank", "rel": "noopener"}, text(ui("space_link", id=options.id)))
    figure = {
        "class": "fn-space",
        "data-fn-embed": "space",
        "data-src": options.app_url,
        "data-title": options.title,
        "data-allow": "; ".join(options.allow) or None,
    }
    return element("figure", figure, f"\n{box}\n{element('figcaption', {}, link)}\n")
