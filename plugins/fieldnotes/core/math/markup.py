"""The HTML around a typeset formula: what scrolls, what is numbered, what search leaves out.

The search index (Pagefind) skips every formula, `data-pagefind-ignore`: the MathML tokens and
the TeX annotation are noise to a full-text index.
"""

from __future__ import annotations

from markupsafe import escape


def equation_number(number: int) -> str:
    return f"({number})"


def inline_formula(mathml: str) -> str:
    return f'<span class="fn-math fn-math--inline" data-pagefind-ignore>{mathml}</span>'


def display_formula(mathml: str, name: str, label: str | None = None, number: int | None = None) -> str:
    """A display formula: its own keyboard-reachable box, named `name` ("Equation" in the page's
    language), scrolls sideways when the formula is too wide."""
    anchor = f' id="{escape(label)}"' if label else ""
    numbered = ""
    if number is not None:
        name = f"{name} {equation_number(number)}"
        numbered = f'<span class="fn-math__number" aria-hidden="true">{equation_number(number)}</span>'
    return (
        f'<div class="fn-math fn-math--display"{anchor} data-pagefind-ignore>'
        f'<div class="fn-math__scroll" tabindex="0" role="group" aria-label="{escape(name)}">{mathml}</div>'
        f"{numbered}</div>"
    )
