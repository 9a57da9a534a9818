"""Batch parsing of dumps: every input gives exactly one record, in input order, and nothing is lost."""

from __future__ import annotations

import gc
import io
import json
import os
import random
import signal
import subprocess
import sys
import tarfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import wtotext
import wtotext.batch
from tests.conftest import CORPUS, SCORER, corpus_texts, surface
from tests.surfaces import as_html, as_pdf_extract, as_web_scrape
from wtotext.batch import parse_many, run
from wtotext.cli import main

ECOM_2009 = CORPUS / "ecom-2009.txt"


def records(path: Path) -> dict[str, dict[str, Any]]:
    """The records of a batch output, by source (order-insensitive)."""
    return {r["source"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def mandates(rec: dict[str, Any]) -> list[tuple[str, str, list[str]]]:
    return [(m["body"], m["verb"], m["deadlines"]) for p in rec["decision"]["operative"] for m in p.get("mandates", [])]


# ----------------------------------------------------------------------------- a generated dump


def noisy(path: Path, variant: int) -> tuple[bytes, str]:
    """A corpus document in one of the surfaces and encodings a dump holds, and its suffix.

    Plain texts are also rendered as a scraped page, a PDF extract and HTML; every
    document is also saved with a byte-order mark, and in UTF-16.
    """
    data = path.read_bytes()
    suffix = path.suffix
    text = data.decode("utf-8")
    plain = surface(path) == "plain"
    if variant == 1 and plain:
        return as_web_scrape(text).encode("utf-8"), ".txt"
    if variant == 2 and plain:
        return as_pdf_extract(text).replace("\n", "\r\n").encode("utf-8"), ".txt"
    if variant == 3:
        return b"\xef\xbb\xbf" + data, suffix
    if variant == 4:
        return text.encode("utf-16"), ".text" if suffix == ".txt" else ".htm"
    if variant == 5 and plain:
        return as_html(text).encode("utf-8"), ".xhtml"
    return data, suffix


def make_dump(root: Path, copies: int) -> tuple[list[Path], dict[str, str]]:
    """``copies`` corpus documents with varied noise, plus one of each kind of bad input.

    Returns the good files and, for each bad input's source, a word its message must name.
    """
    rng = random.Random(7)
    documents = corpus_texts()
    texts = [p.read_bytes() for p in documents]
    good: list[Path] = []
    for i in range(copies):
        data, suffix = noisy(documents[i % len(documents)], i % 6)
        folder = root / f"batch{i % 7}"
        folder.mkdir(exist_ok=True)
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
    bad[str(root / "truncated.zip")] = "truncated archive"
    # Unreadable even for root (the tests run as root, so chmod 000 would not stop a read):
    # a dangling symbolic link.
    os.symlink(root / "nowhere.txt", root / "dangling.txt")
    bad[str(root / "dangling.txt")] = "broken symbolic link"
    with open(root / "huge.txt", "wb") as handle:  # 50 MB, sparse: quick to make
        handle.truncate(50_000_000)
    bad[str(root / "huge.txt")] = "too large"
    (root / "cp1252.txt").write_bytes(ECOM_2009.read_bytes().replace(b"Decides", b"D\xe9cides"))
    (root / "x.txt").mkdir()  # a folder with a document's name is searched, not parsed
    (root / "x.txt" / "inside.txt").write_bytes(texts[1])
    return good, bad


def check_dump(dump: Path, out: Path, good: list[Path], bad: dict[str, str]) -> None:
    found = records(out)
    expected = {str(p) for p in good} | set(bad) | {str(dump / "cp1252.txt"), str(dump / "x.txt" / "inside.txt")}
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(expected)
    assert set(found) == expected
    for source, words in bad.items():
        assert found[source]["ok"] is False and words in found[source]["error"]["message"].lower(), found[source]
    assert all(found[str(p)]["ok"] for p in good)
    cp1252 = found[str(dump / "cp1252.txt")]
    assert cp1252["ok"] and "encoding" in {d["code"] for d in cp1252["decision"]["diagnostics"]}


def test_a_dump_of_500_files_loses_nothing_and_names_each_failure(tmp_path: Path) -> None:
    dump = tmp_path / "dump"
    dump.mkdir()
    good, bad = make_dump(dump, 500)
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(dump), "-o", str(out), "--jobs", "2"]) == 1
    check_dump(dump, out, good, bad)


