"""Batch parsing of dumps: every input gives exactly one record, nothing is lost."""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path
from typing import Any

import pytest

import wtotext
from tests.conftest import CORPUS, corpus_texts
from tests.surfaces import as_pdf_extract, as_web_scrape
from wtotext.batch import parse_many, run
from wtotext.cli import main


def records(path: Path) -> dict[str, dict[str, Any]]:
    return {r["source"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def make_dump(root: Path, copies: int) -> tuple[list[Path], dict[str, str]]:
    """``copies`` corpus documents with varied noise, plus one of each kind of bad input.

    Returns the good files and, for each bad input's source, a word its message must name.
    """
    rng = random.Random(7)
    texts = [p.read_bytes() for p in corpus_texts()]
    good: list[Path] = []
    for i in range(copies):
        data = texts[i % len(texts)]
        variant = i % 4
        if variant == 1 and not data.lstrip().startswith(b"<"):
            data = as_web_scrape(data.decode("utf-8")).encode("utf-8")
        elif variant == 2 and not data.lstrip().startswith(b"<"):
            data = as_pdf_extract(data.decode("utf-8")).replace("\n", "\r\n").encode("utf-8")
        elif variant == 3:
            data = b"\xef\xbb\xbf" + data
        folder = root / f"batch{i % 7}"
        folder.mkdir(exist_ok=True)
        suffix = ".html" if data.lstrip(b"\xef\xbb\xbf").lstrip().startswith(b"<") else ".txt"
        path = folder / f"doc{i:05d}{suffix}"
        path.write_bytes(data)
        good.append(path)
    bad: dict[str, str] = {}
    (root / "empty.txt").write_bytes(b"")
    bad[str(root / "empty.txt")] = "empty"
    (root / "noise.txt").write_bytes(bytes(rng.randrange(256) for _ in range(3000)))
    bad[str(root / "noise.txt")] = "decision"
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("inner.txt", texts[0])
    (root / "truncated.zip").write_bytes(zipped.getvalue()[: len(zipped.getvalue()) // 2])
    bad[str(root / "truncated.zip")] = "archive"
    os.symlink(root / "nowhere.txt", root / "dangling.txt")  # unreadable even for root
    bad[str(root / "dangling.txt")] = "no such file"
    with open(root / "huge.txt", "wb") as handle:  # sparse: quick to make
        handle.truncate(50_000_000)
    bad[str(root / "huge.txt")] = "limit"
    (root / "cp1252.txt").write_bytes(CORPUS.joinpath("ecom-2009.txt").read_bytes().replace(b"Decides", b"D\xe9cides"))
    (root / "x.txt").mkdir()  # a folder with a document's name is searched, not parsed
    (root / "x.txt" / "inside.txt").write_bytes(texts[1])
    return good, bad


@pytest.mark.parametrize("copies", [500])
def test_a_dump_gives_one_record_per_input_and_names_each_failure(tmp_path: Path, copies: int) -> None:
    dump = tmp_path / "dump"
    dump.mkdir()
    good, bad = make_dump(dump, copies)
    out = tmp_path / "out.jsonl"
    summary = run([str(dump)], str(out), jobs=2, max_bytes=20_000_000)
    found = records(out)
    expected = {str(p) for p in good} | set(bad) | {str(dump / "cp1252.txt"), str(dump / "x.txt" / "inside.txt")}
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(expected) == summary.documents
    assert set(found) == expected
    for source, word in bad.items():
        assert found[source]["ok"] is False and word in found[source]["error"]["message"].lower(), source
    assert found[str(dump / "cp1252.txt")]["ok"] is True
    assert all(found[str(p)]["ok"] for p in good)


@pytest.mark.slow
def test_a_dump_of_ten_thousand_files_loses_nothing(tmp_path: Path) -> None:
    dump = tmp_path / "dump"
    dump.mkdir()
    good, bad = make_dump(dump, 10_000)
    out = tmp_path / "out.jsonl"
    run([str(dump)], str(out), jobs=2)
    found = records(out)
    assert len(found) == len(good) + len(bad) + 2
    assert sum(not r["ok"] for r in found.values()) == len(bad)


def test_archives_are_opened_and_members_named(tmp_path: Path) -> None:
    zipped = tmp_path / "dump.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.write(CORPUS / "ecom-2009.txt", "a/ecom-2009.txt")
        archive.writestr("big.txt", b"x" * 2000)
    tarred = tmp_path / "dump.tar.gz"
    with tarfile.open(tarred, "w:gz") as archive:
        archive.add(CORPUS / "fish-2022.txt", "fish-2022.txt")
    results = list(parse_many([zipped, tarred], jobs=1, max_bytes=1000))
    assert [(r.source, r.ok) for r in results] == [
        (f"{zipped}!a/ecom-2009.txt", False),  # 1,231 bytes: over this run's limit
        (f"{zipped}!big.txt", False),
        (f"{tarred}!fish-2022.txt", False),
    ]
    results = list(parse_many([zipped, tarred], jobs=1))
    assert [r.ok for r in results] == [True, False, True]
    assert results[2].decision is not None and results[2].decision.symbols == ("WT/MIN(22)/33", "WT/L/1144")


def test_globs_and_order_are_kept(tmp_path: Path) -> None:
    sources = [r.source for r in parse_many([str(CORPUS / "ecom-20*.txt"), str(CORPUS / "seed-*.txt")], jobs=2)]
    assert sources == [*sorted(str(p) for p in CORPUS.glob("ecom-20*.txt")), str(CORPUS / "seed-ecommerce-2011.txt")]


def test_parse_many_gives_the_same_decisions_as_parse_file() -> None:
    paths = corpus_texts()[:6]
    assert [r.decision for r in parse_many(paths, jobs=2)] == [
        wtotext.Decision.from_dict(wtotext.parse_file(p).to_dict()) for p in paths
    ]


def test_a_resumed_batch_equals_an_uninterrupted_one(tmp_path: Path) -> None:
    dump = tmp_path / "dump"
    dump.mkdir()
    make_dump(dump, 60)
    whole, cut = tmp_path / "whole.jsonl", tmp_path / "cut.jsonl"
    run([str(dump)], str(whole), jobs=2)
    lines = whole.read_text(encoding="utf-8").splitlines(keepends=True)
    # a run killed half-way: half the records, the last one cut mid-line, and a failure to redo
    cut.write_text("".join(lines[:30]) + lines[30][: len(lines[30]) // 2], encoding="utf-8")
    run([str(dump)], str(cut), jobs=2, resume=True)
    assert records(cut) == records(whole)
    assert len(cut.read_text(encoding="utf-8").splitlines()) == len(lines)


def test_exit_status_is_0_when_all_parsed_1_when_some_failed_2_on_usage(tmp_path: Path) -> None:
    out = str(tmp_path / "o.jsonl")
    assert main(["batch", str(CORPUS / "ecom-2009.txt"), "-o", out, "--jobs", "1"]) == 0
    bad = tmp_path / "bad.txt"
    bad.write_text("Not a decision.\n", encoding="utf-8")
    assert main(["batch", str(bad), str(CORPUS / "ecom-2009.txt"), "-o", out, "--jobs", "1"]) == 1
    usage = subprocess.run([sys.executable, "-m", "wtotext.cli", "batch", "x.txt"], capture_output=True, text=True)
    assert usage.returncode == 2 and "--output" in usage.stderr


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "wtotext.cli", "batch", str(CORPUS), "-o", str(tmp_path / "o.jsonl"), "--jobs", "2"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0
    assert "\r" not in done.stderr
    assert done.stderr.strip().startswith(f"{len(corpus_texts())} documents, 0 failed")


def test_the_dask_engine_gives_the_same_records_as_the_local_run(tmp_path: Path) -> None:
    pytest.importorskip("distributed")  # in the dev extra; this only names the requirement
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    run([str(CORPUS)], str(local), jobs=1)
    assert main(["batch", str(CORPUS), "-o", str(dask), "--engine", "dask"]) == 0
    assert records(dask) == records(local)


def test_a_file_that_is_not_utf8_is_read_as_cp1252_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.txt"
    path.write_bytes(CORPUS.joinpath("ecom-2009.txt").read_bytes().replace(b"Decides", b"D\xe9cides"))
    for decision in (wtotext.parse_file(path), next(iter(parse_many([path], jobs=1))).decision):
        assert decision is not None
        [note] = [x for x in decision.diagnostics if x.code == "encoding"]
        assert "not valid UTF-8" in note.message and "cp1252" in note.message
