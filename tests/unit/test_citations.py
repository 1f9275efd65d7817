"""Citations without a site build: the BibTeX reader and its problems, names, the CSL items, the citation
syntax, the Markdown placeholders, and the page pass through the real citation processor in both
languages (formatted citations, the References section, problems on their lines), and parity."""

from __future__ import annotations

import re

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from fieldnotes.core.content_policy import find_violations
from fieldnotes.core.features import page_markup
from fieldnotes.core.features.citations import FEATURE
from fieldnotes.core.features.citations.bibtex import read_bibtex
from fieldnotes.core.features.citations.csl import MORE_AUTHORS, bibliography_problems, csl_item
from fieldnotes.core.features.citations.locale import csl_locale
from fieldnotes.core.features.citations.names import csl_names
from fieldnotes.core.features.citations.session import CitationSession
from fieldnotes.core.features.citations.syntax import LABELS, cited_keys, find_citations, read_locator
from fieldnotes.core.features.feature import PageContext
from fieldnotes.core.parity import compare, read_structure
from fieldnotes.core.source_lines import MarkdownSource
from interface_text import LOCALES, text_of
from sitebuilder import ROOT

# -- reading BibTeX ----------------------------------------------------------------------------

VALUES = """% Text between entries is a comment.
@string{hf = "Hugging Face"}
@string(blog = {Blog})
@comment{an old entry, kept out: @article{old, title = {Old}}}
@preamble{"\\newcommand{\\noop}[1]{}"}

@online{forms2023,
  title     = {Braces {Keep} {BERT} as written},
  subtitle  = "Quotes {with, a comma}",
  year      = 2023,
  month     = mar,
  note      = hf # " " # blog # {, part } # 2,
  organization = {Q\\&A \\% \\_ \\# \\$},
  url       = {https://example.org/forms},
}

@ARTICLE(parens2020,
  title = {Parentheses},
  author = {Doe, Jane},
  url = {https://example.org/parens}
)
"""


def test_every_value_form_is_read_as_text():
    bibliography = read_bibtex(VALUES, "refs.bib")
    assert bibliography.problems == []
    assert list(bibliography.entries) == ["forms2023", "parens2020"]  # not the entry inside @comment
    entry = bibliography.entries["forms2023"]
    assert (entry.type, entry.line) == ("online", 7)
    assert entry.fields == {
        "title": "Braces Keep BERT as written",
        "subtitle": "Quotes with, a comma",
        "year": "2023",
        "month": "3",
        "note": "Hugging Face Blog, part 2",
        "organization": "Q&A % _ # $",
        "url": "https://example.org/forms",
    }
    assert entry.raw["title"] == "Braces {Keep} {BERT} as written"
    assert entry.lines == {"title": 8, "subtitle": 9, "year": 10, "month": 11, "note": 12, "organization": 13, "url": 14}
    other = bibliography.entries["parens2020"]
    assert (other.type, other.line, other.fields["title"]) == ("article", 17, "Parentheses")


NAMES = {
    "Family, Given": ("Hoffmann, Jordan and Borgeaud, Sebastian", [{"family": "Hoffmann", "given": "Jordan"}, {"family": "Borgeaud", "given": "Sebastian"}], False),
    "Given Family": ("Jordan Hoffmann and Arthur Mensch", [{"family": "Hoffmann", "given": "Jordan"}, {"family": "Mensch", "given": "Arthur"}], False),
    "initials": ("Rae, Jack W.", [{"family": "Rae", "given": "Jack W."}], False),
    "organisation in braces": ("{Hugging Face}", [{"literal": "Hugging Face"}], False),
    "organisation with 'and' in its name": ("{Barnes and Noble} and Doe, Jane", [{"literal": "Barnes and Noble"}, {"family": "Doe", "given": "Jane"}], False),
    "von particle, Family first": ("von Werra, Leandro", [{"family": "von Werra", "given": "Leandro"}], False),
    "von particle, Given first": ("Leandro von Werra", [{"family": "von Werra", "given": "Leandro"}], False),
    "two-word particle": ("George van den Driessche", [{"family": "van den Driessche", "given": "George"}], False),
    "particle after initials": ("Rob J. de Haas", [{"family": "de Haas", "given": "Rob J."}], False),
    "suffix": ("King, Jr., Martin Luther", [{"family": "King", "given": "Martin Luther", "suffix": "Jr."}], False),
    "and in capitals": ("Doe, Jane AND Roe, Richard", [{"family": "Doe", "given": "Jane"}, {"family": "Roe", "given": "Richard"}], False),
    "a list cut short": ("Ahdritz, Gustaf and Bouatta, Nazim and others", [{"family": "Ahdritz", "given": "Gustaf"}, {"family": "Bouatta", "given": "Nazim"}], True),
    "one name only": ("Pedregosa", [{"literal": "Pedregosa"}], False),
}  # fmt: skip


@pytest.mark.parametrize(("written", "names", "cut"), NAMES.values(), ids=list(NAMES))
def test_names(written, names, cut):
    assert csl_names(written) == (names, cut)


def test_an_organisation_written_in_double_braces_stays_one_name_in_the_item():
    text = "@online{hf, author = {{Hugging Face} and Doe, Jane}, title = {T}, url = {https://huggingface.co/}}"
    item = csl_item(read_bibtex(text, "refs.bib").entries["hf"])
    assert item["author"] == [{"literal": "Hugging Face"}, {"family": "Doe", "given": "Jane"}]
    cut = csl_item(read_bibtex(text.replace("Jane", "Jane and others"), "r.bib").entries["hf"])
    assert cut["author"] == item["author"] and cut[MORE_AUTHORS] is True and MORE_AUTHORS not in item


