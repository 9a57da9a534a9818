"""Rendering: a :class:`~wtotext.nodes.Decision` -> the canonical text of it, the inverse of :func:`wtotext.parse`.

:func:`render` lays a tree out as blocks separated by one blank line::

    WT/MIN(30)/1                      the document's own symbols, one a line
    WORK PROGRAMME ON SMALL ECONOMIES the title
    Decision of 1 March 2030          the adoption date ("Adopted in 2030" for a year,
                                      "Adopted by the General Council on ..." without
                                      an enacting formula)
    The Ministerial Conference,       the enacting formula
    Recalling ...;                    each recital's text (its opener is its first words)
    Decides:                          ("Declares:" for a declaration)
    Export Subsidies                  a paragraph's heading, if it has one
    1. Members shall ...              each operative paragraph: its number, its own text,
    (a) ...                           then its sub-items, depth first
    [1] WT/L/274.                     footnotes, as a web page prints them

Only what a tree holds is written: page furniture, noise and the exact wording of the
operative marker are not in the tree, so they are not in the rendering.

:func:`comparable` says what "the same decision" means when a tree is compared with
the parse of its rendering: everything a reader of the decision cares about, and no
span (spans point into one particular text).

>>> import wtotext
>>> d = wtotext.parse("The General Council,\\n\\nDecides:\\n\\n1. Members shall notify the CTD by 1 May 2030.\\n")
>>> print(render(d), end="")
The General Council,
<BLANKLINE>
Decides:
<BLANKLINE>
1. Members shall notify the CTD by 1 May 2030.
>>> comparable(wtotext.parse(render(d))) == comparable(d)
True
"""

from __future__ import annotations

import html
import re
from typing import Any

from wtotext.lexicon import MONTHS
from wtotext.nodes import Decision, Footnote, Mandate, OperativeParagraph, Recital

_STYLES = ("plain", "html")
# A sub-item's marker as it stands at the end of its parent's text, before the sub-item's own text.
_TRAILING_MARKER = re.compile(r"\s*(?:\(\w{1,4}\)|\w\)|[-\u2022\u2013*])\s*$")
_ROMAN = re.compile(r"^(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)$")


def render(decision: Decision, *, style: str = "plain") -> str:
    """The canonical text of ``decision``: ``parse(render(d))`` reads back as ``d``.

    ``style`` is ``"plain"`` (blocks separated by a blank line, see the module
    docstring) or ``"html"`` (a web page: one ``<p>`` a block, numbered paragraphs and
    their sub-items as ``<ol>`` lists).  "Reads back as" is :func:`comparable` equality:
    spans, noise and diagnostics are left out of the comparison.

    >>> import wtotext
    >>> d = wtotext.parse("The General Council,\\n\\nDecides:\\n\\n1. To hold a review.\\n\\n(a) in 2030.\\n")
    >>> print(render(d, style="html").splitlines()[-3])
    <ol><li value="1">To hold a review.<ol type="a"><li value="1">in 2030.</li></ol></li></ol>
    """
    if style not in _STYLES:
        raise ValueError(f"style must be one of {', '.join(_STYLES)}, got {style!r}")
    if style == "html":
        return _html(decision)
    return "\n\n".join(_front(decision) + _body(decision)) + "\n"


def comparable(decision: Decision) -> dict[str, Any]:
    """What a round trip through text must keep: the tree without spans, as plain data.

    Compared are the document's ``kind``, ``issuer``, ``date``, ``title``, ``symbols``,
    ``references`` and ``enacting_formula``; each recital's ``opener`` and ``text``; each
    operative paragraph's ``number``, ``heading`` and ``text``, and its sub-items the same
    way; and for every mandate (in each paragraph and sub-item, in order) the body's
    canonical name, the ``verb``, the ``modality``, the ``via`` body's canonical name, the
    ``action`` and the time limits as ``(text, ISO date)`` pairs.

    Left out are every span, the actors' surface wording, footnotes, noise,
    diagnostics, ``source`` and the source text.

    >>> import wtotext
    >>> d = wtotext.parse("The General Council,\\n\\nDecides:\\n\\n1. The CTD shall report.\\n")
    >>> comparable(d)["operative"][0]["mandates"]
    [{'body': 'Committee on Trade and Development', 'verb': 'report', 'modality': 'obligation', \
'via': None, 'action': 'report', 'time_limits': []}]
    """
    return {
        "kind": decision.kind,
        "issuer": decision.issuer,
        "date": decision.date,
        "title": decision.title,
        "symbols": list(decision.symbols),
        "references": list(decision.references),
        "enacting_formula": decision.enacting_formula,
        "preamble": [{"opener": r.opener, "text": r.text} for r in decision.preamble],
        "operative": [_comparable_paragraph(p) for p in decision.operative],
    }


