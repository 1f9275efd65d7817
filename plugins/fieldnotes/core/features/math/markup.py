"""The HTML around a typeset formula: what scrolls, what is numbered, what search leaves out.

The search index (Pagefind) skips every formula, `data-pagefind-ignore`: the MathML tokens and
the TeX annotation are noise to a full-text index.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from markupsafe import escape

from ...content_policy import Allowlist

# MathML written with its namespace keeps it as the default one, not as a prefix.
ET.register_namespace("", "http://www.w3.org/1998/Math/MathML")


# What the typeset formulas hold: Temml's presentation MathML with its TeX annotation, in our boxes.
# No `href` (MathML links) and no `annotation-xml`, which could carry HTML.
_SCRIPTS = "accent accentunder"
MATH_MARKUP = Allowlist.of(
    "semantics mn mtext msub msup msubsup msqrt mroot mphantom merror mmultiscripts mprescripts none mtr mlabeledtr",
    span="data-pagefind-ignore",
    div="data-pagefind-ignore",
    math="display xmlns style",
    annotation="encoding",
    mrow="style",
    mi="mathvariant style",
    mo="fence form lspace rspace maxsize minsize movablelimits separator stretchy symmetric largeop accent style",
    mfrac="linethickness",
    mover=_SCRIPTS,
    munder=_SCRIPTS,
    munderover=_SCRIPTS,
    mpadded="lspace voffset width height depth",
    mspace="width height depth",
    mstyle="displaystyle scriptlevel mathcolor mathbackground style",
    mtable="displaystyle columnalign rowalign columnspacing rowspacing columnlines rowlines frame framespacing style",
    mtd="columnalign rowalign columnspan rowspan style",
    menclose="notation",
)


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
    element keeps its `math-depth` style, so browsers draw it the same. Temml writes well-formed XML.
    """
    if "scriptlevel=" not in mathml:
        return mathml
    root = ET.fromstring(mathml)
    for parent in list(root.iter()):
        for index, child in enumerate(list(parent)):
            if "scriptlevel" in child.attrib and not child.tag.endswith("mstyle"):
                tag = child.tag.removesuffix(_local(child.tag)) + "mstyle"  # in the element's namespace, if any
                wrapper = ET.Element(tag, scriptlevel=child.attrib.pop("scriptlevel"))
                wrapper.tail, child.tail = child.tail, None
                parent.remove(child)
                wrapper.append(child)
                parent.insert(index, wrapper)
    return ET.tostring(root, encoding="unicode", short_empty_elements=False)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]
