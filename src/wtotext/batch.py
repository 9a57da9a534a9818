"""Many inputs -> one JSON record each: files, folders, globs and archives, in parallel.

>>> from wtotext.batch import parse_many
>>> [r.decision.issuer for r in parse_many(["corpus/ecom-2009.txt"], jobs=1)]
['Ministerial Conference']

Every input yields exactly one :class:`Result`, in input order: a file that cannot be
read, an archive that is corrupt, a member that is too large or a text that is not a
decision gives a result whose ``error`` names the cause; the batch never stops.  With
``jobs > 1`` the documents are parsed in worker processes, a bounded number at a time,
so memory stays flat however large the dump.
"""

from __future__ import annotations

import glob
import json
import os
import sys
import tarfile
import time
import zipfile
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import IO, Any

import attrs

from wtotext.errors import WtotextError
from wtotext.export.json import dumps, error_record, record
from wtotext.nodes import Decision
from wtotext.pipeline import parse, with_read_notes
from wtotext.read import read_bytes

#: Files a folder is searched for (archives are opened wherever they are).
DOCUMENT_SUFFIXES = (".txt", ".text", ".htm", ".html", ".xhtml")
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz")
DEFAULT_MAX_BYTES = 20_000_000


class ReadError(WtotextError):
    """An input could not be read (missing, unreadable, corrupt archive ...)."""


class FileTooLarge(ReadError):
    """An input is larger than the batch's limit."""


@attrs.frozen
class Result:
    """One input's outcome: its source and either a decision or an error record."""

    source: str
    decision: Decision | None
    error: dict[str, Any] | None

    @property
    def ok(self) -> bool:
        return self.decision is not None

    def record(self) -> dict[str, Any]:
        """The JSON record (see :mod:`wtotext.export.json`)."""
        if self.decision is not None:
            return record(self.decision, self.source)
        return {"source": self.source, "ok": False, "error": self.error}


@attrs.frozen
class _Input:
    """A document to parse: where it is, and how to get its bytes (which may raise)."""

    source: str
    load: Callable[[], bytes]


# ----------------------------------------------------------------------------- inputs


def inputs(paths: Iterable[str | os.PathLike[str]], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[_Input]:
    """The documents named by ``paths`` (files, folders, globs, archives), lazily, in order."""
    for raw in paths:
        path = os.fspath(raw)
        if os.path.isdir(path):
            yield from _folder(path, max_bytes)
        elif os.path.lexists(path) or not glob.has_magic(path):
            yield from _file(path, max_bytes)
        else:
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                yield _Input(path, _fail(ReadError(f"no file matches the pattern {path!r}")))
            for match in matches:
                yield from inputs([match], max_bytes=max_bytes)


def _folder(path: str, max_bytes: int) -> Iterator[_Input]:
    for root, dirs, files in os.walk(path):
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(DOCUMENT_SUFFIXES + ARCHIVE_SUFFIXES):
                yield from _file(os.path.join(root, name), max_bytes)


def _file(path: str, max_bytes: int) -> Iterator[_Input]:
    if path.lower().endswith(ARCHIVE_SUFFIXES) and os.path.isfile(path):
        yield from _archive(path, max_bytes)
        return
    yield _Input(path, lambda: _read_file(path, max_bytes))


def _read_file(path: str, max_bytes: int) -> bytes:
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            raise FileTooLarge(f"{size:,} bytes is over the limit of {max_bytes:,} bytes")
        with open(path, "rb") as handle:
            return handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise ReadError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise ReadError(f"a folder, not a file: {path}") from None
    except OSError as err:
        raise ReadError(f"cannot read {path}: {err.strerror or err}") from None


def _archive(path: str, max_bytes: int) -> Iterator[_Input]:
    """The members of a zip or tar archive, named ``archive!member``; a bad archive is one failed input."""
    try:
        if path.lower().endswith(".zip"):
            with zipfile.ZipFile(path) as archive:
                members = [(m.filename, m.file_size) for m in archive.infolist() if not m.is_dir()]
        else:
            with tarfile.open(path) as archive:
                members = [(m.name, m.size) for m in archive.getmembers() if m.isfile()]
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError) as err:
        yield _Input(path, _fail(ReadError(f"corrupt or truncated archive: {err}")))
        return
    for name, size in members:
        source = f"{path}!{name}"
        if size > max_bytes:
            yield _Input(source, _fail(FileTooLarge(f"{size:,} bytes is over the limit of {max_bytes:,} bytes")))
        else:
            yield _Input(source, lambda name=name: _read_member(path, name, max_bytes))  # type: ignore[misc]


