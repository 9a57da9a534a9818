"""The parsers: shapes of the document grammar, and parsers built once a process and kept between processes."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import lark
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wtotext
from wtotext import parser
from wtotext.normalise import normalise
from wtotext.read import read_bytes

from .conftest import CORPUS

PYTHON = f"{sys.version_info[0]}{sys.version_info[1]}"
SEED = normalise((CORPUS / "seed-ecommerce-2011.txt").read_text(encoding="utf-8")).text


@pytest.fixture(autouse=True)
def _built_again_afterwards() -> Iterator[None]:
    """Each test builds its own parsers; the rest of the suite gets new ones too."""
    parser._build.cache_clear()
    parser._scanner.cache_clear()
    yield
    parser._build.cache_clear()
    parser._scanner.cache_clear()


def _document_parser(monkeypatch: pytest.MonkeyPatch, folder: str) -> lark.Lark:
    """The document parser as a new process would get it, with ``WTOTEXT_CACHE_DIR=folder``."""
    monkeypatch.setenv("WTOTEXT_CACHE_DIR", folder)
    parser._build.cache_clear()
    return parser.document_parser()


def test_the_document_parser_is_loaded_from_the_cache_and_parses_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = _document_parser(monkeypatch, str(tmp_path))
    assert [p.name for p in tmp_path.iterdir()] == [f"document-lark{lark.__version__}-py{PYTHON}.cache"]
    loaded = _document_parser(monkeypatch, str(tmp_path))
    assert built.source_path != "<deserialized>"
    assert loaded.source_path == "<deserialized>"  # Lark's mark of a parser read from its cache
    assert loaded.parse(SEED) == built.parse(SEED)
    # the grammar comes back too: hypothesis.extra.lark generates documents from it
    assert loaded.grammar.compile(["document"], set())[0]


def test_a_damaged_cache_file_is_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _document_parser(monkeypatch, str(tmp_path))
    (cache_file,) = tmp_path.iterdir()
    cache_file.write_bytes(b"not a parser")
    rebuilt = _document_parser(monkeypatch, str(tmp_path))
    assert rebuilt.source_path != "<deserialized>"
    assert rebuilt.parse(SEED) == _document_parser(monkeypatch, "").parse(SEED)
    assert _document_parser(monkeypatch, str(tmp_path)).source_path == "<deserialized>"


def test_an_empty_cache_dir_turns_the_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert _document_parser(monkeypatch, "").source_path != "<deserialized>"
    assert list(tmp_path.iterdir()) == []


def test_the_cache_folder_defaults_to_the_users_cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WTOTEXT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    parser.document_parser()
    assert [p.parent.name for p in tmp_path.rglob("*.cache")] == ["wtotext"]


def test_the_cache_never_serves_the_parser_of_another_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # (ending with a comma: only an actor, not any subject before a modal, opens such a paragraph)
    text = "The General Council,\n\nDecides:\n\nThe CRO shall examine the notifications,\n"
    _document_parser(monkeypatch, str(tmp_path))
    reg = wtotext.registry()
    reg.add("Committee on Rules of Origin", aliases=["CRO"])
    try:
        edited = _document_parser(monkeypatch, str(tmp_path))
        assert edited.source_path != "<deserialized>"
        assert "OP_PROSE" in {t.type for t in edited.lex(text)}  # the new alias opens an operative sentence
    finally:
        reg.remove("Committee on Rules of Origin")
    shipped = _document_parser(monkeypatch, str(tmp_path))
    assert shipped.source_path != "<deserialized>"  # the file held the edited registry's parser
    assert "OP_PROSE" not in {t.type for t in shipped.lex(text)}


def _scanner(monkeypatch: pytest.MonkeyPatch, folder: str) -> tuple[str, dict[str, str]]:
    """The clause scanner as a new process would get it, with ``WTOTEXT_CACHE_DIR=folder``."""
    monkeypatch.setenv("WTOTEXT_CACHE_DIR", folder)
    parser._scanner.cache_clear()
    return parser.clause_scanner().pattern, parser.literal_kinds()


def test_the_clause_scanner_is_kept_in_the_cache_and_read_back_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = _scanner(monkeypatch, str(tmp_path))
    (cache_file,) = tmp_path.iterdir()
    assert cache_file.name == f"clause-scanner-lark{lark.__version__}-py{PYTHON}.json"
    stored = json.loads(cache_file.read_text(encoding="utf-8"))
    stored["pattern"] = stored["pattern"].replace("(?P<WORD>", "(?P<WORD>x?")
    cache_file.write_text(json.dumps(stored), encoding="utf-8")
    assert _scanner(monkeypatch, str(tmp_path))[0] == stored["pattern"]  # read, not worked out again
    assert _scanner(monkeypatch, "") == built


@pytest.mark.parametrize("damage", ["", "{", "[1, 2]", '{"grammar": "0", "pattern": "x", "kinds": {}}'])
def test_a_damaged_or_stale_scanner_cache_is_worked_out_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    built = _scanner(monkeypatch, "")
    (tmp_path / f"clause-scanner-lark{lark.__version__}-py{PYTHON}.json").write_text(damage, encoding="utf-8")
    assert _scanner(monkeypatch, str(tmp_path)) == built
    assert _scanner(monkeypatch, str(tmp_path)) == built  # and written again


def test_a_scanner_cached_by_other_code_is_worked_out_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # an upgrade may change how the pattern is worked out and leave the grammar as it was
    built = _scanner(monkeypatch, str(tmp_path))
    (cache_file,) = tmp_path.iterdir()
    stored = json.loads(cache_file.read_text(encoding="utf-8"))
    stored["pattern"] = stored["pattern"].replace("(?P<WORD>", "(?P<WORD>x?")
    cache_file.write_text(json.dumps(stored), encoding="utf-8")
    monkeypatch.setattr(parser, "_pattern_code", lambda: b"the code of another version")
    assert _scanner(monkeypatch, str(tmp_path)) == built


def test_an_edited_registry_gets_a_scanner_of_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = _scanner(monkeypatch, str(tmp_path))
    reg = wtotext.registry()
    reg.add("Committee on Rules of Origin", aliases=["CRO"])
    try:
        edited = _scanner(monkeypatch, str(tmp_path))
        assert re.compile(edited[0]).match("the CRO shall")[0] == "the CRO"  # one ACTOR
        assert re.compile(shipped[0]).match("the CRO shall")[0] == "the"
    finally:
        reg.remove("Committee on Rules of Origin")
    assert _scanner(monkeypatch, str(tmp_path)) == shipped


# --------------------------------------------------------------------------- the clause scanner's lookahead


def _terminals() -> list[tuple[str, str]]:
    grammar = parser.clause_parser()
    return [(t.name, t.pattern.to_regexp()) for t in grammar.terminals if t.name not in grammar.ignore_tokens]


@settings(max_examples=200)
@given(st.data())
def test_every_match_of_a_terminal_passes_the_lookahead_built_from_its_regex(data: st.DataObject) -> None:
    name, regexp = data.draw(st.sampled_from(_terminals()), label="terminal")
    text = data.draw(st.from_regex(regexp, fullmatch=True), label="match")
    lookahead = parser._beginnings([regexp])
    assert lookahead is None or re.match(lookahead, text), (name, lookahead)


@pytest.mark.parametrize(
    ("patterns", "passes", "skips"),
    [
        ([r"\bthe\s+end\s+of\s+\d{4}", r"\d{1,2}\s+May"], ["the end", "the\tstart", "31 May", "7"], ["then", "notify"]),
        (
            [r"(?:[Tt]he\s+)?Council\b", r"(?=[A-Z])[A-Z]\w*\s+on"],
            ["the Council", "The", "Committee"],
            ["council", "of"],
        ),
        ([r"\b(?:shall|may)(?:\s+not)?\b", r"(?i:in\s+order)"], ["shall", "mayor", "in order", "xyz"], []),
        ([r"(?i)the\s+end"], [], []),  # case-blind as a whole: no lookahead either
        ([r"[Aa]n?\s+body", r"(?:at\s)?most\b"], ["a body", "An organ", "at most", "most"], ["and", "any", "attend"]),
    ],
)
def test_the_lookahead_lets_through_what_the_patterns_can_begin_with(
    patterns: list[str], passes: list[str], skips: list[str]
) -> None:
    lookahead = parser._beginnings(patterns)
    if lookahead is None:  # a case-blind pattern can begin anywhere: no lookahead at all
        assert any("(?i" in p for p in patterns)
        return
    assert all(re.match(lookahead, text) for text in passes)
    assert not any(re.match(lookahead, text) for text in skips)


def test_the_scanner_sends_a_plain_word_past_the_multiword_terminals() -> None:
    pattern = parser.clause_scanner().pattern
    assert pattern.startswith(r"\s*(?:(?=")
    lookahead = _group_at(pattern, len(r"\s*(?:"))
    for word in ("notify", "examine", "trade", "consider"):
        assert not re.match(lookahead, word), word
    for start in ("the end of 2018", "31 March 1999", "shall not", "Members", "in order to", "G/AG/5"):
        assert re.match(lookahead, start), start


def _group_at(pattern: str, start: int) -> str:
    """The parenthesised group of ``pattern`` that opens at ``start``."""
    depth, i = 0, start
    while True:
        skip = re.match(r"\\.|\[(?:\\.|[^\]\\])*\]", pattern[i:])  # an escape or a class
        if skip:
            i += skip.end()
            continue
        depth += {"(": 1, ")": -1}.get(pattern[i], 0)
        i += 1
        if depth == 0:
            return pattern[start:i]


# --------------------------------------------------------------------------- shapes of the document grammar


_ROMAN_AND_LETTERED = (
    "I. AGRICULTURE\n\n1. Members shall notify their export subsidies.\n\n"
    "2. The Committee on Agriculture shall review the notifications.\n\n"
    "A. Final Provisions\n\n3. The General Council shall review this Decision.\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # WT/MIN(01)/17 numbers its sections as its paragraphs: "1." above "1.1", "1.2" ...
        (
            "The Ministerial Conference,\n\nDecides as follows:\n\n"
            "1. General Agreement on Tariffs and Trade 1994 (GATT 1994)\n\n"
            "1.1 Instructs the Committee on Market Access to examine the issue.\n\n"
            "2. Agreement on Agriculture\n\n2.1 Urges Members to exercise restraint.\n\n"
            "3. Members shall notify their measures\n",  # in sentence case a numbered line is a paragraph
            [
                ("1.1", "1. General Agreement on Tariffs and Trade 1994 (GATT 1994)"),
                ("2.1", "2. Agreement on Agriculture"),
                ("3", None),
            ],
        ),
        (
            f"The General Council,\n\nDecides:\n\n{_ROMAN_AND_LETTERED}",
            [("1", "I. AGRICULTURE"), ("2", None), ("3", "A. Final Provisions")],
        ),
        (
            f"The General Council,\n\nRecalling the Decision of 2010;\n\n{_ROMAN_AND_LETTERED}",
            [("1", "I. AGRICULTURE"), ("2", None), ("3", "A. Final Provisions")],
        ),
    ],
)
def test_numbered_section_titles_head_the_paragraphs_below_them(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert [(p.number, p.heading) for p in wtotext.parse(text).operative] == expected


@pytest.mark.parametrize(
    ("after_marker", "expected"),
    [
        # declarations put unnumbered section titles over their paragraphs, the first right after "Decides:"
        (
            "Agriculture\n\n1. Members shall notify their export subsidies.\n\n"
            "Export Competition\n\n2. Members shall eliminate export subsidies.\n",
            [("1", "Agriculture", "Members shall notify their export subsidies."), ("2", "Export Competition", None)],
        ),
        ("Issues Relating to LDCs\n\nTo instruct the CTD to report.\n", [(None, "Issues Relating to LDCs", None)]),
        # a title-like line with nothing under it, or with sub-items, is a paragraph as before
        ("Entry into Force\n", [(None, None, "Entry into Force")]),
        (
            "Transitional Arrangements\n\n(a) Members shall notify.\n\n1. The CTD shall report.\n",
            [(None, None, "Transitional Arrangements (a) Members shall notify."), ("1", None, None)],
        ),
        # a prose paragraph in sentence case is no title
        (
            "The waiver shall terminate on 31 December 2030\n",
            [(None, None, "The waiver shall terminate on 31 December 2030")],
        ),
    ],
)
def test_an_unnumbered_title_right_after_the_marker_heads_the_paragraphs_below_it(
    after_marker: str, expected: list[tuple[str | None, str | None, str | None]]
) -> None:
    operative = wtotext.parse(f"The General Council,\n\nDecides:\n\n{after_marker}").operative
    assert [(p.number, p.heading) for p in operative] == [(number, heading) for number, heading, _ in expected]
    for p, (_, _, text) in zip(operative, expected, strict=True):
        assert text is None or p.text == text


@pytest.mark.parametrize(
    ("paragraphs", "numbers"),
    [
        ("1) Members shall notify their measures.\n\n2) The CTD shall review them.\n", ["1", "2"]),
        ("I. Members shall notify their measures.\n\nII. The CTD shall review them.\n", ["I", "II"]),
        ("A. Members shall notify their measures.\n\nB. The CTD shall review them.\n", ["A", "B"]),
    ],
)
def test_paragraphs_may_be_numbered_1_paren_roman_or_by_capitals(paragraphs: str, numbers: list[str]) -> None:
    d = wtotext.parse(f"The General Council,\n\nDecides:\n\n{paragraphs}")
    assert [p.number for p in d.operative] == numbers
    assert [(m.body.name, m.verb) for m in d.mandates()] == [
        ("Members", "notify"),
        ("Committee on Trade and Development", "review"),
    ]


@pytest.mark.parametrize("heading", ["ANNEX", "Annex 2", "ANNEX A", "Appendix I", "Annex: Procedures for Notification"])
def test_an_annex_is_back_matter_however_its_paragraphs_are_numbered(heading: str) -> None:
    text = (
        "The General Council,\n\nDecides:\n\n1. Members shall notify their measures.\n\n"
        f"{heading}\n\n1. The Committee shall examine each notification.\n\nB. Members shall reply.\n"
    )
    d = wtotext.parse(text)
    assert [p.number for p in d.operative] == ["1"]
    assert [(m.body.name, m.verb) for m in d.mandates()] == [("Members", "notify")]
    assert [n.text for n in d.noise][-3:] == [
        heading,
        "1. The Committee shall examine each notification.",
        "B. Members shall reply.",
    ]


def test_a_formula_that_decides_may_be_followed_by_an_unnumbered_title() -> None:
    text = "The General Council decides as follows:\n\nAgriculture\n\n1. Members shall notify their measures.\n"
    assert [(p.number, p.heading) for p in wtotext.parse(text).operative] == [("1", "Agriculture")]


@pytest.mark.parametrize(
    "formula",
    [
        'The Council for Trade-Related Aspects of Intellectual Property Rights (the "Council for TRIPS"),',
        "The TRIPS Council,",
        'The Council for Trade-Related Aspects of Intellectual Property Rights (the "Council") decides as follows:',
    ],
)
def test_an_enacting_formula_may_name_the_issuer_any_way_and_define_a_short_name(formula: str) -> None:
    text = f"{formula}\n\nRecalling the Agreement;\n\n1. The Council for TRIPS shall review this Decision.\n"
    if formula.endswith(":"):
        text = text.replace("Recalling the Agreement;\n\n", "")
    d = wtotext.parse(text)
    assert (d.issuer, d.enacting_formula, len(d.operative)) == ("Council for TRIPS", formula, 1)
    assert len(d.preamble) == (0 if formula.endswith(":") else 1)


def test_an_unnumbered_paragraph_may_open_on_a_phrase_before_its_subject() -> None:
    text = (
        "The General Council,\n\nDecides:\n\n"
        "The Committee on Agriculture shall review the notifications.\n\n"
        "In accordance with Article IX, the Council for Trade in Goods shall examine the request.\n\n"
        "Pursuant to paragraph 2, all Members shall notify their programmes.\n\n"
        "Members shall report annually.\n"
    )
    d = wtotext.parse(text)
    assert len(d.operative) == 4  # the second paragraph no longer ends the operative part
    assert [(m.body.name, m.verb) for m in d.mandates()] == [
        ("Committee on Agriculture", "review"),
        ("Council for Trade in Goods", "examine"),
        ("Members", "notify"),
        ("Members", "report"),
    ]


@pytest.mark.parametrize(
    "line", ["Decision of 7 December 2016", "Decision of 7th December 2016", "Decision of December 7, 2016"]
)
def test_the_adoption_date_is_read_in_either_order(line: str) -> None:
    text = f"WT/L/1001\n\n{line}\n\nThe General Council,\n\nDecides:\n\n1. Members shall notify their measures.\n"
    assert wtotext.parse(text).date == "2016-12-07"


def test_a_web_pages_list_item_that_carries_its_own_marker_is_that_sub_item() -> None:
    html = (
        b"<html><body><p>The General Council,</p><p>Decides:</p><p>1. We agree to:</p>"
        b"<ul><li>(a) enhance transparency; and</li><li>(b) report to the Council for TRIPS.</li></ul>"
        b"</body></html>"
    )
    d = wtotext.parse(read_bytes(html, name="decision.html").text)
    assert [(s.number, s.text) for s in d.operative[0].subitems] == [
        ("a", "enhance transparency; and"),
        ("b", "report to the Council for TRIPS."),
    ]
    assert [(m.body.name, m.verb) for m in d.mandates()] == [
        ("General Council", "enhance"),
        ("General Council", "report"),
    ]


@pytest.mark.parametrize(
    ("formula", "marker"),
    [
        ("THE GENERAL COUNCIL,", "DECIDES:"),
        ("The General Council,", "DECIDES AS FOLLOWS:"),
        ("THE GENERAL COUNCIL,", "Decides:"),
    ],
)
def test_a_formula_and_marker_printed_in_capitals_open_the_preamble_and_the_operative_part(
    formula: str, marker: str
) -> None:
    d = wtotext.parse(
        f"{formula}\n\nBearing in mind the objectives of the Marrakesh Agreement;\n\n"
        f"Mindful of the needs of least-developed country Members;\n\n{marker}\n\n"
        "1. Members shall notify their rules of origin.\n"
    )
    assert (d.issuer, [r.opener for r in d.preamble], len(d.operative)) == (
        "General Council",
        ["Bearing in mind", "Mindful"],
        1,
    )


def test_a_formula_that_decides_printed_in_capitals() -> None:
    d = wtotext.parse("THE GENERAL COUNCIL DECIDES AS FOLLOWS:\n\n1. Members shall notify their rules.\n")
    assert (d.issuer, d.enacting_formula, len(d.operative)) == (
        "General Council",
        "THE GENERAL COUNCIL DECIDES AS FOLLOWS:",
        1,
    )


def test_an_opener_after_an_adverb_keeps_it_and_the_recital_stays_in_the_preamble() -> None:
    recitals = [
        "Also noting the request of the LDC Group;",
        "Further emphasizing the need for transparency;",
        "Also underscoring the role of the Secretariat;",
        "Keeping in mind the objectives of the Marrakesh Agreement;",
    ]
    d = wtotext.parse("The General Council,\n\n" + "\n\n".join(recitals) + "\n\nDecides:\n\n1. Members shall notify.\n")
    assert [r.opener for r in d.preamble] == [
        "Also noting",
        "Further emphasizing",
        "Also underscoring",
        "Keeping in mind",
    ]
    assert not [x for x in d.diagnostics if x.code == "unknown-opener"]


@pytest.mark.parametrize(
    ("front", "back", "date"),
    [
        ("", "_______________\n\nAdopted by the General Council at its meeting of 22 July 2025.\n", "2025-07-22"),
        ("", "(Adopted on 3 March 2026)\n", "2026-03-03"),
        ("WT/L/1303\n\nDone at Geneva, this 5th day of March 2026\n\n", "", "2026-03-05"),
        # a cited decision's date in a note after the paragraphs is not the adoption date
        ("", "_______________\n\n[1] Ministerial Decision of 19 December 2015 (WT/MIN(15)/45).\n", None),
    ],
)
def test_the_adoption_date_is_read_after_the_paragraphs_when_the_front_matter_has_none(
    front: str, back: str, date: str | None
) -> None:
    d = wtotext.parse(
        f"{front}The General Council,\n\nDecides:\n\n1. Members shall notify their measures within "
        f"5 years from the date of this Decision.\n\n{back}"
    )
    assert d.date == date
    expected = () if date is None else (f"{int(date[:4]) + 5}{date[4:]}",)
    assert d.mandates()[0].deadlines == expected


def test_unnumbered_paragraphs_whose_subject_is_no_actor_stay_in_the_operative_part() -> None:
    d = wtotext.parse(
        "The General Council,\n\nCognizant that developing country Members may face difficulties;\n\n"
        "Decides:\n\nMembers shall notify their measures to the Committee on Agriculture.\n\n"
        "This Decision shall be reviewed by the General Council in 2028.\n\n"
        "Nothing in this Decision shall affect the rights of Members.\n\n"
        "The provisions of this Decision shall apply from 1 January 2027.\n\n"
        "The Committee on Agriculture shall report annually.\n"
    )
    # the recital with a modal (to its semicolon) stays a recital
    assert [r.opener for r in d.preamble] == ["Cognizant"]
    assert len(d.operative) == 5
    assert [(m.body.name, m.verb) for m in d.mandates()] == [
        ("Members", "notify"),
        ("General Council", "review"),
        ("Committee on Agriculture", "report"),
    ]


@pytest.mark.parametrize(
    ("formula", "issuer", "kind"),
    [
        ("The General Council, meeting on 22 July 2025,", "General Council", "decision"),
        ("The Ministerial Conference, at its Twelfth Session,", "Ministerial Conference", "decision"),
        (
            "We, the Ministers, meeting in Geneva from 12 to 17 June 2022, declare as follows:",
            "Ministerial Conference",
            "declaration",
        ),
        ("The Ministerial Conference declares as follows:", "Ministerial Conference", "declaration"),
        ("We, the Ministers declare as follows:", "Ministerial Conference", "declaration"),
    ],
)
def test_a_formula_that_says_where_the_body_meets_or_that_declares(formula: str, issuer: str, kind: str) -> None:
    d = wtotext.parse(f"{formula}\n\n1. We instruct the General Council to review the matter.\n")
    assert (d.issuer, d.kind, d.enacting_formula) == (issuer, kind, formula)


@pytest.mark.parametrize(
    "formula",
    [
        "The General Council, acting on the recommendation of the Committee on Budget, Finance and Administration,",
        "The General Council, acting under paragraph 3 of Article IX of the WTO Agreement,",
        "The General Council, pursuant to paragraph 4 of Article IX of the WTO Agreement,",
        "The General Council, conducting the functions of the Ministerial Conference in the interval between "
        "meetings pursuant to paragraph 2 of Article IV of the WTO Agreement,",
    ],
)
def test_a_formula_that_says_under_what_authority_the_body_acts(formula: str) -> None:
    # the recital below stays a recital: its date is not the decision's, and the
    # issuer's own conduct is the General Council's
    d = wtotext.parse(f"{formula}\n\nRecalling its Decision of 1 May 2020;\n\nDecides:\n\n1. To approve the budget.\n")
    assert (d.issuer, d.date, d.enacting_formula) == ("General Council", None, formula)
    assert [r.opener for r in d.preamble] == ["Recalling"]
    assert [(m.body.name, m.verb) for m in d.mandates()] == [("General Council", "approve")]


@pytest.mark.parametrize(
    ("marker", "kind"),
    [
        ("Hereby decides:", "decision"),
        ("Decides, as follows:", "decision"),
        ("DECIDES, AS FOLLOWS:", "decision"),
        ("Decides the following:", "decision"),
        ("Adopts the following Decision:", "decision"),
        ("Hereby declares:", "declaration"),
    ],
)
def test_markers_written_in_more_ways_open_the_operative_part(marker: str, kind: str) -> None:
    text = (
        f"The General Council,\n\nRecalling its Decision;\n\n{marker}\n\n"
        "1. The Secretariat shall report.\n\n2. Members shall notify.\n"
    )
    d = wtotext.parse(text)
    assert ([r.opener for r in d.preamble], len(d.operative), d.kind) == (["Recalling"], 2, kind)


def test_a_decision_that_names_no_issuer_says_so() -> None:
    d = wtotext.parse("Decides:\n\n1. To adopt the budget.\n")
    assert d.issuer is None
    assert [x.code for x in d.diagnostics] == ["no-issuer"]
    assert [(m.body.name, m.verb) for m in d.mandates()] == [("Ministerial Conference", "adopt")]
    named = wtotext.parse("The General Council,\n\nDecides:\n\n1. To adopt the budget.\n")
    assert named.issuer == "General Council" and named.diagnostics == ()


def test_a_lettered_or_roman_title_in_sentence_case_heads_the_paragraphs_below() -> None:
    text = (
        "The General Council,\n\nDecides:\n\nA. General provisions\n\n1. Members shall notify the CTD.\n\n"
        "II. Special and differential treatment\n\n2. The CTD shall review the matter.\n\n"
        "B. Members shall consult the Secretariat\n"
    )
    d = wtotext.parse(text)
    assert [(p.heading, p.text) for p in d.operative] == [
        ("A. General provisions", "Members shall notify the CTD."),
        ("II. Special and differential treatment", "The CTD shall review the matter."),
        (None, "Members shall consult the Secretariat"),
    ]


def test_the_formulas_meeting_date_dates_the_decision_and_its_relative_deadlines() -> None:
    d = wtotext.parse(
        "The General Council, meeting on 15 March 2026,\n\nDecides:\n\n"
        "1. Members shall notify within 60 days of the adoption of this Decision.\n"
    )
    assert (d.date, [m.deadlines for m in d.mandates()]) == ("2026-03-15", [("2026-05-14",)])


def test_an_adverb_after_an_opener_stays_with_it() -> None:
    d = wtotext.parse(
        "The General Council,\n\nWelcoming also the report;\n\nAcknowledging further the work;\n\n"
        "Bearing in mind also the needs;\n\nDecides:\n\n1. Members shall notify.\n"
    )
    assert [r.opener for r in d.preamble] == ["Welcoming also", "Acknowledging further", "Bearing in mind also"]


def test_ministers_who_speak_without_a_formula_are_the_conference() -> None:
    d = wtotext.parse(
        "We, the Ministers, have met in Geneva from 12 to 15 June 2022.\n\n"
        "1. We agree to the following:\n\n(a) Members shall notify their measures within 30 days.\n"
    )
    assert (d.issuer, [(m.body.name, m.verb) for m in d.mandates()]) == (
        "Ministerial Conference",
        [("Members", "notify")],
    )
