"""How text is folded so that spelling variants a reader may type match what an author wrote.

The rules are data (regular expressions that read the same in Python and JavaScript), applied
here, by the indexing script to the pages it indexes and by the browser to each query:

- Width variants: full-width Latin letters and digits and half-width katakana (ＱＬｏＲＡ, ﾀﾝﾊﾟｸ)
  take their NFKC form on both sides. In pages only these runs change, so excerpts keep the
  author's full-width punctuation; a query is NFKC-normalized whole.
- Long vowels: a katakana word that ends in ー after three or more letters loses the mark, in
  queries and in pages alike (コンピューター → コンピュータ), so the two spellings are one
  word to search, and the segmenter below cuts both the same way. In pages the mark becomes
  LONG_VOWEL_MARK, which Pagefind keeps out of the word and the browser shows as ー again.
- Words in Japanese text: there are no spaces to find them, so both sides cut the text with the
  browser's own word segmenter (Intl.Segmenter, ICU's dictionary): a page's text where a word
  boundary touches a Japanese character, a query likewise. The same segmenter on both sides
  finds the same words, even where its cuts are odd (ファ|インチ|ュ|ー|ニ|ン|グ for a long
  katakana word), so words, and words standing together, match. In pages each cut is written
  as SEGMENT_MARK and a space: Pagefind drops the mark from the indexed word, and the browser
  removes both from the text it shows. Pagefind's own Japanese segmenter, a different
  dictionary, is kept out by indexing these pages under a language tag it does not segment.
"""

from __future__ import annotations

import re
import unicodedata

# Full-width digits and Latin letters, and half-width katakana with its sound marks.
WIDTH_VARIANTS = "[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff66-\uff9f]+"
# A long-vowel mark closing a katakana word of three or more letters (ー counts as one).
LONG_VOWEL_ENDING = "(?<=[\u30a1-\u30fa][\u30a1-\u30fa\u30fc]{2})\u30fc+(?![\u30a1-\u30fa\u30fc])"

# Kana, kanji and the iteration mark, and CJK punctuation: text whose words a segmenter finds.
JAPANESE = "[\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]"
# Written before the space at each cut; ASCII punctuation, which Pagefind keeps out of words.
SEGMENT_MARK = "~"
# Written in pages for a folded long-vowel mark, for the same reason.
LONG_VOWEL_MARK = "^"
# The segmenter's locale: ICU cuts Japanese and Chinese text with one dictionary whatever the
# locale ("ja", "zh", "en" and "und" cut every line of our Japanese articles alike), so none is named.
SEGMENTER_LOCALE = "und"

WIDTH_VARIANTS_RE = re.compile(WIDTH_VARIANTS)
LONG_VOWEL_ENDING_RE = re.compile(LONG_VOWEL_ENDING)


def normalize_indexed_text(text: str) -> str:
    """Page text as it is indexed, before segmenting: width variants of letters, digits and kana in
    their NFKC form, a final long-vowel mark written as LONG_VOWEL_MARK."""
    text = WIDTH_VARIANTS_RE.sub(lambda match: unicodedata.normalize("NFKC", match.group()), text)
    return LONG_VOWEL_ENDING_RE.sub(LONG_VOWEL_MARK, text)


def normalize_query(query: str) -> str:
    """A query as it is searched: NFKC, then katakana words without a final long-vowel mark."""
    return LONG_VOWEL_ENDING_RE.sub("", unicodedata.normalize("NFKC", query))


def browser_rules() -> dict[str, str]:
    """The patterns the indexing script and the browser apply, as JavaScript regular expression sources."""
    return {
        "widthVariants": WIDTH_VARIANTS,
        "longVowelEnding": LONG_VOWEL_ENDING,
        "japanese": JAPANESE,
        "segmentMark": SEGMENT_MARK,
        "longVowelMark": LONG_VOWEL_MARK,
        "segmenterLocale": SEGMENTER_LOCALE,
    }