def _comparable_paragraph(p: OperativeParagraph) -> dict[str, Any]:
    return {
        "number": p.number,
        "heading": p.heading,
        "text": p.text,
        "mandates": [_comparable_mandate(m) for m in p.mandates],
        "subitems": [_comparable_paragraph(s) for s in p.subitems],
    }


def _comparable_mandate(m: Mandate) -> dict[str, Any]:
    return {
        "body": m.body.name,
        "verb": m.verb,
        "modality": m.modality.value,
        "via": m.via.name if m.via else None,
        "action": m.action,
        "time_limits": [(t.text, t.date) for t in m.time_limits],
    }


# --------------------------------------------------------------------------- plain blocks


def _front(d: Decision) -> list[str]:
    """Symbols, title, adoption line, enacting formula, recitals."""
    blocks: list[str] = []
    if d.symbols:
        blocks.append("\n".join(d.symbols))
    if d.title:
        blocks.append(d.title)
    adoption = _adoption_line(d)
    if adoption:
        blocks.append(adoption)
    if d.enacting_formula:
        blocks.append(d.enacting_formula)
    blocks.extend(_recital(r) for r in d.preamble)
    return blocks


def _adoption_line(d: Decision) -> str | None:
    """``Decision of 1 March 2030``, ``Adopted in 2030``, ``Adopted by the General Council on ...``."""
    if d.enacting_formula is None and d.issuer:
        when = _date_words(d.date)
        if when is None:
            return None
        return f"Adopted by the {d.issuer} {when}"
    if d.date is None:
        return None
    when = _date_words(d.date)
    if when is None:
        return None
    if when.startswith("in "):
        return f"Adopted {when}"
    noun = "Declaration" if d.kind == "declaration" else "Decision"
    return f"{noun} {when.replace('on ', 'of ', 1)}"


def _date_words(iso: str | None) -> str | None:
    """``on 1 March 2030`` or ``in 2030`` for an ISO date; ``None`` when it cannot be said."""
    if iso is None:
        return None
    parts = iso.split("-")
    if len(parts) == 3:
        return f"on {int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 1:
        return f"in {parts[0]}"
    return None  # a month and year: the genre's adoption lines do not write it


def _recital(r: Recital) -> str:
    return r.text


def _marker_words(d: Decision) -> str | None:
    if d.enacting_formula and d.enacting_formula.rstrip().endswith(":"):
        return None  # "The Ministerial Conference decides as follows:" opened the operative part
    return "Declares:" if d.kind == "declaration" else "Decides:"


def _body(d: Decision) -> list[str]:
    """The operative marker, the paragraphs and the footnotes."""
    blocks: list[str] = []
    marker = _marker_words(d)
    if marker and d.operative:
        blocks.append(marker)
    for p in d.operative:
        if p.heading:
            blocks.append(p.heading)
        blocks.extend(_paragraph_blocks(p, top=True))
    blocks.extend(_footnote(f) for f in d.footnotes)
    return blocks


def _paragraph_blocks(p: OperativeParagraph, *, top: bool) -> list[str]:
    own = own_text(p)
    marker = _marker(p.number, top=top)
    blocks = [f"{marker} {own}" if marker else own]
    for sub in p.subitems:
        blocks.extend(_paragraph_blocks(sub, top=False))
    return blocks


