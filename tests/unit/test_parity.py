"""Translation parity on the real articles, and on pairs of fixture posts drifting one way each."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldnotes.core.collection import CollectionReader
from fieldnotes.core.parity import compare, read_structure

ROOT = Path(__file__).resolve().parents[2]
COLLECTION = CollectionReader(ROOT, {"en": "posts", "ja": "ja"}, "authors.yml", "tags.yml").read()
PAIRS = [slug for slug in COLLECTION.slugs() if len(COLLECTION.versions(slug)) == 2]


def test_every_article_is_published_in_both_languages():
    assert len(PAIRS) == len(COLLECTION.slugs()) >= 10


@pytest.mark.parametrize("slug", PAIRS)
def test_translation_matches_its_original(slug):
    original = COLLECTION.original(slug)
    translation = next(post for post in COLLECTION.versions(slug).values() if post is not original)
    problems = list(
        compare(
            read_structure(original.body, original.body_line),
            read_structure(translation.body, translation.body_line),
            original.source,
        )
    )
    assert problems == [], "\n".join(f"{translation.source}:{line}: {message}" for line, message in problems)


ORIGINAL = """Intro with a [source](https://arxiv.org/abs/1).

## Why { #why }

![A chart](assets/x/chart.svg)

```python
print(1)
```

```3dmol
pdb: 1L2Y
style: cartoon
caption: A protein
```

!!! note
    Careful.

## How { #how }

Text with $x^2$ and

$$
L = E + \\frac{A}{N^\\alpha} \\label{eq-loss}
$$

as [](#eq-loss) says.
"""

TRANSLATION = """導入と[出典](https://arxiv.org/abs/1)。

## なぜ { #why }

![図](assets/x/chart.svg)

```python
print(1)
```

```3dmol
pdb: 1L2Y
style: cartoon
caption: タンパク質
```

!!! note
    注意。

## どのように { #how }

本文には $x^2$ と

$$
L = E + \\frac{A}{N^\\alpha} \\label{eq-loss}
$$

があり、[](#eq-loss) のとおりです。
"""

DRIFTS = {
    "renamed anchor": (("{ #how }", "{ #method }"), "section anchors differ"),
    "heading without anchor": (("## どのように { #how }", "## どのように"), "has no explicit anchor"),
    "missing section": (("## どのように { #how }\n", ""), "section anchors differ"),
    "translated code": (("print(1)", "print(2)"), "code block differs"),
    "dropped code block": (("```python\nprint(1)\n```\n", ""), "0 code blocks, but posts/x.md has 1"),
    "changed embed option": (
        ("style: cartoon\ncaption: タンパク質", "style: stick\ncaption: タンパク質"),
        "3D viewers (```3dmol blocks, all but their caption) differ",
    ),
    "other figure": (("assets/x/chart.svg", "assets/x/other.svg"), "figures differ"),
    "dropped source link": (("[出典](https://arxiv.org/abs/1)", "出典"), "link to https://arxiv.org/abs/1 is in"),
    "extra link": (("本文には", "本文と[別の資料](https://example.org/)には"), "link to https://example.org/ is not in"),
    "dropped formula": (("本文には $x^2$ と", "本文には x の二乗と"), "1 formulas, but posts/x.md has 2"),
    "renamed equation": (("\\label{eq-loss}", "\\label{eq-risk}"), "equation ids differ"),
    "other admonition": (("!!! note", "!!! warning"), "admonitions differ"),
}


def test_matching_fixture_pair_has_no_problems():
    assert list(compare(read_structure(ORIGINAL), read_structure(TRANSLATION), "posts/x.md")) == []


def test_caption_may_be_translated():
    viewers = [
        [inventory.items for inventory in read_structure(text).features if "3dmol" in inventory.what]
        for text in (ORIGINAL, TRANSLATION)
    ]
    assert viewers[0] == viewers[1] and viewers[0][0], viewers


@pytest.mark.parametrize("change, expected", DRIFTS.values(), ids=list(DRIFTS))
def test_drift_is_reported(change, expected):
    old, new = change
    assert old in TRANSLATION
    drifted = TRANSLATION.replace(old, new)
    messages = [message for _, message in compare(read_structure(ORIGINAL), read_structure(drifted), "posts/x.md")]
    assert any(expected in message for message in messages), messages