GOOD_ENTRY = (
    "@article{good,\n  author = {Doe, Jane},\n  title = {Good},\n  year = {2020},\n  url = {https://example.org/good}\n}\n"
)

# (BibTeX, every problem it must give, in order)
BAD_BIBTEX = {
    "unclosed brace, the entry's end taken": (
        "@article{a,\n  title = {Training {Compute-Optimal},\n  url = {https://example.org/a}\n}\n\n" + GOOD_ENTRY,
        ["refs.bib:1: BibTeX syntax: the entry 'a' does not end: a field's '{' is never closed, or the entry's '}' is missing"],
    ),
    "unclosed brace in the last entry": (
        GOOD_ENTRY + "\n@article{a,\n  title = {Training {Compute-Optimal},\n  url = {https://example.org/a}\n}\n",
        ["refs.bib:8: BibTeX syntax: the entry 'a' does not end: a field's '{' is never closed, or the entry's '}' is missing"],
    ),
    "unclosed brace up to the end of the file": (
        "@article{a,\n  title = {Training {Compute-Optimal},\n  url = {https://example.org/a}\n\n" + GOOD_ENTRY,
        ["refs.bib:2: BibTeX syntax: a '{' is never closed"],
    ),
    "entry without its closing parenthesis": (
        "@article(a,\n  title = {T},\n  url = {https://example.org/a}\n",
        ["refs.bib:1: BibTeX syntax: the entry 'a' does not end: a field's '{' is never closed, or the entry's ')' is missing"],
    ),
    "unclosed quote": (
        '@article{a,\n  title = "Training,\n  url = {https://example.org/a}\n}\n',
        ["refs.bib:2: BibTeX syntax: a '\"' is never closed"],
    ),
    "missing comma between fields": (
        "@article{a,\n  title = {T}\n  url = {https://example.org/a}\n}\n",
        ["refs.bib:3: BibTeX syntax: expected ',' between fields (','), found 'url = {https'"],
    ),
    "missing comma after the key": (
        "@article{a\n  title = {T},\n  url = {https://example.org/a}\n}\n",
        ["refs.bib:2: BibTeX syntax: expected ',' between fields (','), found 'title = {T},'"],
    ),
    "missing =": (
        "@article{a,\n  author = {Doe, Jane},\n  title {T},\n  url = {https://example.org/a}\n}\n",
        ["refs.bib:3: BibTeX syntax: expected '=' after the field name 'title' ('='), found '{T},'"],
    ),
    "unknown @string name": (
        "@article{a,\n  author = {Doe, Jane},\n  journal = jmlr,\n  url = {https://example.org/a}\n}\n",
        ["refs.bib:3: BibTeX syntax: unknown @string name 'jmlr'; write the value in braces"],
    ),
    "no brace after the type": ("@article a, title = {T}}\n", ["refs.bib:1: BibTeX syntax: expected '{' after @article"]),
    "duplicate key, with both lines": (
        GOOD_ENTRY + "\n" + GOOD_ENTRY.replace("Good", "Again"),
        ["refs.bib:8: duplicate key 'good' (first defined on line 1)"],
    ),
    "duplicate field": (
        GOOD_ENTRY.replace("  year = {2020},\n", "  year = {2020},\n  title = {Twice},\n"),
        ["refs.bib:5: 'good': the field 'title' is given twice"],
    ),
    "LaTeX command": (
        GOOD_ENTRY.replace("{Good}", "{G{\\\"o}d and \\emph{bad}}"),
        ["refs.bib:3: 'good', field 'title': LaTeX command `\\\"`: write the character itself in UTF-8"],
    ),
    "unknown entry type": (
        GOOD_ENTRY.replace("@article", "@artcle"),
        [("refs.bib:1: 'good': unknown entry type @artcle; use one of @article, @inproceedings, @conference, @misc, @online, "
         "@software, @techreport, @report, @book, @incollection, @phdthesis, @mastersthesis, @dataset")],
    ),
    "no doi, eprint or url": (
        GOOD_ENTRY.replace("  url = {https://example.org/good}\n", "  note = {somewhere}\n"),
        ["refs.bib:1: 'good' has no doi, eprint or url: a reader must be able to find the work"],
    ),
    "no title": (GOOD_ENTRY.replace("  title = {Good},\n", ""), ["refs.bib:1: 'good' has no title"]),
    "no author": (GOOD_ENTRY.replace("  author = {Doe, Jane},\n", ""), ["refs.bib:1: 'good' has no author"]),
    "date in another form": (
        GOOD_ENTRY.replace("  year = {2020},\n", "  date = {09/03/2023},\n"),
        ["refs.bib:4: 'good': date must be written YYYY, YYYY-MM or YYYY-MM-DD"],
    ),
    "urldate in another form": (
        GOOD_ENTRY.replace("  year = {2020},\n", "  urldate = {March 2024},\n"),
        ["refs.bib:4: 'good': urldate must be written YYYY, YYYY-MM or YYYY-MM-DD"],
    ),
    "year that is not a number": (
        GOOD_ENTRY.replace("{2020}", "{in press}"),
        ["refs.bib:4: 'good': year must be a number, e.g. 2022"],
    ),
}  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), BAD_BIBTEX.values(), ids=list(BAD_BIBTEX))
def test_bad_bibtex_is_reported_with_its_line(text, expected):
    assert [str(problem) for problem in bibliography_problems(read_bibtex(text, "refs.bib"))] == expected


def test_the_good_entry_of_the_bad_inputs_has_no_problem():
    assert bibliography_problems(read_bibtex(GOOD_ENTRY, "refs.bib")) == []


def test_a_duplicate_keeps_the_first_entry():
    bibliography = read_bibtex(GOOD_ENTRY + GOOD_ENTRY.replace("Good", "Again"), "refs.bib")
    assert bibliography.entries["good"].fields["title"] == "Good"


