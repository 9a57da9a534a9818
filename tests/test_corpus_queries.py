"""Queries over the whole reference corpus, against its gold."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import CORPUS, corpus_texts, gold
from wtotext import Corpus
from wtotext.batch import run
from wtotext.cli import main
from wtotext.corpus import in_range, parse_range


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus.from_paths([CORPUS], jobs=2)


def _gold_mandates(body: str) -> Counter[tuple[object, ...]]:
    return Counter(
        (path.stem, m["paragraph"], m["verb"], m["modality"], tuple(m["deadlines"]))
        for path in corpus_texts()
        for m in gold(path)["mandates"]
        if m["body"] == body
    )


@pytest.mark.parametrize("query", ["General Council", "GC", "general council"])
def test_the_general_councils_mandates_are_exactly_the_golds(corpus: Corpus, query: str) -> None:
    found = corpus.mandates(body=query)
    assert Counter(
        (Path(m.source or "").stem, m.paragraph, m.mandate.verb, m.mandate.modality.value, m.mandate.deadlines)
        for m in found
    ) == _gold_mandates("General Council")
    for m in found:
        g = gold(Path(m.source or ""))
        assert (m.date, m.decision.symbols) == (g["date"], tuple(g["symbols"]))


def test_the_moratorium_view_gives_each_e_commerce_decisions_end_year(corpus: Corpus) -> None:
    steps = corpus.series("Members", text="customs duties on electronic transmissions")
    steps += corpus.series("Ministerial Conference", text="customs duties on electronic transmissions")
    found = {Path(s.source or "").stem: {d[:4] for d in s.deadlines} for s in steps}
    expected = {
        path.stem: {
            d[:4] for m in gold(path)["mandates"] if m["verb"] in ("maintain", "continue") for d in m["deadlines"]
        }
        for path in corpus_texts()
        if path.stem.startswith(("ecom-", "seed-ecommerce"))
    }
    # decisions that end the moratorium at a dated session (1998, 2019 set no year) have no deadline
    assert {k: v for k, v in found.items() if v} == {k: v for k, v in expected.items() if v}
    assert len([v for v in expected.values() if v]) == 7
    assert [s.date for s in sorted(steps, key=lambda s: s.date or "")] == sorted(s.date or "" for s in steps)


def test_a_corpus_loaded_from_jsonl_answers_like_the_parsed_texts(corpus: Corpus, tmp_path: Path) -> None:
    out = tmp_path / "corpus.jsonl"
    run([str(CORPUS)], str(out), jobs=2)
    loaded = Corpus.from_jsonl(out)
    assert len(loaded) == len(corpus) == len(corpus_texts())
    for query in (
        {"body": "Members"},
        {"modality": "permission"},
        {"due": ("2014", "2016")},
        {"adopted": ("2013", "2013")},
    ):
        assert [m.row() for m in loaded.mandates(**query)] == [m.row() for m in corpus.mandates(**query)]


def test_csv_and_parquet_load_in_duckdb_with_one_row_per_gold_mandate(corpus: Corpus, tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")  # in the dev extra; names the requirement
    total = sum(len(gold(p)["mandates"]) for p in corpus_texts())
    assert corpus.to_csv(tmp_path / "m.csv") == total
    assert corpus.to_parquet(tmp_path / "m.parquet") == total
    for name in ("m.csv", "m.parquet"):
        rows = duckdb.sql(f"select body, count(*) from '{tmp_path / name}' group by body order by body").fetchall()
        assert dict(rows) == dict(Counter(m["body"] for p in corpus_texts() for m in gold(p)["mandates"]))


def test_date_ranges_compare_at_each_dates_precision() -> None:
    assert parse_range("2012..2014") == ("2012", "2014")
    assert parse_range("..2014") == (None, "2014")
    assert parse_range("2026") == ("2026", "2026")
    assert in_range("2012-07", ("2012", "2012")) and in_range("2012", ("2012-07-01", None))
    assert not in_range("2011-12-31", ("2012", None))


def test_query_and_timeline_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", str(CORPUS), "--body", "CTD", "--format", "json", "--jobs", "1"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert {r["body"] for r in rows} == {"Committee on Trade and Development"} and len(rows) == 8
    assert main(["timeline", str(CORPUS / "ecom-2009.txt"), "--body", "GC"]) == 0
    assert (
        capsys.readouterr().out.splitlines()[0].startswith("2010-07     General Council: hold  (WT/L/782, 2009-12-02)")
    )
