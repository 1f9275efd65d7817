"""Contributing from a post's page: edit its exact source file, improve or start its translation.

- an original: "Edit this page on GitHub" (its file in posts/ or ja/);
- a translation: the same, and "Improve this translation", the translation-request form filled in;
- a missing translation: "Translate this post" (the guide's translation section) and "Ask for a translation".
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

TRANSLATION_GUIDE = "CONTRIBUTING.md#translating-a-post"
TRANSLATION_FORM = "translation-request.yml"  # in .github/ISSUE_TEMPLATE/; `slug` is the id of its first field
PAGE_STATES = ("original", "translation", "missing")


@dataclass(frozen=True)
class ContributionLink:
    kind: str  # edit | improve | translate | request: the partial's icon and class
    url: str
    label: str


def _translation_form(repo_url: str, slug: str, title: str) -> str:
    query = urlencode({"template": TRANSLATION_FORM, "title": f"[Translation] {title}", "slug": slug})
    return f"{repo_url}/issues/new?{query}"


def contribution_links(
    repo_url: str, branch: str, state: str, source: str, slug: str, title: str, labels: dict[str, str]
) -> list[ContributionLink]:
    """`source` is the post's file as the repository has it (`posts/<slug>.md`, `ja/<slug>.md`); on a missing
    translation, the original's file. `title` names the post in a translation request."""
    if state not in PAGE_STATES:
        raise ValueError(f"unknown page state {state!r}; expected one of {', '.join(PAGE_STATES)}")
    repo_url = repo_url.rstrip("/")
    if state == "missing":
        return [
            ContributionLink("translate", f"{repo_url}/blob/{branch}/{TRANSLATION_GUIDE}", labels["translate_post"]),
            ContributionLink("request", _translation_form(repo_url, slug, title), labels["request_translation"]),
        ]
    links = [ContributionLink("edit", f"{repo_url}/edit/{branch}/{source}", labels["edit_page"])]
    if state == "translation":
        links.append(ContributionLink("improve", _translation_form(repo_url, slug, title), labels["improve_translation"]))
    return links