@pytest.mark.slow
def test_a_dump_of_ten_thousand_files_loses_nothing(tmp_path: Path) -> None:
    dump = tmp_path / "dump"
    dump.mkdir()
    good, bad = make_dump(dump, 10_000)
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(dump), "-o", str(out), "--jobs", "2"]) == 1
    check_dump(dump, out, good, bad)


def test_every_surface_and_encoding_of_a_document_yields_the_same_mandates(tmp_path: Path) -> None:
    dump = tmp_path / "dump"
    dump.mkdir()
    good, _ = make_dump(dump, 6 * len(corpus_texts()))
    found = records(_batch([str(p) for p in good], tmp_path / "out.jsonl"))
    originals = {p.name: mandates(wtotext.export.json.record(wtotext.parse_file(p))) for p in corpus_texts()}
    names = [p.name for p in corpus_texts()]
    for i, path in enumerate(good):
        assert mandates(found[str(path)]) == originals[names[i % len(names)]], (path, names[i % len(names)])


def _batch(paths: list[str], out: Path, *extra: str) -> Path:
    main(["batch", *paths, "-o", str(out), "--jobs", "2", *extra])
    return out


# ----------------------------------------------------------------------------- one bad input at a time


def _fifo(path: Path) -> None:
    os.mkfifo(path)  # stat first, never opened: a pipe would block the read


def _sparse(path: Path) -> None:
    path.touch()
    os.truncate(path, 20_000_001)  # one byte over the default limit; sparse, so quick to make


def _empty_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w"):
        pass


BAD_INPUTS: list[tuple[str, Callable[[Path], None], str, str]] = [
    # name, how to make it, error type, words the message holds
    ("empty.txt", lambda p: p.write_bytes(b""), "ParseError", "empty"),
    ("blank.txt", lambda p: p.write_bytes(b" \r\n\t\n"), "ParseError", "empty"),
    ("noise.txt", lambda p: p.write_bytes(random.Random(1).randbytes(5000)), "ParseError", "decision"),
    ("letter.txt", lambda p: p.write_text("Dear colleagues,\n\nThank you.\n"), "ParseError", "decision"),
    ("dangling.txt", lambda p: os.symlink(p.with_name("gone.txt"), p), "ReadError", "broken symbolic link"),
    ("loop.txt", lambda p: os.symlink(p, p), "ReadError", "symbolic links"),
    ("pipe.txt", _fifo, "ReadError", "not a regular file"),
    ("large.txt", _sparse, "FileTooLarge", "over the limit"),
    ("cut.zip", lambda p: p.write_bytes(b"PK\x03\x04" + b"\0" * 40), "ReadError", "corrupt or truncated archive"),
    ("empty.zip", _empty_zip, "ReadError", "no files in the archive"),
    ("missing.txt", lambda p: None, "ReadError", "no such file"),
]


@pytest.mark.parametrize(("name", "make", "kind", "words"), BAD_INPUTS, ids=[row[0] for row in BAD_INPUTS])
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_bad_input_gives_one_failure_naming_the_cause(
    tmp_path: Path, name: str, make: Callable[[Path], None], kind: str, words: str, jobs: int
) -> None:
    make(tmp_path / name)
    results = list(parse_many([ECOM_2009, tmp_path / name, ECOM_2009], jobs=jobs))
    assert [(r.source, r.ok) for r in results] == [
        (str(ECOM_2009), True),
        (str(tmp_path / name), False),
        (str(ECOM_2009), True),
    ]
    error = results[1].error
    assert error is not None and (error["type"], words in error["message"]) == (kind, True), error


