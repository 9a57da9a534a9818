"""render(): the canonical text of a tree, and comparable(): what a round trip keeps."""

from __future__ import annotations

import pytest

import wtotext
from wtotext.render import comparable, own_text, render

NUMBERED = """WT/L/1200

WORK PROGRAMME ON SMALL ECONOMIES

Decision of 1 March 2030

The General Council,

Recalling the reports of the relevant bodies (WT/L/447);

Decides:

1. The CTD shall:

(a) examine the matter; and

(b) report to the General Council by 31 July 2030.

Monitoring

2. To instruct the Secretariat to circulate an updated list of the notifications.
"""

UNNUMBERED = """The Ministerial Conference decides as follows:

We agree to reinvigorate the work under the Work Programme.

We decide that Members will maintain the current practice until 2031.
"""

NO_FORMULA = """Adopted by the General Council in 1998

Decides:

1. The Council for Trade in Goods shall examine and report on the matter.
"""


@pytest.mark.parametrize("text", [NUMBERED, UNNUMBERED, NO_FORMULA], ids=["numbered", "unnumbered", "no-formula"])
def test_a_canonical_text_renders_to_itself(text: str) -> None:
    assert render(wtotext.parse(text)) == text


@pytest.mark.parametrize("text", [NUMBERED, UNNUMBERED, NO_FORMULA], ids=["numbered", "unnumbered", "no-formula"])
def test_the_html_rendering_reads_as_the_same_decision(text: str) -> None:
    d = wtotext.parse(text)
    assert comparable(wtotext.parse(render(d, style="html"))) == comparable(d)


def test_own_text_leaves_the_sub_items_out() -> None:
    paragraph = wtotext.parse(NUMBERED).operative[0]
    assert own_text(paragraph) == "The CTD shall:"
    assert [own_text(s) for s in paragraph.subitems] == [
        "examine the matter; and",
        "report to the General Council by 31 July 2030.",
    ]


def test_comparable_leaves_spans_and_surface_wording_out() -> None:
    d = wtotext.parse(NUMBERED)
    flat = repr(comparable(d))
    assert "Span" not in flat and "The CTD" not in flat.replace("'The CTD shall:", "")


def test_an_unknown_style_names_the_allowed_ones() -> None:
    with pytest.raises(ValueError, match="style must be one of plain, html"):
        render(wtotext.parse(UNNUMBERED), style="markdown")
