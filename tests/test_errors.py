"""Text that is not a decision raises ParseError with a line, a column and a message in words."""

from __future__ import annotations

import pytest

import wtotext
from wtotext import ParseError

PROSE = """The river rose slowly through the night.

By morning the low fields were under water, and the ferry had stopped running.

Nobody in the village could remember a flood like it.
"""

PREAMBLE_ONLY = """The General Council,

Recalling the Work Programme on Electronic Commerce (WT/L/274);

Noting the reports of the relevant bodies;
"""


def test_empty_input_is_a_parse_error_at_line_one() -> None:
    with pytest.raises(ParseError) as info:
        wtotext.parse("   \n\n  ")
    assert (info.value.line, info.value.column) == (1, 1)
    assert str(info.value).startswith("line 1, column 1: the input is empty")


def test_unrelated_prose_says_no_decision_was_found() -> None:
    with pytest.raises(ParseError) as info:
        wtotext.parse(PROSE)
    err = info.value
    assert err.message == "no decision found: the text has no enacting formula and no operative part"
    assert err.line == 5
    assert "enacting formula such as 'The Ministerial Conference,'" in err.expected
    assert "Nobody in the village" in str(err)


def test_a_preamble_without_operative_part_points_at_its_end() -> None:
    with pytest.raises(ParseError) as info:
        wtotext.parse(PREAMBLE_ONLY)
    err = info.value
    assert err.message == "the preamble is not followed by an operative part"
    assert err.line == 5
    assert err.excerpt.startswith("Noting the reports")
    assert "'Decides:'" in err.expected


def test_parse_error_is_a_wtotext_error_and_survives_pickling() -> None:
    import pickle

    with pytest.raises(wtotext.WtotextError) as info:
        wtotext.parse("")
    again = pickle.loads(pickle.dumps(info.value))
    assert isinstance(again, ParseError)
    assert (again.line, again.column, again.message) == (1, 1, "the input is empty")


def test_a_preambular_line_shorter_than_an_opener_is_an_unknown_recital() -> None:
    d = wtotext.parse("The General Council,\n\nDé\n\nDecides:\n\n1. Members shall notify it.\n")
    assert [r.opener for r in d.preamble] == ["Dé"]
    assert any(x.code == "unknown-opener" for x in d.diagnostics)
