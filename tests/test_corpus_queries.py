"""Queries over the whole reference corpus (wtotext.Corpus and the query/timeline commands), against its gold."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CORPUS, corpus_texts, gold
from wtotext import Corpus, parse_file
from wtotext.batch import run
from wtotext.cli import main
from wtotext.corpus import COLUMNS, CorpusMandate, in_range, parse_range

MORATORIUM = "customs duties on electronic transmissions"
GoldKey = tuple[str, int, str, str, str, tuple[str, ...]]


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus.from_paths([CORPUS], jobs=2)


@pytest.fixture(scope="module")
def batch_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("batch") / "corpus.jsonl"
    run([str(CORPUS)], str(out), jobs=2)
    return out


@pytest.fixture(scope="module")
def loaded(batch_output: Path) -> Corpus:
    return Corpus.from_jsonl(batch_output)


def _stem(source: str | None) -> str:
    return Path(source or "").stem


def _gold_keys(body: str | None = None) -> Counter[GoldKey]:
    """(doc id, paragraph, body, verb, modality, deadlines) of every gold mandate (of ``body``)."""
    return Counter(
        (path.stem, m["paragraph"], m["body"], m["verb"], m["modality"], tuple(m["deadlines"]))
        for path in corpus_texts()
        for m in gold(path)["mandates"]
        if body is None or m["body"] == body
    )


def _keys(found: list[CorpusMandate]) -> Counter[GoldKey]:
    return Counter(
        (_stem(m.source), m.paragraph, m.body.name, m.mandate.verb, m.mandate.modality.value, m.mandate.deadlines)
        for m in found
    )


# ----------------------------------------------------------------------------- the done-when


@pytest.mark.parametrize("query", ["General Council", "GC", "general council", "gc"])
def test_the_general_councils_mandates_are_exactly_the_golds(corpus: Corpus, query: str) -> None:
    found = corpus.mandates(body=query)
    assert _keys(found) == _gold_keys("General Council")
    for m in found:
        g = gold(Path(m.source or ""))
        assert (m.date, m.symbols, m.symbol, m.issuer) == (
            g["date"],
            tuple(g["symbols"]),
            g["symbols"][0] if g["symbols"] else None,
            g["issuer"],
        )


def test_the_moratorium_series_gives_each_e_commerce_decisions_end_date_as_the_gold_has_it(corpus: Corpus) -> None:
    # The moratorium is the Members' (to 2015) or the Ministerial Conference's (from 2017)
    # maintain/continue mandate; the Conference's other "continue" is the Work Programme's, with no date.
    expected = {
        path.stem: sorted(
            d
            for m in gold(path)["mandates"]
            if m["verb"] in ("maintain", "continue") and m["body"] in ("Members", "Ministerial Conference")
            for d in m["deadlines"]
        )
        for path in corpus_texts()
        if path.stem.startswith(("ecom-", "seed-ecommerce"))
        and any(m["verb"] in ("maintain", "continue") for m in gold(path)["mandates"])
    }
    steps = corpus.series(["Members", "Ministerial Conference"], text=MORATORIUM)
    assert {_stem(s.source): sorted(s.deadlines) for s in steps} == expected
    assert {_stem(s.source): {d[:4] for d in s.deadlines} for s in steps} == {
        stem: {d[:4] for d in dates} for stem, dates in expected.items()
    }
    assert len(steps) == 9 and len([s for s in steps if s.deadlines]) == 7  # 1998 and 2019: "our next session"
    assert [s.date for s in steps] == sorted(str(gold(Path(s.source or ""))["date"]) for s in steps)


def test_a_corpus_loaded_from_jsonl_holds_the_same_decisions(corpus: Corpus, loaded: Corpus) -> None:
    assert len(loaded) == len(corpus) == len(corpus_texts())
    assert loaded.failures == corpus.failures == ()
    assert [d.to_dict() for d in loaded] == [d.to_dict() for d in corpus]


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"body": "Members"},
        {"body": ["CTD", "LDC Sub-Committee"]},
        {"modality": "permission"},
        {"issuer": "GC"},
        {"adopted": ("2013", "2013")},
        {"due": ("2014", "2016")},
        {"due": (None, "2000")},
        {"verb": ["hold", "maintain"]},
        {"text": MORATORIUM},
    ],
)
def test_queries_over_a_corpus_loaded_from_jsonl_equal_those_over_the_parsed_texts(
    corpus: Corpus, loaded: Corpus, query: dict[str, Any]
) -> None:
    assert [m.row() for m in loaded.mandates(**query)] == [m.row() for m in corpus.mandates(**query)]
    assert loaded.mandates(**query) == corpus.mandates(**query)


def test_views_over_a_corpus_loaded_from_jsonl_equal_those_over_the_parsed_texts(
    corpus: Corpus, loaded: Corpus
) -> None:
    assert loaded.timeline() == corpus.timeline()
    assert loaded.by_body() == corpus.by_body()
    assert loaded.series("GC", verb="hold") == corpus.series("GC", verb="hold")


def test_csv_and_parquet_exports_load_in_duckdb_with_one_row_per_gold_mandate(corpus: Corpus, tmp_path: Path) -> None:
    import duckdb  # the dev extra installs it, with pyarrow

    total = sum(_gold_keys().values())
    assert corpus.to_csv(tmp_path / "m.csv") == total
    assert corpus.to_parquet(tmp_path / "m.parquet") == total
    for name in ("m.csv", "m.parquet"):
        table = duckdb.sql(f"select * from '{tmp_path / name}'")
        assert tuple(table.columns) == COLUMNS
        rows = duckdb.sql(
            f"select source, paragraph, body, verb, modality, coalesce(deadlines, '') from '{tmp_path / name}'"
        ).fetchall()
        assert (
            Counter(
                (_stem(source), paragraph, body, verb, modality, tuple(deadlines.split(";")) if deadlines else ())
                for source, paragraph, body, verb, modality, deadlines in rows
            )
            == _gold_keys()
        )


# ----------------------------------------------------------------------------- queries and views


def test_mandates_filter_by_adoption_date_and_issuer_as_the_gold_dates_them(corpus: Corpus) -> None:
    adopted_2013 = {_stem(m.source) for m in corpus.mandates(adopted=("2013-01", "2013-12-31"))}
    assert adopted_2013 == {p.stem for p in corpus_texts() if str(gold(p)["date"]).startswith("2013")}
    by_gc = {_stem(m.source) for m in corpus.mandates(issuer="general council")}
    assert by_gc == {p.stem for p in corpus_texts() if gold(p)["issuer"] == "General Council" and gold(p)["mandates"]}


def test_several_bodies_or_verbs_match_any_of_them(corpus: Corpus) -> None:
    both = corpus.mandates(body=["GC", "members"])
    assert _keys(both) == _gold_keys("General Council") + _gold_keys("Members")
    assert [m.mandate.verb for m in corpus.mandates(verb=("hold", "maintain"))] == [
        m.mandate.verb for m in corpus.mandates() if m.mandate.verb in ("hold", "maintain")
    ]


def test_paragraphs_count_from_one_in_order_of_appearance(corpus: Corpus) -> None:
    hold = corpus.mandates(body="GC", verb="hold", adopted=("2009", "2009"))
    assert [(m.symbol, m.paragraph, m.mandate.deadlines) for m in hold] == [
        ("WT/L/782", 2, ("2010-07", "2010-12", "2011-07"))
    ]


def test_the_timeline_lists_each_deadline_once_per_mandate_earliest_first(corpus: Corpus) -> None:
    timeline = corpus.timeline(body="GC")
    assert [date for date, _ in timeline] == sorted({d for k in _gold_keys("General Council") for d in k[5]})
    assert sum(len(items) for _, items in timeline) == sum(
        len(k[5]) * n for k, n in _gold_keys("General Council").items()
    )
    due_2026 = corpus.timeline(due=("2026", "2026"))
    expected: dict[str, list[str]] = {}
    for key, n in _gold_keys().items():
        for date in key[5]:
            if date.startswith("2026"):
                expected.setdefault(date, []).extend([key[2]] * n)
    assert len(expected) >= 2  # the corpus has deadlines in 2026, to a day and to a month
    assert [(date, sorted(m.body.name for m in items)) for date, items in due_2026] == sorted(
        (date, sorted(bodies)) for date, bodies in expected.items()
    )


def test_mandates_grouped_by_body_are_the_golds_per_body(corpus: Corpus) -> None:
    groups = corpus.by_body()
    assert list(groups) == sorted(groups)
    assert {body: len(items) for body, items in groups.items()} == dict(Counter(k[2] for k in _gold_keys().elements()))


def test_a_corpus_from_decisions_answers_like_one_from_paths(corpus: Corpus) -> None:
    paths = [CORPUS / "ecom-2009.txt", CORPUS / "ecom-2013-bali.txt"]
    built = Corpus.from_decisions(parse_file(p) for p in paths)
    assert [m.row() for m in built.mandates()] == [
        m.row() for m in corpus.mandates() if _stem(m.source) in ("ecom-2009", "ecom-2013-bali")
    ]


def test_a_batch_output_keeps_failed_and_broken_records_as_failures(batch_output: Path, tmp_path: Path) -> None:
    failed = {"source": "dump/notes.txt", "ok": False, "error": {"type": "ParseError", "message": "no decision"}}
    lines = [*batch_output.read_text(encoding="utf-8").splitlines()[:2], json.dumps(failed), '{"source": "cut']
    out = tmp_path / "mixed.jsonl"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    mixed = Corpus.from_jsonl(out)
    assert len(mixed) == 2
    assert [f["source"] for f in mixed.failures] == ["dump/notes.txt", f"{out}:4"]
    assert mixed.failures[0] == failed and mixed.failures[1]["ok"] is False


@pytest.mark.parametrize(
    ("date", "bounds", "inside"),
    [
        ("2013", ("2012", "2014"), True),
        ("2012-07", ("2012-01-01", "2012-12-31"), True),
        ("2012-07", ("2012", "2012"), True),
        ("2012", ("2012-07-01", None), True),
        ("2014-07", (None, "2014"), True),
        ("2011-12-31", ("2012", None), False),
        ("2015-12-19", (None, "2015-06"), False),
        ("2015-06-30", (None, "2015-06"), True),
        (None, ("2012", None), False),
        ("2012", (None, None), True),
    ],
)
def test_date_ranges_compare_partial_dates_at_each_dates_precision(
    date: str | None, bounds: tuple[str | None, str | None], inside: bool
) -> None:
    assert in_range(date, bounds) is inside


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("2012..2014", ("2012", "2014")),
        ("..2014", (None, "2014")),
        ("2024..", ("2024", None)),
        ("2026", ("2026", "2026")),
    ],
)
def test_command_line_ranges_read_from_dot_dot_to(text: str, bounds: tuple[str | None, str | None]) -> None:
    assert parse_range(text) == bounds


@pytest.mark.parametrize("bad", ["2014-2016", "14..16", "2014/06", "July 2014"])
def test_a_malformed_date_is_refused_with_the_forms_it_takes(corpus: Corpus, bad: str) -> None:
    with pytest.raises(ValueError, match="YYYY, YYYY-MM or YYYY-MM-DD"):
        parse_range(bad)
    with pytest.raises(ValueError, match="YYYY, YYYY-MM or YYYY-MM-DD"):
        corpus.mandates(due=(bad, None))


def test_parquet_without_pyarrow_names_the_extra(
    corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(ImportError, match=r"wtotext\[parquet\]"):
        corpus.to_parquet(tmp_path / "m.parquet")


# ----------------------------------------------------------------------------- the commands


def test_query_prints_one_json_row_per_mandate_of_the_body(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", str(CORPUS), "--body", "CTD", "--format", "json", "--jobs", "1"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert Counter(
        (
            _stem(r["source"]),
            r["paragraph"],
            r["body"],
            r["verb"],
            r["modality"],
            tuple(filter(None, r["deadlines"].split(";"))),
        )
        for r in rows
    ) == _gold_keys("Committee on Trade and Development")
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)


def test_query_reads_a_batch_output_without_parsing_again(
    batch_output: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["query", str(CORPUS), "--due", "2014..2016", "--format", "csv", "--jobs", "1"]) == 0
    from_texts = capsys.readouterr().out

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr("wtotext.corpus.parse_many", no_parsing)
    assert main(["query", str(batch_output), "--due", "2014..2016", "--format", "csv"]) == 0
    from_jsonl = capsys.readouterr().out
    assert from_jsonl == from_texts
    rows = list(csv.DictReader(io.StringIO(from_jsonl)))
    assert len(rows) == sum(n for k, n in _gold_keys().items() if any(in_range(d, ("2014", "2016")) for d in k[5]))


def test_query_prints_a_fixed_width_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "query",
                str(CORPUS / "ecom-2009.txt"),
                str(CORPUS / "seed-ecommerce-2011.txt"),
                "--body",
                "GC",
                "--verb",
                "hold",
            ]
        )
        == 0
    )
    header, *lines = capsys.readouterr().out.splitlines()
    assert header.split() == ["DATE", "DECISION", "PARA", "BODY", "MODALITY", "VERB", "DEADLINES", "ACTION"]
    assert [line[: header.index("ACTION")].split("  ")[0] for line in lines] == ["2009-12-02", "2011"]
    assert lines[1].startswith("2011        seed-ecommerce-2011.txt")  # no symbol printed: the file names it
    column = header.index("DEADLINES")
    assert [line[column:].split("  ")[0] for line in lines] == [
        "2010-07, 2010-12, 2011-07",
        "2012-07, 2012-12, 2013-07",
    ]


def test_query_names_inputs_that_failed_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Minutes of the meeting, nothing decided.\n", encoding="utf-8")
    assert main(["query", str(notes), str(CORPUS / "ecom-2009.txt"), "--body", "Members", "--format", "json"]) == 1
    out, err = capsys.readouterr()
    assert [json.loads(x)["verb"] for x in out.splitlines()] == ["maintain"]
    assert err.startswith(f"{notes}: ParseError: ")


def test_query_refuses_a_malformed_range(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["query", str(CORPUS), "--due", "2014-2016"])
    assert exit_.value.code == 2
    assert "YYYY, YYYY-MM or YYYY-MM-DD; got '2014-2016'" in capsys.readouterr().err


def test_timeline_prints_what_falls_due_when(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", str(CORPUS / "ecom-2009.txt"), "--body", "GC"]) == 0
    header, *lines = capsys.readouterr().out.splitlines()
    assert header.split() == ["DUE", "BODY", "VERB", "MODALITY", "DECISION", "DATE", "ACTION"]
    assert [line.split("  ")[0] for line in lines] == ["2010-07", "2010-12", "2011-07"]
    assert lines[0].startswith(
        "2010-07  General Council  hold  obligation  WT/L/782  2009-12-02  hold periodic reviews"
    )
