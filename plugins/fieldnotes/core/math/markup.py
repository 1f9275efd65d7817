"""The HTML around a typeset formula: what scrolls, what is numbered, what search leaves out.

The search index (Pagefind) skips every formula, `data-pagefind-ignore`: the MathML tokens and
the TeX annotation are noise to a full-text index.
"""

from __future__ import annotations

from lxml import etree
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


def valid_mathml(mathml: str) -> str:
    """The renderer's MathML, with `scriptlevel` moved onto an <mstyle> around the element that carries it.

    MathML Core allows it on any element, but the HTML validators' MathML schema only on <mstyle>; the
    element keeps its `math-depth` style, so browsers draw it the same.
    """
    if "scriptlevel=" not in mathml:
        return mathml
    root = etree.fromstring(mathml)
    carriers = [
        element for element in root.iter() if "scriptlevel" in element.attrib and etree.QName(element).localname != "mstyle"
    ]
    for element in carriers:
        namespace = etree.QName(element).namespace  # Temml writes <math> without xmlns, as HTML allows
        tag = f"{{{namespace}}}mstyle" if namespace else "mstyle"
        wrapper = element.makeelement(tag, scriptlevel=element.attrib.pop("scriptlevel"), nsmap=root.nsmap)
        element.addprevious(wrapper)
        wrapper.append(element)
    etree.cleanup_namespaces(root)  # the wrappers declare nothing the <math> element does not
    return etree.tostring(root, encoding="unicode")
