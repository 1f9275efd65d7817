"""Build the policy of one page: inline scripts are allowed by their hash, nothing else is inline."""

from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT_RE = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
SRC_RE = re.compile(r"\bsrc\s*=", re.IGNORECASE)
DATA_TYPE_RE = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json""", re.IGNORECASE)
HEAD_RE = re.compile(r"<head[^>]*>", re.IGNORECASE)


def inline_script_hashes(html: str) -> list[str]:
    """CSP hash sources for the executable inline scripts of `html`, in page order."""
    hashes = []
    for match in INLINE_SCRIPT_RE.finditer(html):
        attrs = match["attrs"]
        if SRC_RE.search(attrs) or DATA_TYPE_RE.search(attrs):
            continue
        digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode()}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def render_policy(script_hashes: list[str], directives: dict[str, list[str]]) -> str:
    parts = []
    for name, sources in directives.items():
        values = list(sources) + (script_hashes if name == "script-src" else [])
        parts.append(" ".join([name, *values]))
    return "; ".join(parts)


def insert_meta(html: str, policy: str) -> str:
    """Put the policy first in <head>, before anything it governs."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return HEAD_RE.sub(lambda match: match.group(0) + meta, html, count=1)
