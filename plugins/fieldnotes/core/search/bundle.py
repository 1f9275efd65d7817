"""Reading a Pagefind bundle back: which pages and sections it leads readers to.

Pagefind writes each page's record as a fragment file (`fragment/<hash>.pf_fragment`): gzip
around the signature `pagefind_dcd` and a JSON object with the page's `url`, `meta`, `filters`
and `anchors` (the elements with an id, from which sub-results link `url#id`). The entry file
`pagefind-entry.json` names, per language, the metadata file `pagefind.<hash>.pf_meta` and the
WebAssembly `wasm.<language or "unknown">.pagefind` the browser loads first.
"""

from __future__ import annotations

import gzip
import json
import zlib
from dataclasses import dataclass

SIGNATURE = b"pagefind_dcd"
ENTRY_FILE = "pagefind-entry.json"
FRAGMENT_SUFFIX = ".pf_fragment"


class BundleError(ValueError):
    """A bundle file that cannot be read; the message says what is wrong with it."""


@dataclass(frozen=True)
class Fragment:
    url: str  # as indexed: from the site root, "/posts/alpha/"
    anchors: tuple[str, ...]  # ids of the elements the page's sub-results can link to
    meta: dict[str, str]


def decode(data: bytes) -> bytes:
    """The content of a Pagefind file: gzip-compressed, starting with Pagefind's signature."""
    try:
        data = gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as error:
        raise BundleError(f"not gzip-compressed ({error})") from None
    if not data.startswith(SIGNATURE):
        raise BundleError("no Pagefind signature after decompression")
    return data[len(SIGNATURE) :]


def read_fragment(data: bytes) -> Fragment:
    try:
        record = json.loads(decode(data))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BundleError(f"not a JSON record ({error})") from None
    if not isinstance(record, dict) or not isinstance(record.get("url"), str):
        raise BundleError("the record has no url")
    anchors = tuple(anchor["id"] for anchor in record.get("anchors", []) if isinstance(anchor, dict) and anchor.get("id"))
    return Fragment(record["url"], anchors, record.get("meta") or {})


def entry_files(data: bytes) -> list[tuple[str, str]]:
    """(where in the entry, file name) of each file an entry file sends the browser to, next to it."""
    try:
        languages = json.loads(data)["languages"]
        return [
            pair
            for language, index in sorted(languages.items())
            for pair in (
                (f"languages.{language}.hash", f"pagefind.{index['hash']}.pf_meta"),
                (f"languages.{language}.wasm", f"wasm.{index.get('wasm') or 'unknown'}.pagefind"),
            )
        ]
    except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError, AttributeError) as error:
        raise BundleError(f"not a Pagefind entry file ({error})") from None
