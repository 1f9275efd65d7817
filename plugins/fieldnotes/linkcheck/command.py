"""Check every link of the built site: internal URLs and #fragments in pages, feeds, sitemap and
the search bundle; hreflang alternates and the language switcher; Colab, GitHub and Space links;
links to private addresses, mixed content, images without alt and unsafe target="_blank".

Offline unless --external, which also visits external URLs and caches the answers.
Exit status: 0 when nothing is wrong, 1 when something is, 2 when the check cannot run.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .external import ExternalOptions
from .report import format_problems, summary
from .site import ConfigError, load_config

HELP = "check every link of the built site (offline unless --external)"


def default_cache_file() -> Path:
    cache_home = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache_home) / "fieldnotes" / "linkcheck.json"


def positive_number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, not {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a number above 0, not {text}")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("site_dir", nargs="?", metavar="SITE_DIR", help="the built site (default: site_dir of mkdocs.yml)")
    parser.add_argument(
        "--config", default="mkdocs.yml", metavar="FILE", help="the mkdocs.yml the site was built from (default: %(default)s)"
    )
    parser.add_argument("--external", action="store_true", help="also visit external URLs")
    parser.add_argument(
        "--cache",
        type=Path,
        default=default_cache_file(),
        metavar="FILE",
        help="JSON cache of external answers (default: %(default)s)",
    )
    parser.add_argument(
        "--max-age",
        type=positive_number,
        default=24.0,
        metavar="HOURS",
        help="reuse cached answers younger than this (default: %(default)g)",
    )
    parser.add_argument(
        "--timeout", type=positive_number, default=10.0, metavar="S", help="seconds per external request (default: %(default)g)"
    )


def run(args: argparse.Namespace) -> int:
    try:
        config = load_config(Path(args.config))
    except ConfigError as error:
        return _cannot_run(str(error))
    site_dir = Path(args.site_dir) if args.site_dir else config.site_dir
    if not site_dir.is_dir():
        return _cannot_run(f"{site_dir}: no such directory; build the site first (mkdocs build) or name the built site's folder")
    external = ExternalOptions(timeout=args.timeout, cache_file=args.cache, max_age_hours=args.max_age) if args.external else None
    try:
        from .checker import check_site  # imports lxml, which a writer's set-up leaves out
    except ImportError:
        return _cannot_run("lxml is not installed; `make linkcheck` installs it (requirements-linkcheck.txt)")
    result = check_site(site_dir, config, external)
    if result.pages == 0:
        return _cannot_run(f"{site_dir}: no HTML pages; is this a built site?")
    if result.problems:
        print(format_problems(result.problems))
    print(summary(result.pages, result.links, len(result.problems), result.seconds))
    return 1 if result.problems else 0


def _cannot_run(message: str) -> int:
    print(f"fieldnotes linkcheck: {message}", file=sys.stderr)
    return 2
