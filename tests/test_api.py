"""The public API: queries, the registry, JSON round trips, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import wtotext
from tests.conftest import CORPUS, corpus_texts
from wtotext import Decision, Modality
from wtotext.cli import main

SEED = CORPUS / "seed-ecommerce-2011.txt"
WAIVER = CORPUS / "ldc-services-waiver-2011.txt"


@pytest.fixture(scope="module")
def waiver() -> Decision:
    return wtotext.parse_file(WAIVER)


@pytest.mark.parametrize("modality", [Modality.PERMISSION, "permission", "Permission"])
def test_modality_takes_the_enum_or_its_value(waiver: Decision, modality: Modality | str) -> None:
    found = [(m.body.name, m.verb) for m in waiver.mandates(modality=modality)]
    assert found == [
        ("Members", "provide"),
        ("Council for Trade in Services", "examine"),
        ("Council for Trade in Services", "make"),
    ]


def test_an_unknown_modality_names_the_allowed_values(waiver: Decision) -> None:
    with pytest.raises(ValueError, match="modality must be one of obligation, permission"):
        waiver.mandates(modality="duty")


@pytest.mark.parametrize(("start", "end", "message"), [(-1, 3, "start must be >= 0"), (5, 2, "end must be >= start")])
def test_a_span_refuses_a_negative_start_or_an_end_before_its_start(start: int, end: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        wtotext.Span(start, end)
    assert wtotext.Span(3, 3).slice("abcdef") == ""


@pytest.mark.parametrize("body", ["Council for Trade in Services", "CTS", "services council", "the CTS"])
def test_body_takes_a_name_or_an_alias_in_any_case(waiver: Decision, body: str) -> None:
    assert [m.verb for m in waiver.obligations(body=body)] == ["consider", "examine", "report"]


def test_body_takes_an_actor(waiver: Decision) -> None:
    actor = waiver.mandates()[0].body
    assert {m.body.name for m in waiver.mandates(body=actor)} == {"Members"}


def test_a_body_added_at_run_time_is_recognised_and_resolved() -> None:
    reg = wtotext.registry()
    text = "The General Council,\n\nDecides:\n\n1. The CRO shall examine the notifications.\n"
    assert wtotext.parse(text).mandates() == []
    assert reg.resolve("the CRO") is None
    reg.add("Committee on Rules of Origin", aliases=["CRO"])
    try:
        assert reg.resolve("the CRO") == "Committee on Rules of Origin"  # what it remembered is forgotten
        [m] = wtotext.parse(text).mandates()
        assert (m.body.name, m.body.surface, m.body.known) == ("Committee on Rules of Origin", "The CRO", True)
        assert wtotext.parse(text).obligations(body="cro") == [m]
    finally:
        reg.remove("Committee on Rules of Origin")
    assert reg.resolve("the CRO") is None
    assert wtotext.parse(text).mandates() == []


@pytest.mark.parametrize("path", corpus_texts(), ids=lambda p: p.stem)
def test_the_json_record_reads_back_to_the_same_decision(path: Path) -> None:
    d = wtotext.parse_file(path)
    again = Decision.from_dict(json.loads(json.dumps(d.to_dict())), text=d.text)
    assert again == d


def test_parse_writes_one_json_record_per_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("Nothing to see here.\n", encoding="utf-8")
    assert main(["parse", str(SEED), str(bad)]) == 1
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(r["source"], r["ok"]) for r in lines] == [(str(SEED), True), (str(bad), False)]
    assert lines[0]["decision"]["operative"][1]["mandates"][1]["via"] == "General Council"
    assert lines[1]["error"]["type"] == "ParseError" and lines[1]["error"]["line"] == 1


def test_obligations_prints_a_table_or_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["obligations", "--body", "CTD", str(SEED)]) == 0
    table = capsys.readouterr().out
    assert "Committee on Trade and Development (via General Council): examine" in table
    assert main(["obligations", "--body", "CTD", "--json", str(SEED)]) == 0
    [row] = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert (row["body"], row["verb"], row["via"]) == (
        "Committee on Trade and Development",
        "examine",
        "General Council",
    )


def test_version_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"wtotext {wtotext.__version__}"


@pytest.mark.parametrize(
    ("stage", "expected"),
    [
        ("normalised", "Decides as follows:"),
        ("tree", "\n  enacting"),
        ("decision", "      General Council obligation hold 2010-07 2010-12 2011-07"),
    ],
)
def test_parse_can_stop_after_a_stage(capsys: pytest.CaptureFixture[str], stage: str, expected: str) -> None:
    assert main(["parse", "--stage", stage, str(CORPUS / "ecom-2009.txt")]) == 0
    assert expected in capsys.readouterr().out