def _marker(number: str | None, *, top: bool) -> str:
    """``1.`` for a paragraph, ``(a)`` for a sub-item, ``-`` for an unnumbered sub-item."""
    if number is None:
        return "" if top else "-"
    if top or (re.fullmatch(r"\d{1,3}(?:\.\d{1,3})*", number) and "." in number):
        return f"{number}."
    return f"({number})"


def own_text(p: OperativeParagraph) -> str:
    """A paragraph's text without its sub-items (``p.text`` covers them too).

    >>> from wtotext.nodes import Span
    >>> sub = OperativeParagraph("a", "report annually.", Span(10, 26))
    >>> own_text(OperativeParagraph("1", "The CTD shall: (a) report annually.", Span(0, 26), subitems=(sub,)))
    'The CTD shall:'
    """
    text = p.text
    for sub in reversed(p.subitems):
        if not text.endswith(sub.text):
            return p.text  # the sub-items are not where they should be: keep the whole text
        text = _TRAILING_MARKER.sub("", text[: len(text) - len(sub.text)])
    return text.rstrip()


def _footnote(f: Footnote) -> str:
    return f"[{f.marker}] {f.text}" if f.marker.isdigit() else f.text


# --------------------------------------------------------------------------- HTML


def _html(d: Decision) -> str:
    out = ["<!DOCTYPE html>", '<html lang="en">']
    if d.title:
        out.append(f"<head><title>{html.escape(d.title)}</title></head>")
    out.append("<body>")
    front = _front(d)
    for block in front:
        if d.title and block == d.title:
            out.append(f"<h1>{html.escape(block)}</h1>")
        elif d.symbols and block == "\n".join(d.symbols):
            out.append("<p>" + "<br>".join(html.escape(s) for s in d.symbols) + "</p>")
        else:
            out.append(f"<p>{html.escape(block)}</p>")
    marker = _marker_words(d)
    if marker and d.operative:
        out.append(f"<p>{marker}</p>")
    numbered = all(p.number is not None and p.number.isdigit() for p in d.operative)
    for p in d.operative:
        if p.heading:
            out.append(f"<h2>{html.escape(p.heading)}</h2>")
        if numbered:
            out.append("<ol>" + _html_item(p) + "</ol>")
        else:
            out.extend(f"<p>{html.escape(b)}</p>" for b in _paragraph_blocks(p, top=True))
    out.extend(f"<p>{html.escape(_footnote(f))}</p>" for f in d.footnotes)
    out.append("</body>")
    out.append("</html>")
    return "\n".join(out) + "\n"


def _html_item(p: OperativeParagraph) -> str:
    """``<li value="1">own text<ol type="a"><li value="1">...</li></ol></li>``."""
    value = _list_value(p.number)
    if value is None:
        return "".join(f"<li>{html.escape(b)}</li>" for b in _paragraph_blocks(p, top=False))
    _, number = value
    item = f'<li value="{number}">' + html.escape(own_text(p))
    for sub in p.subitems:
        sub_value = _list_value(sub.number)
        if sub_value is None:
            item += "".join(f"<p>{html.escape(b)}</p>" for b in _paragraph_blocks(sub, top=False))
            continue
        item += f'<ol type="{sub_value[0]}">' + _html_item(sub) + "</ol>"
    return item + "</li>"


def _list_value(number: str | None) -> tuple[str, int] | None:
    """The ``<ol type>`` and ``<li value>`` that print ``number``: ("1", 3), ("a", 2), ("i", 4)."""
    if number is None:
        return None
    if number.isdigit():
        return "1", int(number)
    if _ROMAN.match(number):
        return "i", _roman_value(number)
    if len(number) == 1 and "a" <= number <= "z":
        return "a", ord(number) - ord("a") + 1
    return None


def _roman_value(numeral: str) -> int:
    values = {"i": 1, "v": 5, "x": 10}
    total = 0
    for i, letter in enumerate(numeral):
        value = values[letter]
        total += -value if i + 1 < len(numeral) and values[numeral[i + 1]] > value else value
    return total
