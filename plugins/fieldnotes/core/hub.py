"""Names on the Hugging Face Hub and the hosts of Spaces, for the Space embed and the link check."""

from __future__ import annotations

import re

# Owner and repository names: letters, digits, '-', '_', '.'; no '-' or '.' at either end; no '--' or '..'.
HUB_NAME_RE = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$")
HUB_NAME_MAX = 96
NOT_IN_HOSTNAME_RE = re.compile(r"[^a-z0-9-]")
HUB_HOSTS = {"huggingface.co", "www.huggingface.co", "hf.co"}
SPACE_HOST_SUFFIX = ".hf.space"
SPACE_HOST_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.hf\.space$")


def hub_name_problem(part: str) -> str | None:
    """What is wrong with an owner or repository name, or None."""
    if not part:
        return "is empty"
    if len(part) > HUB_NAME_MAX:
        return f"is longer than {HUB_NAME_MAX} characters"
    if not HUB_NAME_RE.match(part):
        return "may only use letters, digits, '-', '_' and '.', and must not start or end with '-' or '.'"
    if "--" in part or ".." in part:
        return "must not contain '--' or '..'"
    return None


def space_page_problem(path: str) -> str | None:
    """What is wrong with the path of a Space page URL (/spaces/<owner>/<name>[/...]), or None."""
    parts = path.split("/")
    if len(parts) < 4 or parts[0] != "" or parts[1] != "spaces":
        return "expected /spaces/<owner>/<name>"
    for label, part in (("owner", parts[2]), ("name", parts[3])):
        problem = hub_name_problem(part)
        if problem:
            return f"the Space {label} {problem}"
    return None


def space_subdomain(owner: str, name: str) -> str:
    """The Space's host name label: `simonduerr/3dmol.js` is served at simonduerr-3dmol-js.hf.space."""
    return "-".join(NOT_IN_HOSTNAME_RE.sub("-", part.lower()) for part in (owner, name))