def test_the_closest_key_is_offered_for_a_misspelt_one():
    bibliography = read_bibtex(GOOD_ENTRY.replace("good", "hoffmann2022training", 1), "refs.bib")
    assert bibliography.closest_key("hofman2022training") == "hoffmann2022training"
    assert bibliography.closest_key("kaplan2020scaling") is None


# -- CSL items ---------------------------------------------------------------------------------

ITEMS = {
    "journal article": (
        """@article{hoffmann2022training,
  author = {Hoffmann, Jordan and Borgeaud, Sebastian},
  title = {Training Compute-Optimal Large Language Models},
  journal = {Journal of Scaling},
  volume = {35},
  number = {2},
  pages = {30016--30030},
  year = {2022},
  doi = {10.1000/jos.2022.35}
}""",
        {
            "id": "hoffmann2022training",
            "type": "article-journal",
            "title": "Training Compute-Optimal Large Language Models",
            "author": [{"family": "Hoffmann", "given": "Jordan"}, {"family": "Borgeaud", "given": "Sebastian"}],
            "container-title": "Journal of Scaling",
            "volume": "35",
            "issue": "2",
            "page": "30016-30030",
            "issued": {"date-parts": [[2022]]},
            "DOI": "10.1000/jos.2022.35",
        },
    ),
    "conference paper": (
        """@inproceedings{bassignana2018hurtlex,
  author = {Bassignana, Elisa and Basile, Valerio},
  title = {Hurtlex: A Multilingual Lexicon of Words to Hurt},
  booktitle = {Proceedings of CLiC-it 2018},
  series = {CEUR Workshop Proceedings},
  volume = {2253},
  publisher = {CEUR-WS.org},
  address = {Turin},
  year = {2018},
  url = {https://ceur-ws.org/Vol-2253/paper49.pdf}
}""",
        {
            "id": "bassignana2018hurtlex",
            "type": "paper-conference",
            "title": "Hurtlex: A Multilingual Lexicon of Words to Hurt",
            "author": [{"family": "Bassignana", "given": "Elisa"}, {"family": "Basile", "given": "Valerio"}],
            "container-title": "Proceedings of CLiC-it 2018",
            "collection-title": "CEUR Workshop Proceedings",
            "volume": "2253",
            "publisher": "CEUR-WS.org",
            "publisher-place": "Turin",
            "issued": {"date-parts": [[2018]]},
            "URL": "https://ceur-ws.org/Vol-2253/paper49.pdf",
        },
    ),
    "arXiv preprint": (
        """@misc{hu2021lora,
  author = {Hu, Edward J. and Shen, Yelong},
  title = {LoRA: Low-Rank Adaptation of Large Language Models},
  year = {2021},
  eprint = {2106.09685},
  archiveprefix = {arXiv}
}""",
        {
            "id": "hu2021lora",
            "type": "article",
            "title": "LoRA: Low-Rank Adaptation of Large Language Models",
            "author": [{"family": "Hu", "given": "Edward J."}, {"family": "Shen", "given": "Yelong"}],
            "number": "arXiv:2106.09685",
            "publisher": "arXiv",
            "issued": {"date-parts": [[2021]]},
            "URL": "https://arxiv.org/abs/2106.09685",
        },
    ),
    "published paper with an eprint and a DOI": (
        """@article{kirkpatrick2017overcoming,
  author = {Kirkpatrick, James},
  title = {Overcoming catastrophic forgetting in neural networks},
  journal = {PNAS},
  year = {2017},
  doi = {10.1073/pnas.1611835114},
  eprint = {1612.00796},
  archiveprefix = {arXiv}
}""",
        {
            "id": "kirkpatrick2017overcoming",
            "type": "article-journal",
            "title": "Overcoming catastrophic forgetting in neural networks",
            "author": [{"family": "Kirkpatrick", "given": "James"}],
            "container-title": "PNAS",
            "issued": {"date-parts": [[2017]]},
            "DOI": "10.1073/pnas.1611835114",
        },
    ),
    "published paper with an eprint and no DOI": (
        """@inproceedings{dettmers2023qlora,
  author = {Dettmers, Tim},
  title = {QLoRA: Efficient Finetuning of Quantized LLMs},
  booktitle = {Advances in Neural Information Processing Systems},
  year = {2023},
  eprint = {2305.14314},
  archiveprefix = {arXiv}
}""",
        {
            "id": "dettmers2023qlora",
            "type": "paper-conference",
            "title": "QLoRA: Efficient Finetuning of Quantized LLMs",
            "author": [{"family": "Dettmers", "given": "Tim"}],
            "container-title": "Advances in Neural Information Processing Systems",
            "issued": {"date-parts": [[2023]]},
            "URL": "https://arxiv.org/abs/2305.14314",
        },
    ),
    "web page with an organization": (
        """@online{beeching2023finetuning,
  author = {Beeching, Edward and von Werra, Leandro},
  title = {Fine-tuning 20B LLMs with RLHF on a 24GB consumer GPU},
  date = {2023-03-09},
  organization = {Hugging Face},
  url = {https://huggingface.co/blog/trl-peft}
}""",
        {
            "id": "beeching2023finetuning",
            "type": "webpage",
            "title": "Fine-tuning 20B LLMs with RLHF on a 24GB consumer GPU",
            "author": [{"family": "Beeching", "given": "Edward"}, {"family": "von Werra", "given": "Leandro"}],
            "container-title": "Hugging Face",
            "issued": {"date-parts": [[2023, 3, 9]]},
            "URL": "https://huggingface.co/blog/trl-peft",
        },
    ),
    "software with a version": (
        """@software{vonwerra2023trl,
  author = {von Werra, Leandro and Belkada, Younes},
  title = {TRL: Transformer Reinforcement Learning},
  version = {0.7.1},
  date = {2023-08},
  organization = {Hugging Face},
  url = {https://github.com/huggingface/trl}
}""",
        {
            "id": "vonwerra2023trl",
            "type": "software",
            "title": "TRL: Transformer Reinforcement Learning",
            "author": [{"family": "von Werra", "given": "Leandro"}, {"family": "Belkada", "given": "Younes"}],
            "version": "0.7.1",
            "publisher": "Hugging Face",
            "issued": {"date-parts": [[2023, 8]]},
            "URL": "https://github.com/huggingface/trl",
        },
    ),
    "undated page with an access date": (
        """@online{huggingface2024hub,
  author = {{Hugging Face}},
  title = {The Hub documentation},
  organization = {Hugging Face},
  urldate = {2024-05-01},
  url = {https://huggingface.co/docs/hub}
}""",
        {
            "id": "huggingface2024hub",
            "type": "webpage",
            "title": "The Hub documentation",
            "author": [{"literal": "Hugging Face"}],
            "container-title": "Hugging Face",
            "accessed": {"date-parts": [[2024, 5, 1]]},
            "URL": "https://huggingface.co/docs/hub",
        },
    ),
}


