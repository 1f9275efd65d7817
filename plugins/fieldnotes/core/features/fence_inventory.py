"""What a translation keeps of a fenced block: every option but those it may translate (captions, titles)."""

from __future__ import annotations

import yaml

from ..fences import find_fences
from .feature import Inventory


def fence_inventory(name: str, what: str, translatable: frozenset[str]):
    """The inventory function of the ```name blocks of a post, named `what` in messages."""

    def inventory(body: str, first_line: int) -> list[Inventory]:
        items = []
        for fence in find_fences(body, first_line):
            if fence.lang != name:
                continue
            try:
                options = yaml.safe_load(fence.body) or {}
            except yaml.YAMLError:
                options = {"unreadable": fence.body}  # the build reports the syntax; parity compares the text
            if isinstance(options, dict):
                options = {key: value for key, value in options.items() if key not in translatable}
            items.append((fence.line, options))
        return [Inventory(what, tuple(items))]

    return inventory
