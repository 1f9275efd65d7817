"""How text is folded so that spelling variants a reader may type match what an author wrote.

The rules are data (regular expressions that read the same in Python and JavaScript), applied
here, by the indexing script to the pages it indexes and by the browser to each query:

- Width variants: full-width Latin letters and digits and half-width katakana (ＱＬｏＲＡ, ﾀﾝﾊﾟｸ)
  take their NFKC form on both sides. In pages only these runs change, so excerpts keep the
  author's full-width punctuation; a query is NFKC-normalized whole.
- Long vowels: a query word in katakana that ends in ー after three or more letters loses the
  mark (コンピューター → コンピュータ). Search matches word prefixes, so the folded query
  finds both spellings in the pages, which are left as written.
"""

from __future__ import annotations

import re
import unicodedata

# Full-width digits and Latin letters, and half-width katakana with its sound marks.
WIDTH_VARIANTS = "[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff66-\uff9f]+"
# A long-vowel mark closing a katakana word of three or more letters (ー counts as one).
LONG_VOWEL_ENDING = "(?<=[\u30a1-\u30fa][\u30a1-\u30fa\u30fc]{2})\u30fc+(?![\u30a1-\u30fa\u30fc])"

WIDTH_VARIANTS_RE = re.compile(WIDTH_VARIANTS)
LONG_VOWEL_ENDING_RE = re.compile(LONG_VOWEL_ENDING)


def normalize_indexed_text(text: str) -> str:
    """Page text as it is indexed: width variants of letters, digits and kana in their NFKC form."""
    return WIDTH_VARIANTS_RE.sub(lambda match: unicodedata.normalize("NFKC", match.group()), text)


def normalize_query(query: str) -> str:
    """A query as it is searched: NFKC, then katakana words without a final long-vowel mark."""
    return LONG_VOWEL_ENDING_RE.sub("", unicodedata.normalize("NFKC", query))


def browser_rules() -> dict[str, str]:
    """The patterns the indexing script and the browser apply, as JavaScript regular expression sources."""
    return {"widthVariants": WIDTH_VARIANTS, "longVowelEnding": LONG_VOWEL_ENDING}
