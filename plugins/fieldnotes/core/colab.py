"""Colab and GitHub links to a notebook of the site's repository, built from `repo_url` and a branch."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

GITHUB_URL_RE = re.compile(
    r"^https://github\.com/(?P<owner>[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)/(?P<name>[A-Za-z0-9._-]+?)(?:\.git)?/?$"
)
BRANCH_RE = re.compile(r"^[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*$")
# "edit/main/" or "blob/main/docs/": MkDocs' edit_uri names the branch the site is edited on.
EDIT_URI_BRANCH_RE = re.compile(r"^/?(?:edit|blob|tree)/([^/]+)/")


@dataclass(frozen=True)
class Repository:
    owner: str
    name: str
    branch: str

    def blob_path(self, path: str) -> str:
        return f"{self.owner}/{self.name}/blob/{quote(self.branch)}/{quote(path)}"

    def colab_url(self, path: str) -> str:
        return f"https://colab.research.google.com/github/{self.blob_path(path)}"

    def github_url(self, path: str) -> str:
        return f"https://github.com/{self.blob_path(path)}"


def github_repository(repo_url: str | None, branch: str) -> Repository:
    """The repository of `repo_url`; ValueError says what is wrong with either value."""
    match = GITHUB_URL_RE.match(repo_url or "")
    if not match:
        raise ValueError(
            f"'repo_url' must be a GitHub repository such as https://github.com/<owner>/<repo> for Colab links, not {repo_url!r}"
        )
    if not BRANCH_RE.match(branch) or ".." in branch:
        raise ValueError(f"'branch' must be a git branch name such as main, not {branch!r}")
    return Repository(match["owner"], match["name"], branch)


def edit_uri_branch(edit_uri: str | None) -> str | None:
    """The branch an `edit_uri` such as `edit/main/` names, if any."""
    match = EDIT_URI_BRANCH_RE.match(edit_uri or "")
    return match.group(1) if match else None