def test_an_archive_cut_short_gives_the_files_read_before_and_a_failure_for_the_archive(tmp_path: Path) -> None:
    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w:gz") as archive:
        archive.add(ECOM_2009, "first.txt")
        noise = random.Random(3).randbytes(300_000)  # incompressible: the cut falls inside it
        info = tarfile.TarInfo("second.txt")
        info.size = len(noise)
        archive.addfile(info, io.BytesIO(noise))
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(data.getvalue()[: len(data.getvalue()) // 2])
    results = list(parse_many([cut], jobs=1))
    assert [(r.source, r.ok) for r in results] == [
        (f"{cut}!first.txt", True),
        (f"{cut}!second.txt", False),
        (str(cut), False),
    ]
    assert results[1].error is not None and "cannot read second.txt" in results[1].error["message"]
    assert results[2].error is not None and "truncated archive after 2 files" in results[2].error["message"]


# ----------------------------------------------------------------------------- inputs


def test_archives_are_opened_and_their_members_named_archive_bang_member(tmp_path: Path) -> None:
    zipped = tmp_path / "dump.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.write(ECOM_2009, "a/ecom-2009.txt")
        archive.writestr("a/", b"")  # a folder entry: not a document
        archive.writestr("big.txt", b"x" * 2000)
    tarred = tmp_path / "dump.tar.gz"
    with tarfile.open(tarred, "w:gz") as archive:
        archive.add(CORPUS / "fish-2022.txt", "fish-2022.txt")
    results = list(parse_many([zipped, tarred], jobs=1, max_bytes=1500))
    assert [(r.source, r.ok, r.error and r.error["type"]) for r in results] == [
        (f"{zipped}!a/ecom-2009.txt", True, None),
        (f"{zipped}!big.txt", False, "FileTooLarge"),
        (f"{tarred}!fish-2022.txt", False, "FileTooLarge"),
    ]
    fish = next(parse_many([tarred], jobs=1)).decision
    assert fish is not None and fish.symbols[0] == "WT/MIN(22)/33"


def test_a_large_archive_is_read_in_one_pass(tmp_path: Path) -> None:
    """3,000 members: read from one opening of the archive, not one per member."""
    tarred = tmp_path / "many.tar.gz"
    data = ECOM_2009.read_bytes()
    with tarfile.open(tarred, "w:gz") as archive:
        for i in range(3000):
            info = tarfile.TarInfo(f"d/{i:04d}.txt")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    opened = 0
    real_open = tarfile.open

    def counting_open(*args: Any, **kwargs: Any) -> tarfile.TarFile:
        nonlocal opened
        opened += 1
        return real_open(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tarfile, "open", counting_open)
        loaded = [wtotext.batch._load(item) for item in wtotext.batch._inputs([tarred], 20_000_000)]
    assert (opened, len(loaded), {type(x) for x in loaded}) == (1, 3000, {bytes})


def test_folders_are_searched_recursively_in_name_order_for_documents_and_archives(tmp_path: Path) -> None:
    for name in ("b/2.txt", "b/1.html", "a.txt", "notes.pdf", "c/deep/3.xhtml", "c/x.json", "d.zip"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"")
    with zipfile.ZipFile(tmp_path / "d.zip", "w") as archive:
        archive.writestr("inner.pdf", b"")
    (tmp_path / "empty-folder").mkdir()
    sources = [r.source for r in parse_many([tmp_path], jobs=1)]
    assert sources == [
        str(tmp_path / name) for name in ("a.txt", "b/1.html", "b/2.txt", "c/deep/3.xhtml", "d.zip!inner.pdf")
    ]


def test_a_folder_without_documents_is_one_failure() -> None:
    [result] = parse_many([CORPUS.parent / "grammars"], jobs=1)
    assert result.error is not None and "no documents" in result.error["message"]


def test_globs_expand_sorted_and_inputs_keep_their_order() -> None:
    sources = [r.source for r in parse_many([str(CORPUS / "seed-*.txt"), str(CORPUS / "ecom-20*.txt")], jobs=2)]
    assert sources == [str(CORPUS / "seed-ecommerce-2011.txt"), *sorted(str(p) for p in CORPUS.glob("ecom-20*.txt"))]
    [nothing] = parse_many([str(CORPUS / "nothing-*.txt")], jobs=1)
    assert nothing.error is not None and "no file matches" in nothing.error["message"]


def test_a_parallel_batch_leaves_the_callers_heap_as_it_found_it() -> None:
    # the workers are forked from a frozen heap (gc.freeze); the caller's is thawed after
    # the batch, also when the caller stops reading early
    assert gc.get_freeze_count() == 0
    results = list(parse_many([str(CORPUS / "ecom-20*.txt")], jobs=2))
    assert len(results) > 1 and all(r.error is None for r in results)
    assert gc.get_freeze_count() == 0
    stream = parse_many([str(CORPUS / "ecom-20*.txt")], jobs=2)
    assert next(stream).error is None
    assert gc.get_freeze_count() > 0  # frozen while the workers run
    stream.close()
    assert gc.get_freeze_count() == 0


def test_a_recursive_glob_gives_each_document_once(tmp_path: Path) -> None:
    for name in ("a.txt", "sub/b.txt", "sub/deeper/c.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"")
    sources = [r.source for r in parse_many([f"{tmp_path}/**"], jobs=1)]
    assert sources == [str(tmp_path / name) for name in ("a.txt", "sub/b.txt", "sub/deeper/c.txt")]


def test_paths_may_come_from_a_generator_and_are_expanded_lazily() -> None:
    drawn: list[Path] = []

    def paths() -> Any:
        for path in corpus_texts():
            drawn.append(path)
            yield path

    results = parse_many(paths(), jobs=1)
    next(results)
    assert len(drawn) == 1


# ----------------------------------------------------------------------------- parsing


@pytest.mark.parametrize("jobs", [1, 2])
def test_parse_many_gives_the_decisions_parse_file_gives(jobs: int) -> None:
    paths = corpus_texts()
    assert [r.decision for r in parse_many(paths, jobs=jobs)] == [wtotext.parse_file(p) for p in paths]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_result_gives_the_record_the_batch_writes(tmp_path: Path, jobs: int) -> None:
    inputs = [str(ECOM_2009), str(tmp_path / "missing.txt")]
    run(inputs, tmp_path / "out.jsonl", jobs=jobs)
    written = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r.record() for r in parse_many(inputs, jobs=jobs)] == written


def test_the_corpus_batch_scores_as_the_dumps_issue_requires(tmp_path: Path) -> None:
    out = tmp_path / "corpus.jsonl"
    assert main(["batch", str(CORPUS), "-o", str(out), "--jobs", "2"]) == 0
    found = records(out)
    assert sorted(found) == [str(p) for p in corpus_texts()] and all(r["ok"] for r in found.values())
    scored = subprocess.run(
        [sys.executable, str(SCORER), str(CORPUS), str(out), "--json"], capture_output=True, text=True, check=True
    )
    summary = json.loads(scored.stdout)
    assert summary["parsed"] == 1.0 and summary["assignment_f1"] >= 0.95
    assert min(summary["verb_recall"], summary["deadline_recall"], summary["structure"]) >= 0.90
    assert min(summary["issuer"], summary["date"], summary["symbols"]) >= 0.90


_PARSE = wtotext.batch._decode_and_parse


def _explode(source: str, data: bytes) -> wtotext.Decision:
    """A parser that raises on ``boom.txt`` and kills its process on ``crash.txt``."""
    if "boom" in source:
        raise RuntimeError("the parser blew up")
    if "crash" in source:
        os._exit(3)
    return _PARSE(source, data)


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_exception_in_the_parser_is_recorded_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    (tmp_path / "boom.txt").write_bytes(ECOM_2009.read_bytes())
    monkeypatch.setattr(wtotext.batch, "_decode_and_parse", _explode)  # forked workers inherit it
    out = tmp_path / "out.jsonl"
    summary = run([str(ECOM_2009), str(tmp_path / "boom.txt"), str(ECOM_2009)], out, jobs=jobs)
    assert [(r["ok"], r.get("error")) for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())] == [
        (True, None),
        (False, {"type": "RuntimeError", "message": "the parser blew up", "line": None, "column": None}),
        (True, None),
    ]
    assert dict(summary.failures) == {"RuntimeError": 1}


def test_a_worker_that_dies_costs_only_its_own_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = [str(p) for p in corpus_texts()]
    (tmp_path / "crash.txt").write_bytes(ECOM_2009.read_bytes())
    monkeypatch.setattr(wtotext.batch, "_decode_and_parse", _explode)  # forked workers inherit it
    results = list(parse_many([*paths, str(tmp_path / "crash.txt"), *paths], jobs=2))
    assert [r.source for r in results] == [*paths, str(tmp_path / "crash.txt"), *paths]
    assert [r.source for r in results if not r.ok] == [str(tmp_path / "crash.txt")]
    error = results[len(paths)].error
    assert error is not None and error["type"] == "WorkerCrashed" and "died" in error["message"]


# ----------------------------------------------------------------------------- the command


def test_output_is_written_in_input_order(tmp_path: Path) -> None:
    paths = [str(p) for p in reversed(corpus_texts())] * 3
    out = _batch(paths, tmp_path / "out.jsonl")
    assert [json.loads(line)["source"] for line in out.read_text(encoding="utf-8").splitlines()] == paths


def test_a_resumed_batch_equals_an_uninterrupted_one(tmp_path: Path) -> None:
    dump = tmp_path / "dump"
    dump.mkdir()
    make_dump(dump, 60)
    inputs = [str(p) for p in sorted(dump.iterdir(), reverse=True)]  # the bad inputs first
    whole, cut = tmp_path / "whole.jsonl", tmp_path / "cut.jsonl"
    _batch(inputs, whole)
    lines = whole.read_text(encoding="utf-8").splitlines(keepends=True)
    # a run killed half-way: 30 records (failures among them, to be redone), the 31st cut mid-line
    assert any('"ok":false' in line for line in lines[:30])
    cut.write_text("".join(lines[:30]) + lines[30][: len(lines[30]) // 2], encoding="utf-8")
    summary = run(inputs, cut, jobs=2, resume=True)
    assert records(cut) == records(whole)
    assert len(cut.read_text(encoding="utf-8").splitlines()) == len(lines)
    assert summary.skipped == sum('"ok":true' in line for line in lines[:30])


def test_a_batch_killed_half_way_and_resumed_equals_an_uninterrupted_one(tmp_path: Path) -> None:
    dump = tmp_path / "dump"
    dump.mkdir()
    make_dump(dump, 400)
    whole, killed = tmp_path / "whole.jsonl", tmp_path / "killed.jsonl"
    command = [sys.executable, "-m", "wtotext.cli", "batch", str(dump), "--jobs", "2", "-o"]
    batch = subprocess.Popen([*command, str(killed)], start_new_session=True, stderr=subprocess.DEVNULL)
    while batch.poll() is None and (not killed.exists() or killed.stat().st_size < 50_000):
        time.sleep(0.01)
    os.killpg(batch.pid, signal.SIGKILL)  # the batch and its workers, at once
    batch.wait()
    assert batch.returncode == -signal.SIGKILL
    assert 0 < len(killed.read_text(encoding="utf-8").splitlines()) < 400  # killed half-way
    assert subprocess.run([*command, str(killed), "--resume"], capture_output=True).returncode == 1
    assert subprocess.run([*command, str(whole)], capture_output=True).returncode == 1
    assert records(killed) == records(whole)
    assert len(killed.read_text(encoding="utf-8").splitlines()) == len(records(whole))


@pytest.mark.parametrize(
    ("arguments", "status"),
    [
        (["batch", str(ECOM_2009), "-o", "{out}", "--jobs", "1"], 0),
        (["batch", str(ECOM_2009), str(CORPUS / "no-such-file.txt"), "-o", "{out}", "--jobs", "1"], 1),
        (["batch", str(ECOM_2009)], 2),  # no -o
        (["batch", str(ECOM_2009), "-o", "{out}", "--jobs", "0"], 2),
        (["batch", str(ECOM_2009), "-o", "{out}", "--max-bytes", "-5"], 2),
        (["batch", str(ECOM_2009), "-o", "{out}", "--engine", "spark"], 2),
        (["batch", str(ECOM_2009), "-o", "{out}", "--scheduler", "tcp://localhost:8786"], 2),  # needs --engine dask
        (["batch", str(ECOM_2009), "-o", "{tmp}/no-such-folder/out.jsonl"], 2),
    ],
)
def test_exit_status_is_0_when_all_parsed_1_when_some_failed_2_on_a_usage_error(
    tmp_path: Path, arguments: list[str], status: int
) -> None:
    filled = [a.format(out=tmp_path / "out.jsonl", tmp=tmp_path) for a in arguments]
    done = subprocess.run([sys.executable, "-m", "wtotext.cli", *filled], capture_output=True, text=True)
    assert done.returncode == status, done.stderr


def test_no_progress_line_when_stderr_is_not_a_terminal_and_a_summary_always(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "wtotext.cli",
            "batch",
            str(CORPUS),
            str(CORPUS / "no-such-file.txt"),
            "-o",
            str(tmp_path / "o.jsonl"),
            "--jobs",
            "2",
        ],
        capture_output=True,
        text=True,
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert "\r" not in done.stderr
    summary = done.stderr.strip()
    assert summary.startswith(f"{len(corpus_texts()) + 1} documents, 1 failed (ReadError 1), ") and "MB/s" in summary


def test_a_terminal_gets_a_progress_line_with_documents_rate_failures_and_time_left(tmp_path: Path) -> None:
    terminal = io.StringIO()
    run([str(CORPUS), str(CORPUS / "no-such-file.txt")], tmp_path / "out.jsonl", jobs=1, progress=terminal)
    last = terminal.getvalue().split("\r")[-2]
    total = len(corpus_texts()) + 1
    assert last.startswith(f"{total}/{total} documents  ") and "/s  1 failed  " in last and "0:00 left" in last
    assert terminal.getvalue().endswith("\r\033[K")  # the line is cleared for the summary
