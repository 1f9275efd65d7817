"""The built site on disk and the mkdocs.yml it came from: which files exist and where a URL leads."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

import yaml

from ..core.colab import edit_uri_branch
from ..core.routes import FEED_JSON, FEED_RSS
from ..core.search.bundle import ENTRY_FILE, FRAGMENT_SUFFIX
from ..core.yamlfile import load_config_yaml

SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
COLAB_PLUGIN = "fieldnotes/colab"
REPO_URL_RE = re.compile(r"^https?://github\.com/([^/]+)/([^/]+?)(?:\.git)?/?$", re.IGNORECASE)
IGNORED_SCHEMES = {"mailto", "tel", "sms", "data", "javascript", "blob", "about"}
DEFAULT_PORTS = {"http": 80, "https": 443}

# Document kinds, each read its own way.
PAGE, RSS, JSON_FEED, SITEMAP = "page", "rss", "json-feed", "sitemap"
SEARCH_ENTRY, SEARCH_FRAGMENT = "search-entry", "search-fragment"  # a Pagefind bundle's entry file and page records

# Where a URL leads.
INTERNAL, EXTERNAL, IGNORED, OUTSIDE, UNKNOWN_SCHEME, MALFORMED = (
    "internal",
    "external",
    "ignored",
    "outside",
    "unknown-scheme",
    "malformed",
)


class ConfigError(Exception):
    """mkdocs.yml is missing or lacks what the check needs; the message says what to do."""


@dataclass(frozen=True)
class SiteConfig:
    site_url: str  # with a trailing slash
    repo: tuple[str, str] | None  # (owner, name) of repo_url on GitHub, lowercased
    repo_root: Path  # the folder holding mkdocs.yml
    branch: str | None  # that Colab and GitHub links must name: the Colab plugin's, else edit_uri's
    site_dir: Path

    @property
    def https(self) -> bool:
        return self.site_url.startswith("https://")


def load_config(path: Path) -> SiteConfig:
    if not path.is_file():
        raise ConfigError(f"{path}: no such file; pass the project's mkdocs.yml with --config")
    try:
        data = load_config_yaml(path)
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not readable as YAML ({error})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of settings")
    site_url = data.get("site_url")
    if not isinstance(site_url, str) or not SCHEME_RE.match(site_url):
        raise ConfigError(f"{path}: 'site_url' must be set to the site's absolute URL; absolute links are matched against it")
    repo_match = REPO_URL_RE.match(str(data.get("repo_url") or ""))
    root = path.resolve().parent
    return SiteConfig(
        site_url=site_url.rstrip("/") + "/",
        repo=(repo_match.group(1).lower(), repo_match.group(2).lower()) if repo_match else None,
        repo_root=root,
        branch=_notebook_branch(data),
        site_dir=root / str(data.get("site_dir") or "site"),
    )


def _notebook_branch(data: dict) -> str | None:
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and COLAB_PLUGIN in plugin:
            options = plugin[COLAB_PLUGIN] or {}
            return str(options.get("branch", "main")) if isinstance(options, dict) else "main"
        if plugin == COLAB_PLUGIN:
            return "main"  # the plugin's default
    return edit_uri_branch(str(data.get("edit_uri") or ""))  # the branch the site is edited on


class Target(NamedTuple):
    kind: str
    path: str  # INTERNAL: path under the site root ("" is the home page); otherwise the URL without fragment
    fragment: str
    insecure: bool = False  # INTERNAL reached through http:// on an https site


class Site:
    """The files of a built site and the URL space they are served at."""

    def __init__(self, root: Path, config: SiteConfig) -> None:
        self.root = root
        self.config = config
        parts = urlsplit(config.site_url)
        self.scheme = parts.scheme.lower()
        self.host = _host_and_port(parts.scheme, parts.netloc)
        self.base_path = parts.path or "/"
        self._absolute_targets: dict[str, Target] = {}  # the same absolute URLs recur on every page
        self.files: set[str] = set()
        self.dirs: set[str] = {""}
        for directory, subdirs, names in os.walk(root):
            relative = os.path.relpath(directory, root).replace(os.sep, "/")
            prefix = "" if relative == "." else relative + "/"
            self.dirs.update(prefix + name for name in subdirs)
            self.files.update(prefix + name for name in names)

    def documents(self) -> list[tuple[str, str]]:
        """(kind, path) of every file the check reads, pages first."""
        kinds = []
        for path in sorted(self.files):
            name = path.rpartition("/")[2]
            if name.endswith(".html"):
                kinds.append((PAGE, path))
            elif name == FEED_RSS:
                kinds.append((RSS, path))
            elif name == FEED_JSON:
                kinds.append((JSON_FEED, path))
            elif name.startswith("sitemap") and name.endswith(".xml"):
                kinds.append((SITEMAP, path))
            elif name == ENTRY_FILE:
                kinds.append((SEARCH_ENTRY, path))
            elif name.endswith(FRAGMENT_SUFFIX):
                kinds.append((SEARCH_FRAGMENT, path))
        return sorted(kinds, key=lambda kind_path: kind_path[0] != PAGE)

    def locate(self, url: str, origin: str) -> Target:
        """Where `url`, written in the file at site path `origin` (or a folder ending in /), leads."""
        whole, _, fragment = url.strip().partition("#")
        scheme = SCHEME_RE.match(whole)
        if scheme:
            name = scheme.group(1).lower()
            if name in DEFAULT_PORTS:
                return self._absolute(whole)._replace(fragment=fragment)
            return Target(IGNORED if name in IGNORED_SCHEMES else UNKNOWN_SCHEME, whole, fragment)
        if whole.startswith("//"):
            return self._absolute(f"{self.scheme}:{whole}")._replace(fragment=fragment)
        rest = whole.partition("?")[0]
        if not rest:
            return Target(INTERNAL, origin, fragment)
        if rest.startswith("/"):
            return self._within_site(_normalize(rest), fragment)
        folder = self.base_path + origin[: origin.rfind("/") + 1]
        return self._within_site(_normalize(folder + rest), fragment)

    def _absolute(self, url: str) -> Target:
        """Where an absolute URL without fragment leads."""
        target = self._absolute_targets.get(url)
        if target is not None:
            return target
        try:
            parts = urlsplit(url)
        except ValueError:  # e.g. an unclosed IPv6 bracket
            target = Target(MALFORMED, url, "")
        else:
            if _host_and_port(parts.scheme, parts.netloc) != self.host:
                target = Target(EXTERNAL, url, "")
            else:
                target = self._within_site(_normalize(parts.path or "/"), "")
                if target.kind == INTERNAL and self.scheme == "https" and parts.scheme.lower() == "http":
                    target = target._replace(insecure=True)
        self._absolute_targets[url] = target
        return target

    def _within_site(self, url_path: str, fragment: str) -> Target:
        if not url_path.startswith(self.base_path):
            return Target(OUTSIDE, url_path, fragment)
        path = url_path[len(self.base_path) :]
        return Target(INTERNAL, unquote(path) if "%" in path else path, fragment)

    def find(self, path: str) -> str | None:
        """The file served at a site path: folders (with or without the slash) serve their index.html."""
        if path == "" or path.endswith("/"):
            index = path + "index.html"
            return index if index in self.files else None
        if path in self.files:
            return path
        if path in self.dirs and path + "/index.html" in self.files:
            return path + "/index.html"
        return None

    @staticmethod
    def looked_for(path: str) -> str:
        return path + "index.html" if path == "" or path.endswith("/") else path


def _host_and_port(scheme: str, netloc: str) -> str:
    host = netloc.rpartition("@")[2].lower()
    default = DEFAULT_PORTS.get(scheme.lower())
    if default and host.endswith(f":{default}"):
        host = host[: -len(f":{default}")]
    return host


def _normalize(path: str) -> str:
    """Resolve "." and ".." segments of an absolute URL path as a browser does (never above /)."""
    if "/." not in path:
        return path
    segments: list[str] = []
    parts = path.split("/")[1:]
    for segment in parts:
        if segment == "..":
            if segments:
                segments.pop()
        elif segment != ".":
            segments.append(segment)
    if parts[-1] in (".", ".."):
        segments.append("")
    return "/" + "/".join(segments)