@pytest.mark.parametrize(("text", "item"), ITEMS.values(), ids=list(ITEMS))
def test_each_entry_type_becomes_its_csl_item(text, item):
    bibliography = read_bibtex(text, "refs.bib")
    assert bibliography_problems(bibliography) == []
    (entry,) = bibliography.entries.values()
    assert csl_item(entry) == item


# -- citation syntax ---------------------------------------------------------------------------


def cites(text: str) -> list[tuple]:
    """Each citation of `text` as (mode, ((key, locator, label), ...), problem)."""
    return [
        (found.mode, tuple((cite.key, cite.locator, cite.label) for cite in found.cites), found.problem)
        for found in find_citations(text)
    ]


SYNTAX = {
    "parenthetical": ("Compute [@hoffmann2022training].", [("normal", (("hoffmann2022training", None, None),), None)]),
    "several works": (
        "[@hoffmann2022training; @kaplan2020scaling]",
        [("normal", (("hoffmann2022training", None, None), ("kaplan2020scaling", None, None)), None)],
    ),
    "locator": ("[@hoffmann2022training, Table 3]", [("normal", (("hoffmann2022training", "3", "table"),), None)]),
    "locator on one of several works": (
        "[@a2020; @b2021, pp. 4-5]",
        [("normal", (("a2020", None, None), ("b2021", "4-5", "page")), None)],
    ),
    "year only": ("Hoffmann et al. [-@hoffmann2022training]", [("year", (("hoffmann2022training", None, None),), None)]),
    "narrative": ("As @hoffmann2022training showed.", [("narrative", (("hoffmann2022training", None, None),), None)]),
    "narrative right after Japanese text": (
        "この比率は@hoffmann2022training が示しました。",
        [("narrative", (("hoffmann2022training", None, None),), None)],
    ),
    "narrative with a locator": (
        "@hoffmann2022training [Table 3] shows",
        [("narrative", (("hoffmann2022training", "3", "table"),), None)],
    ),
    "narrative before a link is not a locator": (
        "@hoffmann2022training [the code](https://example.org)",
        [("narrative", (("hoffmann2022training", None, None),), None)],
    ),
    "key with a colon and a dash": ("[@neurips:2023-unlearning]", [("normal", (("neurips:2023-unlearning", None, None),), None)]),
    "escaped @": ("Write \\@hoffmann2022training to show the key.", []),
    "e-mail address": ("Write to editors@example.org.", []),
    "URL with an @": ("https://mastodon.social/@huggingface and https://example.org/x@y", []),
    "brackets that are not a citation": ("[see @a2020, p. 4] and [a link](https://example.org)", [("narrative", (("a2020", None, None),), None)]),
    "unknown locator label": (
        "[@hoffmann2022training, Box 3]",
        [("normal", (("hoffmann2022training", None, None),),
          "the locator 'Box 3' does not start with a known label (p., §, Table, Fig., Appendix, Chapter, Eq., para., line or note, written in English)")],
    ),
    "locator without a label": (
        "[@hoffmann2022training, 3]",
        [("normal", (("hoffmann2022training", None, None),), "the locator '3' does not start with a known label (p., §, Table, Fig., Appendix, Chapter, Eq., para., line or note, written in English)")],
    ),
}  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), SYNTAX.values(), ids=list(SYNTAX))
def test_citation_syntax(text, expected):
    assert cites(text) == expected


@pytest.mark.parametrize(("word", "label"), LABELS.items())
def test_every_locator_label(word, label):
    assert read_locator(f"{word} 3") == ("3", label, None)
    assert read_locator(f"{word.capitalize()} 3.2") == ("3.2", label, None)


def test_cited_keys_are_in_order_each_once():
    prose = "[@b2021; @a2020] and @a2020 [p. 2], then [-@c2019] and [@b2021]."
    assert cited_keys(prose) == ["b2021", "a2020", "c2019"]


# -- the page: Markdown, then the page pass ----------------------------------------------------