def _read_member(path: str, name: str, max_bytes: int) -> bytes:
    try:
        if path.lower().endswith(".zip"):
            with zipfile.ZipFile(path) as zipped, zipped.open(name) as member:
                return member.read(max_bytes + 1)
        with tarfile.open(path) as archive:
            handle: IO[bytes] | None = archive.extractfile(name)
            if handle is None:
                raise ReadError(f"not a regular file in the archive: {name}")
            return handle.read(max_bytes + 1)
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError, KeyError) as err:
        raise ReadError(f"cannot read {name} from {path}: {err}") from None


def _fail(error: Exception) -> Callable[[], bytes]:
    def load() -> bytes:
        raise error

    return load


# ----------------------------------------------------------------------------- parsing


def parse_bytes(source: str, data: bytes) -> dict[str, Any]:
    """The JSON record for one document's bytes.  Never raises."""
    try:
        read = read_bytes(data, name=source)
        return record(with_read_notes(parse(read.text, source=source), read.diagnostics), source)
    except Exception as err:  # the batch records every failure and goes on
        return error_record(source, err)


def _record_line(source: str, data: bytes | None, error: tuple[str, str] | None) -> str:
    """Worker entry point: one record as a JSON line (cheap to send between processes)."""
    if error is not None:
        return dumps(
            {
                "source": source,
                "ok": False,
                "error": {"type": error[0], "message": error[1], "line": None, "column": None},
            }
        )
    assert data is not None
    return dumps(parse_bytes(source, data))


def _load(item: _Input) -> tuple[bytes | None, tuple[str, str] | None]:
    try:
        return item.load(), None
    except Exception as err:  # recorded, never raised
        return None, (type(err).__name__, str(err))


def _record_chunk(chunk: list[tuple[str, bytes | None, tuple[str, str] | None]]) -> list[str]:
    """Worker entry point for a chunk of documents (fewer round trips between processes)."""
    return [_record_line(source, data, error) for source, data, error in chunk]


def record_lines(
    items: Iterable[_Input], *, jobs: int | None = None, chunk: int = 16
) -> Iterator[tuple[str, str]]:
    """``(source, JSON line)`` for each input, in input order, parsed in ``jobs`` processes.

    Documents go to the workers ``chunk`` at a time, and at most ``4 * jobs`` chunks are
    in flight, so memory stays flat however many inputs there are.
    """
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1:
        for item in items:
            data, error = _load(item)
            yield item.source, _record_line(item.source, data, error)
        return
    _warm()  # build the parsers once here: forked workers inherit them
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: deque[tuple[list[str], Future[list[str]]]] = deque()
        batch: list[tuple[str, bytes | None, tuple[str, str] | None]] = []

        def submit() -> None:
            pending.append(([source for source, _, _ in batch], pool.submit(_record_chunk, list(batch))))
            batch.clear()

        for item in items:
            data, error = _load(item)
            batch.append((item.source, data, error))
            if len(batch) >= chunk:
                submit()
            while len(pending) >= 4 * jobs:
                sources, future = pending.popleft()
                yield from zip(sources, future.result(), strict=True)
        if batch:
            submit()
        while pending:
            sources, future = pending.popleft()
            yield from zip(sources, future.result(), strict=True)


def _warm() -> None:
    from wtotext.parser import clause_scanner, document_parser

    document_parser()
    clause_scanner()


def parse_many(
    paths: Iterable[str | os.PathLike[str]], *, jobs: int | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Result]:
    """Parse every document named by ``paths``; one :class:`Result` per input, in order."""
    for source, line in record_lines(inputs(paths, max_bytes=max_bytes), jobs=jobs):
        rec = json.loads(line)
        if rec["ok"]:
            yield Result(source, Decision.from_dict(rec["decision"]), None)
        else:
            yield Result(source, None, rec["error"])


# ----------------------------------------------------------------------------- the batch command


@attrs.define
class Summary:
    """What a batch did, for the closing line on stderr."""

    documents: int = 0
    failures: Counter[str] = attrs.field(factory=Counter)
    bytes_in: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        rate = self.bytes_in / 1e6 / self.seconds if self.seconds else 0.0
        failed = sum(self.failures.values())
        kinds = ", ".join(f"{k} {n}" for k, n in self.failures.most_common())
        return (
            f"{self.documents} documents, {failed} failed{f' ({kinds})' if kinds else ''}, "
            f"{self.seconds:.1f} s, {rate:.2f} MB/s"
        )


