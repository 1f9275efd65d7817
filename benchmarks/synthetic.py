"""Synthetic posts in both languages, realistic enough to time builds and link checks."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from fieldnotes.core.collection import body_digest

ROOT = Path(__file__).resolve().parents[1]
PROJECT_FILES = ["mkdocs.yml", "overrides", "docs", "locales", "authors.yml", "tags.yml", "package.json"]
TAGS = [
    "bias",
    "biology",
    "community",
    "ethics",
    "evaluation",
    "fine-tuning",
    "inference",
    "llm",
    "privacy",
    "quantization",
    "rlhf",
    "scaling-laws",
    "scientific-ml",
    "spaces",
]
AUTHORS = ["hana", "leo", "sam", "editors"]

EN_SENTENCES = [
    "Quantization stores each weight in fewer bits, trading a little accuracy for a lot of memory.",
    "The optimizer keeps two moments per parameter, so its state is twice the size of the weights.",
    "A compute-optimal model grows its parameters and its training tokens in equal proportion.",
    "Evaluation on a disaggregated test set shows where a model fails for one group and not another.",
    "The trunk network encodes the query location while the branch network encodes the input function.",
]
JA_SENTENCES = [
    "量子化では各重みを少ないビット数で保存し、わずかな精度と引き換えに大きくメモリを節約します。",
    "オプティマイザはパラメータごとに二つのモーメントを保持するため、その状態は重みの二倍の大きさになります。",
    "計算量に対して最適なモデルでは、パラメータ数と学習トークン数を同じ割合で増やします。",
    "グループ別に分けた評価を行うと、ある集団でだけモデルが失敗する箇所が見えてきます。",
    "トランクネットワークは問い合わせ位置を、ブランチネットワークは入力関数を符号化します。",
]


def _paragraphs(rng: random.Random, sentences: list[str], count: int, joiner: str) -> str:
    return "\n\n".join(joiner.join(rng.choice(sentences) for _ in range(4)) for _ in range(count))


def citing_sentence(keys: tuple[str, ...], lang: str) -> str:
    """Three citations in the forms authors use: parenthetical, narrative with a locator, year only."""
    first, second, third = keys
    if lang == "en":
        return f"\n\nThis follows [@{first}], as @{second} [Table 2] measured [-@{third}]."
    return f"\n\nこれは [@{first}] に従います。@{second} [Table 2] が測定したとおりです [-@{third}]。"


def post_text(index: int, lang: str, with_embed: bool, source_digest: str = "", cites: tuple[str, ...] = ()) -> str:
    rng = random.Random(index)  # the same structure in both languages
    sentences, joiner = (EN_SENTENCES, " ") if lang == "en" else (JA_SENTENCES, "")
    tags = rng.sample(TAGS, 3)
    title = f"Synthetic article {index}" if lang == "en" else f"合成記事 {index}"
    year, month, day = 2020 + index % 5, 1 + index % 12, 1 + index % 28
    extra = f'translators: [editors]\nsource_digest: "{source_digest}"\n' if lang == "ja" else ""
    embed = "\n```space\nid: simonduerr/3dmol.js\ntitle: Protein viewer\nheight: 500\n```\n" if with_embed else ""
    heading = ("Background", "Method", "Results") if lang == "en" else ("背景", "手法", "結果")
    return f"""---
title: "{title}"
date: {year}-{month:02d}-{day:02d}
authors: [{rng.choice(AUTHORS)}]
tags: [{", ".join(tags)}]
description: "{rng.choice(sentences)}"
{extra}---

{_paragraphs(rng, sentences, 1, joiner)}

<!-- more -->

## {heading[0]} {{ #background }}

{_paragraphs(rng, sentences, 3, joiner)}{citing_sentence(cites, lang) if cites else ""}

```python
import numpy as np

weights = np.random.default_rng({index}).normal(size=(64, 64))
scale = np.abs(weights).max() / 7
print(np.round(weights / scale).clip(-8, 7)[:2, :4])
```

## {heading[1]} {{ #method }}

| Setting | Value |
| --- | --- |
| bits | 4 |
| block size | 64 |

!!! note
    {rng.choice(sentences)}
{embed}
## {heading[2]} {{ #results }}

{_paragraphs(rng, sentences, 2, joiner)} See [the method](#method).
"""


def copy_project(destination: Path) -> Path:
    destination.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name)
        elif source.exists():
            shutil.copy(source, destination / name)
    if (ROOT / "node_modules").exists():
        (destination / "node_modules").symlink_to(ROOT / "node_modules")
    return destination


def write_posts(project: Path, count: int, citations: bool = False) -> None:
    """`count` posts in posts/ and their translations in ja/; one in ten has a Space embed. With `citations`,
    each post cites three works of a `references.bib` written beside them, every entry cited somewhere."""
    for folder in ("posts", "ja"):
        (project / folder).mkdir(exist_ok=True)
    keys = write_bibliography(project, min(BIBLIOGRAPHY_SIZE, 3 * count)) if citations else []
    for index in range(count):
        with_embed = index % 10 == 0
        cites = tuple(keys[(3 * index + offset) % len(keys)] for offset in range(3)) if keys else ()
        english = post_text(index, "en", with_embed, cites=cites)
        digest = body_digest(english.split("\n---\n", 1)[1])
        japanese = post_text(index, "ja", with_embed, digest, cites=cites)
        (project / "posts" / f"synthetic-{index:04d}.md").write_text(english, encoding="utf-8")
        (project / "ja" / f"synthetic-{index:04d}.md").write_text(japanese, encoding="utf-8")


BIBLIOGRAPHY_SIZE = 60


def write_bibliography(project: Path, size: int) -> list[str]:
    """`size` entries of the kinds the articles cite (journal papers, preprints, web pages); their keys."""
    entries, keys = [], []
    for index in range(size):
        key = f"author{index}20{10 + index % 15}work"
        kind = index % 3
        year = 2010 + index % 15
        if kind == 0:
            fields = (
                f"journal = {{Journal of Synthetic Results}},\n  volume = {{{index}}},\n  doi = {{10.5555/synthetic.{index}}},"
            )
            entries.append(
                f"@article{{{key},\n  author = {{Author{index}, Ada and Second, Bo and Third, Cy}},\n  title = {{Work {index}}},\n  year = {{{year}}},\n  {fields}\n}}"
            )
        elif kind == 1:
            entries.append(
                f"@misc{{{key},\n  author = {{Author{index}, Ada and Second, Bo}},\n  title = {{Preprint {index}}},\n  year = {{{year}}},\n  eprint = {{2301.{index:05d}}},\n  archiveprefix = {{arXiv}},\n}}"
            )
        else:
            entries.append(
                f"@online{{{key},\n  author = {{{{Synthetic Lab}}}},\n  title = {{Post {index}}},\n  date = {{{year}-05-01}},\n  url = {{https://example.org/posts/{index}}},\n}}"
            )
        keys.append(key)
    (project / "references.bib").write_text("\n\n".join(entries) + "\n", encoding="utf-8")
    return keys