def site_extensions() -> tuple[list, dict]:
    """The Markdown extensions and options of the site's mkdocs.yml."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, options = [], {}
    for entry in config["markdown_extensions"]:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if settings:
            options[name] = settings
    return names, options


SITE_EXTENSIONS = site_extensions()


def page_context(lang: str, text: str) -> PageContext:
    return PageContext(lang, text_of(lang), lambda: MarkdownSource.of_text("posts/page.md", text), lambda p: None, lambda p: None)


def markdown_html(body: str, context: PageContext | None = None) -> str:
    names, options = SITE_EXTENSIONS
    context = context or page_context("en", body)
    return markdown.Markdown(extensions=[*names, *FEATURE.extensions(context)], extension_configs=options).convert(body)


def placeholders(html: str) -> list[str]:
    return [node.get_text() for node in BeautifulSoup(html, "html.parser").select("cite.fn-cite-pending")]


MARKDOWN_CASES = {
    "parenthetical": ("Compute [@hoffmann2022training].", ["[@hoffmann2022training]"]),
    "narrative with a locator": ("@hoffmann2022training [Table 3] shows.", ["@hoffmann2022training [Table 3]"]),
    "escaped @": ("The key \\@hoffmann2022training.", []),
    "e-mail address": ("Write to editors@example.org.", []),
    "autolinked URL with an @": ("<https://mastodon.social/@huggingface>", []),
    "code span": ("Write `[@hoffmann2022training]` or `@hoffmann2022training`.", []),
    "fenced code": ("```text\n[@hoffmann2022training]\n```", []),
}


@pytest.mark.parametrize(("body", "expected"), MARKDOWN_CASES.values(), ids=list(MARKDOWN_CASES))
def test_markdown_leaves_a_placeholder_for_each_citation_and_none_elsewhere(body, expected):
    html = markdown_html(body)
    assert placeholders(html) == expected


def test_what_is_not_a_citation_stays_as_written():
    page = BeautifulSoup(markdown_html(MARKDOWN_CASES["escaped @"][0] + "\n\n" + MARKDOWN_CASES["code span"][0]), "html.parser")
    assert page.p.get_text() == "The key @hoffmann2022training."
    assert [code.get_text() for code in page.select("code")] == ["[@hoffmann2022training]", "@hoffmann2022training"]
    link = BeautifulSoup(markdown_html(MARKDOWN_CASES["autolinked URL with an @"][0]), "html.parser").a
    assert link["href"] == link.get_text() == "https://mastodon.social/@huggingface"


BIBLIOGRAPHY = r"""
@article{lin2023evolutionary,
  author = {Lin, Zeming and Akin, Halil and others},
  title = {Evolutionary-scale prediction of atomic-level protein structure with a language model},
  journal = {Science},
  year = {2023},
  doi = {10.1126/science.ade2574},
}
@article{hoffmann2022training,
  author = {Hoffmann, Jordan and Borgeaud, Sebastian and Mensch, Arthur},
  title = {Training Compute-Optimal Large Language Models},
  journal = {Journal of Scaling},
  volume = {35},
  pages = {30016--30030},
  year = {2022},
  doi = {10.1000/jos.2022.35}
}

@misc{hoffmann2022empirical,
  author = {Hoffmann, Jordan and Borgeaud, Sebastian and Mensch, Arthur},
  title = {An empirical analysis of compute-optimal training},
  year = {2022},
  eprint = {2203.15556},
  archiveprefix = {arXiv}
}

@misc{kaplan2020scaling,
  author = {Kaplan, Jared and McCandlish, Sam},
  title = {Scaling Laws for Neural Language Models},
  year = {2020},
  eprint = {2001.08361},
  archiveprefix = {arXiv}
}