def run(
    paths: list[str],
    out: str,
    *,
    jobs: int | None = None,
    resume: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: IO[str] | None = None,
) -> Summary:
    """Write one record per input to ``out`` (JSON Lines), streaming, in input order."""
    done = _recorded_ok(out) if resume else set()
    items = (item for item in inputs(paths, max_bytes=max_bytes) if item.source not in done)
    summary = Summary()
    start = time.perf_counter()
    mode = "a" if resume else "w"
    with open(out, mode, encoding="utf-8") as sink:
        for source, line in record_lines(_counting(items, summary), jobs=jobs):
            sink.write(line + "\n")
            sink.flush()
            summary.documents += 1
            if '"ok":false' in line[:400]:
                summary.failures[json.loads(line)["error"]["type"]] += 1
            if progress is not None:
                _show_progress(progress, summary, time.perf_counter() - start, source)
    summary.seconds = time.perf_counter() - start
    if progress is not None:
        progress.write("\n")
    return summary


def _counting(items: Iterable[_Input], summary: Summary) -> Iterator[_Input]:
    for item in items:

        def load(item: _Input = item) -> bytes:
            data = item.load()
            summary.bytes_in += len(data)
            return data

        yield _Input(item.source, load)


def _recorded_ok(out: str) -> set[str]:
    """Sources recorded ``ok`` in an earlier run; the file is rewritten with only those lines."""
    if not os.path.exists(out):
        return set()
    kept: list[str] = []
    sources: set[str] = set()
    with open(out, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            try:
                rec = json.loads(line)
            except ValueError:
                continue  # a line cut short when the earlier run was killed
            if isinstance(rec, dict) and rec.get("ok") and rec.get("source") not in sources:
                sources.add(rec["source"])
                kept.append(line if line.endswith("\n") else line + "\n")
    Path(out).write_text("".join(kept), encoding="utf-8")
    return sources


def _show_progress(stream: IO[str], summary: Summary, elapsed: float, source: str) -> None:
    rate = summary.documents / elapsed if elapsed else 0.0
    failed = sum(summary.failures.values())
    stream.write(f"\r{summary.documents} documents  {rate:.0f}/s  {failed} failed  {elapsed:.0f} s  {source[-40:]:<40}")
    stream.flush()


def progress_stream() -> IO[str] | None:
    """stderr when it is a terminal; no progress bar otherwise."""
    return sys.stderr if sys.stderr.isatty() else None


# ----------------------------------------------------------------------------- Dask


def to_dask_bag(
    paths: Iterable[str | os.PathLike[str]], *, npartitions: int | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Any:
    """A ``dask.bag.Bag`` of JSON records (dicts), one per input, for a Dask cluster.

    Requires the ``dask`` extra (``pip install 'wtotext[dask]'``).  Inputs are listed
    here; each document is read and parsed on the workers.

    >>> bag = to_dask_bag(["corpus/ecom-2009.txt", "corpus/missing.txt"])
    >>> bag.pluck("ok").compute(scheduler="sync")
    [True, False]
    """
    try:
        import dask.bag as db
    except ImportError:
        raise WtotextError("the Dask engine needs the 'dask' extra: pip install 'wtotext[dask]'") from None
    items = [item.source for item in inputs(paths, max_bytes=max_bytes)]
    bag = db.from_sequence(items, npartitions=npartitions or max(1, min(len(items), 64)))
    return bag.map(_record_for_source, max_bytes)


def dask_client(address: str | None = None) -> Any:
    """A ``distributed.Client`` for ``address``, or for a local two-worker cluster."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise WtotextError("the Dask engine needs the 'dask' extra: pip install 'wtotext[dask]'") from None
    if address:
        return Client(address)
    return Client(LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None))


def _record_for_source(source: str, max_bytes: int) -> dict[str, Any]:
    """Read and parse one listed input on a worker (archive members included)."""
    item = _reopen(source, max_bytes)
    data, error = _load(item)
    return dict(json.loads(_record_line(source, data, error)))


def _reopen(source: str, max_bytes: int) -> _Input:
    if "!" in source:
        archive = source.partition("!")[0]
        if archive.lower().endswith(ARCHIVE_SUFFIXES) and os.path.isfile(archive):
            for item in _archive(archive, max_bytes):
                if item.source == source:
                    return item
    for item in _file(source, max_bytes):
        if item.source == source:
            return item
    return _Input(source, _fail(ReadError(f"cannot find {source} again")))
