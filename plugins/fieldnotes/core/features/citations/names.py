"""BibTeX name lists as CSL names: `Family, Given and {Organisation} and others`."""

from __future__ import annotations

import re

from .bibtex import decode

AND_RE = re.compile(r"\s+and\s+", re.IGNORECASE)


def split_names(raw: str) -> list[str]:
    """The names of a list, split on `and` outside braces."""
    names, depth, start = [], 0, 0
    for index, char in enumerate(raw):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            match = AND_RE.match(raw, index)
            if match and index > start:
                names.append(raw[start:index])
                start = match.end()
    names.append(raw[start:])
    return [name.strip() for name in names if name.strip()]


def csl_names(raw: str) -> tuple[list[dict[str, str]], bool]:
    """CSL name objects of a BibTeX list, and whether it ends in `and others` (a list cut short)."""
    names = split_names(raw)
    cut = bool(names) and names[-1].lower() == "others"
    return [_name(name) for name in (names[:-1] if cut else names)], cut


def _name(written: str) -> dict[str, str]:
    if written.startswith("{") and written.endswith("}") and _balanced(written[1:-1]):
        return {"literal": decode(written[1:-1])[0]}  # an organisation, printed as it is
    parts = [decode(part)[0] for part in written.split(",")]
    if len(parts) == 1:
        words = parts[0].split()
        if len(words) == 1:
            return {"literal": parts[0]}
        # BibTeX's "First von Last": the family starts at the first lower-case word, as in "von Last, First".
        start = next((index for index, word in enumerate(words[:-1]) if word[:1].islower()), len(words) - 1)
        return {"family": " ".join(words[start:]), "given": " ".join(words[:start])}
    family, given = parts[0], parts[-1]
    name = {"family": family, "given": given}
    if len(parts) == 3:
        name["suffix"] = parts[1]
    return name


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0