@online{huggingface2024hub,
  author = {{Hugging Face}},
  title = {The Hub documentation},
  organization = {Hugging Face},
  urldate = {2024-05-01},
  url = {https://huggingface.co/docs/hub}
}

@inproceedings{bassignana2018hurtlex,
  author = {Bassignana, Elisa and Basile, Valerio},
  title = {Hurtlex: A Multilingual Lexicon of Words to Hurt},
  booktitle = {Proceedings of CLiC-it 2018},
  year = {2018},
  url = {https://ceur-ws.org/Vol-2253/paper49.pdf}
}

@online{bekman2022bloom,
  author = {Bekman, Stas},
  title = {The Technology Behind BLOOM Training},
  date = {2022-07-14},
  organization = {Hugging Face},
  url = {https://huggingface.co/blog/bloom-megatron-deepspeed}
}

@online{vonwerra2023trl,
  author = {von Werra, Leandro and Belkada, Younes},
  title = {TRL: Transformer Reinforcement Learning},
  date = {2023-08},
  organization = {Hugging Face},
  url = {https://github.com/huggingface/trl}
}

@article{hostile2021,
  author = {{<b>Evil</b> Corp}},
  title = {<b>Bold</b> claims, <i>slanted</i> ones and <script>alert(1)</script>},
  journal = {<span class="nocase">Journal</span>},
  year = {2021},
  url = {https://example.org/hostile}
}
"""


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    """The citation processor of a project holding the bibliography above: one Node process for the module."""
    root = tmp_path_factory.mktemp("citations")
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    (root / "references.bib").write_text(BIBLIOGRAPHY, encoding="utf-8")
    session = FEATURE.session(root)
    assert session.load(LOCALES) == []
    yield session
    session.close()


def render(session: CitationSession, body: str, lang: str = "en"):
    """The page pass over the rendered Markdown of a post whose body is `body`."""
    text = f"---\ntitle: Page\n---\n\n{body}\n"
    context = page_context(lang, text)
    return FEATURE.page_pass(markdown_html(body, context), context, session)


def formatted(session: CitationSession, body: str, lang: str = "en") -> list[str]:
    """The text of each formatted citation of the page."""
    result = render(session, body, lang)
    assert result.problems == ()
    return [span.get_text() for span in BeautifulSoup(result.html, "html.parser").select("span.fn-citation")]


CITED_TEXT = {
    "parenthetical with a locator": ("[@hoffmann2022training, Table 3]", "(Hoffmann et al., 2022, Table 3)", "(Hoffmann ほか, 2022, 表 3)"),
    "narrative": ("@hoffmann2022training", "Hoffmann et al. (2022)", "Hoffmann ほか (2022)"),
    "narrative with a locator": ("@hoffmann2022training [Fig. 4]", "Hoffmann et al. (2022, Figure 4)", "Hoffmann ほか (2022, 図 4)"),
    "year only": ("[-@hoffmann2022training]", "(2022)", "(2022)"),
    "several works, in the style's order": (
        "[@kaplan2020scaling; @hoffmann2022training]",
        "(Hoffmann et al., 2022; Kaplan & McCandlish, 2020)",
        "(Hoffmann ほか, 2022; Kaplan & McCandlish, 2020)",
    ),
    "two authors": ("[@bassignana2018hurtlex, p. 12]", "(Bassignana & Basile, 2018, p. 12)", "(Bassignana & Basile, 2018, p. 12)"),
    "undated web page": ("[@huggingface2024hub]", "(Hugging Face, n.d.)", "(Hugging Face, 日付なし)"),
}  # fmt: skip


@pytest.mark.parametrize(("lang", "column"), [("en", 1), ("ja", 2)])
def test_citations_are_formatted_in_the_page_language(session, lang, column):
    body = "\n\n".join(f"Text {case[0]} here." for case in CITED_TEXT.values())
    assert formatted(session, body, lang) == [case[column] for case in CITED_TEXT.values()]


JAPANESE_LOCATORS = {"§ 3.2": "§ 3.2", "Appendix B": "付録 B", "Chapter 2": "章 2", "Eq. 4": "式 4", "line 7": "行 7", "note 3": "注 3", "Table 3": "表 3", "Figure 2": "図 2"}  # fmt: skip


def test_japanese_locators_use_our_corrected_terms(session):
    body = "\n\n".join(f"[@hoffmann2022training, {locator}]" for locator in JAPANESE_LOCATORS)
    expected = [f"(Hoffmann ほか, 2022, {word})" for word in JAPANESE_LOCATORS.values()]
    assert formatted(session, body, "ja") == expected


def test_a_japanese_paragraph_locator_is_in_japanese(session):
    # APA prints the short form of 'paragraph', which locales/ja.yml corrects too.
    assert formatted(session, "[@hoffmann2022training, para. 5]", "ja") == ["(Hoffmann ほか, 2022, 段落 5)"]


@pytest.mark.parametrize(("lang", "et_al"), [("en", "et al."), ("ja", "ほか")])
def test_an_author_list_cut_short_ends_in_et_al_not_in_its_last_name(session, lang, et_al):
    """`and others` in the BibTeX: the reference must not read as the complete list ("Lin, Z., & Akin, H.")."""
    assert formatted(session, "[@lin2023evolutionary] and @lin2023evolutionary", lang) == [
        f"(Lin {et_al}, 2023)",
        f"Lin {et_al} (2023)",
    ]
    page = BeautifulSoup(render(session, "[@lin2023evolutionary]", lang).html, "html.parser")
    assert page.select_one("#ref-lin2023evolutionary .csl-entry").get_text().startswith(f"Lin, Z., Akin, H., {et_al} (2023). ")


def test_no_year_suffix_after_a_cited_year_but_full_dates_keep_theirs(session):
    html = render(session, "[@hoffmann2022training] and [@huggingface2024hub].", "ja").html
    page = BeautifulSoup(html, "html.parser")
    assert "年" not in "".join(span.get_text() for span in page.select("span.fn-citation"))
    entry = page.select_one("#ref-huggingface2024hub").get_text()
    assert "閲覧日 2024年5月1日, URL: https://huggingface.co/docs/hub" in entry
    assert "(2022)." in page.select_one("#ref-hoffmann2022training").get_text()


@pytest.mark.parametrize(
    "lang, day, month",
    [("en", "(2022, July 14).", "(2023, August)."), ("ja", "(2022年7月14日).", "(2023年8月).")],
)
def test_a_references_full_date_reads_as_its_language_writes_dates(session, lang, day, month):
    page = BeautifulSoup(render(session, "[@bekman2022bloom; @vonwerra2023trl]", lang).html, "html.parser")
    assert day in page.select_one("#ref-bekman2022bloom").get_text()
    assert month in page.select_one("#ref-vonwerra2023trl").get_text()
    assert " ".join(page.select_one("span.fn-citation").get_text().split()).count("2022") == 1  # the citation: the year alone


def test_two_works_of_the_same_authors_in_one_year_are_told_apart(session):
    body = "[@hoffmann2022training] and @hoffmann2022empirical, then [-@hoffmann2022training]."
    assert formatted(session, body) == ["(Hoffmann et al., 2022b)", "Hoffmann et al. (2022a)", "(2022b)"]
    page = BeautifulSoup(render(session, body).html, "html.parser")
    years = [re.search(r"\((\d{4}\w)\)", item.get_text())[1] for item in page.select(".fn-references__list li")]
    assert years == ["2022a", "2022b"]
    # Alone on a page, a work needs no letter.
    assert formatted(session, "[@hoffmann2022training]") == ["(Hoffmann et al., 2022)"]


def test_each_cited_work_links_to_its_entry(session):
    page = BeautifulSoup(
        render(session, "[@kaplan2020scaling; @hoffmann2022training, Table 3] and @bassignana2018hurtlex.").html, "html.parser"
    )
    first, second = page.select("span.fn-citation")
    assert [(a["href"], a.get_text()) for a in first.select("a.fn-citation__work")] == [
        ("#ref-hoffmann2022training", "Hoffmann et al., 2022, Table 3"),
        ("#ref-kaplan2020scaling", "Kaplan & McCandlish, 2020"),
    ]
    assert [(a["href"], a.get_text()) for a in second.select("a")] == [("#ref-bassignana2018hurtlex", "2018")]
    assert [span["id"] for span in page.select("span.fn-citation")] == ["cite-1", "cite-2"]


REFERENCES_PAGE = """Intro [@kaplan2020scaling].

## Part { #part }

Then @hoffmann2022training [Table 3], [@huggingface2024hub; @kaplan2020scaling] and [@hoffmann2022training]."""


def test_the_references_hold_exactly_the_cited_works_with_links_back_in_order(session):
    result = render(session, REFERENCES_PAGE)
    page = BeautifulSoup(result.html, "html.parser")
    section = page.select_one("section.fn-references")
    assert section.has_attr("data-pagefind-ignore") and section["aria-labelledby"] == "references"
    assert section.h2["id"] == "references" and section.h2.get_text() == "References¶"
    entries = section.select("ul.fn-references__list > li")
    assert [entry["id"] for entry in entries] == ["ref-hoffmann2022training", "ref-huggingface2024hub", "ref-kaplan2020scaling"]
    backs = {
        entry["id"]: [(a["href"], a.get_text(), a["aria-label"]) for a in entry.select("a.fn-references__back")]
        for entry in entries
    }
    assert backs == {
        "ref-hoffmann2022training": [("#cite-2", "2", "Back to citation 2"), ("#cite-4", "4", "Back to citation 4")],
        "ref-huggingface2024hub": [("#cite-3", "3", "Back to citation 3")],
        "ref-kaplan2020scaling": [("#cite-1", "1", "Back to citation 1"), ("#cite-3", "3", "Back to citation 3")],
    }
    texts = [entry.select_one(".csl-entry").get_text() for entry in entries]
    assert texts == [
        (
            "Hoffmann, J., Borgeaud, S., & Mensch, A. (2022). Training Compute-Optimal Large Language Models. "
            "Journal of Scaling, 35, 30016–30030. https://doi.org/10.1000/jos.2022.35"
        ),
        "Hugging Face. (n.d.). The Hub documentation. Hugging Face. Retrieved May 1, 2024, from https://huggingface.co/docs/hub",
        (
            "Kaplan, J., & McCandlish, S. (2020). Scaling Laws for Neural Language Models (arXiv:2001.08361). arXiv. "
            "https://arxiv.org/abs/2001.08361"
        ),
    ]
    links = [a["href"] for entry in entries for a in entry.select(".csl-entry a")]
    assert links == ["https://doi.org/10.1000/jos.2022.35", "https://huggingface.co/docs/hub", "https://arxiv.org/abs/2001.08361"]
    assert result.toc == (("references", "References"),)
    assert result.anchors == (
        "references",
        "ref-hoffmann2022training",
        "ref-huggingface2024hub",
        "ref-kaplan2020scaling",
        "cite-1",
        "cite-2",
        "cite-3",
        "cite-4",
    )
    assert not page.select("cite.fn-cite-pending") and "[@" not in page.get_text()


def test_the_japanese_references_section(session):
    result = render(session, REFERENCES_PAGE, "ja")
    page = BeautifulSoup(result.html, "html.parser")
    assert page.select_one("section.fn-references h2").get_text() == "参考文献¶"
    assert result.toc == (("references", "参考文献"),)
    assert [a["aria-label"] for a in page.select("#ref-kaplan2020scaling a.fn-references__back")] == [
        "引用箇所 1 に戻る",
        "引用箇所 3 に戻る",
    ]


def test_the_references_come_before_the_footnotes(session):
    html = render(session, "A claim [@kaplan2020scaling].[^1]\n\n[^1]: A note.").html
    assert html.index('class="fn-references"') < html.index('class="footnote"')


def test_hostile_text_in_a_work_comes_out_as_text(session):
    page = BeautifulSoup(render(session, "See [@hostile2021].").html, "html.parser")
    citation = page.select_one("span.fn-citation")
    assert citation.get_text() == "(<b>Evil</b> Corp, 2021)"
    entry = page.select_one("#ref-hostile2021 .csl-entry")
    assert entry.get_text().startswith(
        "<b>Evil</b> Corp. (2021). <b>Bold</b> claims, <i>slanted</i> ones and <script>alert(1)</script>."
    )
    # The only elements are the style's own: the journal in italics (its text title-cased, not read) and the link.
    assert [node.name for node in citation.find_all(True)] == ["a"]
    assert [node.name for node in entry.find_all(True)] == ["i", "a"]
    assert entry.i.get_text() == '<span Class="nocase">Journal</Span>'


def test_what_the_pass_writes_is_allowed_by_the_content_policy(session):
    html = render(session, REFERENCES_PAGE + "\n\nAnd [@hostile2021].").html
    assert find_violations(html, page_markup()) == []


PAGE_PROBLEMS = """Intro [@kaplan2020scaling].

## Scaling [@kaplan2020scaling] { #scaling }

See [the paper by @kaplan2020scaling](https://arxiv.org/abs/2001.08361) and [more [@kaplan2020scaling]](https://example.org).

Then [@hofman2022training] and [@nobody2020nothing].

And [@kaplan2020scaling, Box 3]."""


def test_problems_name_their_line_and_the_closest_key(session):
    text = f"---\ntitle: Page\n---\n\n{PAGE_PROBLEMS}\n"
    result = render(session, PAGE_PROBLEMS)
    found = [str(problem) for problem in result.problems]

    def line(needle: str) -> int:
        return next(number for number, written in enumerate(text.splitlines(), start=1) if needle in written)

    assert found == [
        f"posts/page.md:{line('## Scaling')}: [@kaplan2020scaling] is in a heading: cite in the sentence instead",
        f"posts/page.md:{line('the paper by')}: @kaplan2020scaling is in a link's text: cite in the sentence instead",
        f"posts/page.md:{line('the paper by')}: [@kaplan2020scaling] is in a link's text: cite in the sentence instead",
        (
            f"posts/page.md:{line('hofman')}: unknown reference 'hofman2022training' in [@hofman2022training]. "
            "Did you mean 'hoffmann2022training'?"
        ),
        f"posts/page.md:{line('nobody')}: unknown reference 'nobody2020nothing' in [@nobody2020nothing]. Add it to references.bib.",
        (
            f"posts/page.md:{line('Box 3')}: [@kaplan2020scaling, Box 3]: the locator 'Box 3' does not start with a known label "
            "(p., §, Table, Fig., Appendix, Chapter, Eq., para., line or note, written in English)"
        ),
    ]
    assert result.html.count("fn-cite-pending") == 7  # nothing is formatted


def test_a_page_without_citations_is_left_as_it_is(session):
    html = markdown_html("No citation, only editors@example.org.")
    result = render(session, "No citation, only editors@example.org.")
    assert result.html == html and result.anchors == () and result.toc == ()


# -- the bibliography across the site, and the locale ------------------------------------------


def test_entries_no_post_cites_are_warnings(session):
    cited = {
        "posts/a.md": "[@hoffmann2022training; @kaplan2020scaling]",
        "ja/a.md": "@huggingface2024hub",
        "ja/b.md": "@lin2023evolutionary",
        "posts/b.md": "[@bekman2022bloom; @vonwerra2023trl]",
    }
    problems = session.unused(cited)
    assert [(problem.line, problem.message, problem.warning) for problem in problems] == [
        (BIBLIOGRAPHY.splitlines().index("@misc{hoffmann2022empirical,") + 1, "'hoffmann2022empirical' is cited by no post; cite it or remove it", True),
        (BIBLIOGRAPHY.splitlines().index("@inproceedings{bassignana2018hurtlex,") + 1, "'bassignana2018hurtlex' is cited by no post; cite it or remove it", True),
        (BIBLIOGRAPHY.splitlines().index("@article{hostile2021,") + 1, "'hostile2021' is cited by no post; cite it or remove it", True),
    ]  # fmt: skip


def test_a_language_locale_gets_our_corrections_and_keeps_the_rest():
    terms = tuple(sorted((name, "", str(text)) for name, text in LOCALES.raw("ja", "citation_terms").items()))
    stock = BeautifulSoup(csl_locale(ROOT / "node_modules", "ja-JP", (), None), "xml")
    page = BeautifulSoup(csl_locale(ROOT / "node_modules", "ja-JP", terms, ""), "xml")

    def long_terms(locale, name: str) -> list[str]:
        return [term.get_text() for term in locale.find_all("term", attrs={"name": name}) if term.get("form", "long") == "long"]

    for name, _, text in terms:
        assert long_terms(page, name) == [text], name
    assert long_terms(stock, "and others") == ["and others"]  # what the correction is for
    assert long_terms(page, "accessed") == long_terms(stock, "accessed") == ["参照"]  # left as it was

    def year_suffixes(locale, form: str) -> list[str]:
        date = locale.find("date", attrs={"form": form})
        return [part.get("suffix") for part in date.find_all("date-part", attrs={"name": "year"})]

    assert year_suffixes(stock, "numeric") == ["年"]
    assert year_suffixes(page, "numeric") == [""]
    assert year_suffixes(page, "text") == year_suffixes(stock, "text") == ["年"]


# -- the registry and translation parity -------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_text_the_feature_uses_exists_in_each_language(lang):
    texts = yaml.safe_load((ROOT / "locales" / f"{lang}.yml").read_text(encoding="utf-8"))
    assert set(FEATURE.text_keys) <= set(texts)


ORIGINAL = "Intro [@a2020].\n\n## Part { #part }\n\nAs @b2021 [p. 3] says, [@c2019; @a2020].\n"


def test_a_translation_may_cite_the_same_works_in_another_order():
    translation = "導入 [@c2019; @a2020]。\n\n## 部分 { #part }\n\n@b2021 [p. 3] によれば [@a2020]。\n"
    assert list(compare(read_structure(ORIGINAL), read_structure(translation), "posts/x.md")) == []


def test_a_translation_citing_other_works_is_reported_on_its_line():
    translation = "導入 [@a2020]。\n\n## 部分 { #part }\n\n@b2022 [p. 3] によれば [@c2019]。\n"
    problems = list(compare(read_structure(ORIGINAL, 5), read_structure(translation, 5), "posts/x.md"))
    assert problems == [
        (9, "cited works: 'b2022' is not in posts/x.md"),
        (None, "cited works: 'b2021' of posts/x.md is missing"),
    ]


def test_citations_in_code_are_not_part_of_the_inventory():
    with_code = ORIGINAL + "\n```python\nprint('[@d2018]')\n```\n\nAnd `@e2017`.\n"
    (cited,) = [inventory for inventory in read_structure(with_code).features if inventory.what == "cited works"]
    assert [item for _, item in cited.items] == ["a2020", "b2021", "c2019"]


def test_the_session_reads_the_project_bibliography(tmp_path):
    """A project without references.bib cites nothing and has no problems; one with a broken file says where."""
    session = CitationSession(tmp_path, "references.bib", "apa")
    try:
        assert session.load(LOCALES) == [] and session.bibliography.entries == {}
        (tmp_path / "references.bib").write_text(GOOD_ENTRY + "@article{bad,\n title = {x}", encoding="utf-8")
        assert [str(problem) for problem in session.load(LOCALES)] == [
            "references.bib:7: BibTeX syntax: the entry 'bad' does not end: a field's '{' is never closed, or the entry's '}' is missing"
        ]
        assert list(session.bibliography.entries) == ["good"]
    finally:
        session.close()


def test_the_real_bibliography_has_no_problem():
    bibliography = read_bibtex((ROOT / "references.bib").read_text(encoding="utf-8"), "references.bib")
    assert bibliography_problems(bibliography) == []
    assert len(bibliography.entries) > 50
