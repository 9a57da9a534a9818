"""Many inputs -> one JSON record each: files, folders, globs and archives, in parallel.

>>> from wtotext.batch import parse_many
>>> [(r.source, r.ok) for r in parse_many(["corpus/ecom-2009.txt", "corpus/no-such-file.txt"], jobs=1)]
[('corpus/ecom-2009.txt', True), ('corpus/no-such-file.txt', False)]

Inputs are expanded lazily, in the order given: a file is one document; a folder is
searched recursively, in name order, for documents (``.txt``, ``.text``, ``.htm``,
``.html``, ``.xhtml``) and archives; a glob pattern stands for the paths it matches,
sorted; a ``.zip`` or ``.tar`` archive (``.tar.gz``, ``.tgz``, ``.tar.bz2``, ``.tar.xz``)
stands for every file it holds, named ``archive.zip!member.txt``.

Every input yields exactly one :class:`Result` (one JSON record), in input order: a
file that cannot be read, an archive that is corrupt or truncated (one record for the
archive, naming the cause), a file or member over ``max_bytes``, a text that is not a
decision, even an exception nobody expected, a worker process that died: each gives a
failure whose ``error`` names the cause, and the batch goes on.  With ``jobs > 1`` the
documents are read here and parsed in worker processes, a bounded number at a time, so
memory stays flat however large the dump.
"""

from __future__ import annotations

import gc
import glob
import itertools
import json
import multiprocessing
import os
import stat
import sys
import tarfile
import threading
import time
import zipfile
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import IO, Any, NamedTuple

import attrs

from wtotext.errors import WtotextError
from wtotext.export.json import dumps, error_record, record
from wtotext.nodes import Decision
from wtotext.pipeline import parse, with_read_notes
from wtotext.read import read_bytes

#: What a folder is searched for (besides archives); inside an archive every file is a document.
DOCUMENT_SUFFIXES = (".txt", ".text", ".htm", ".html", ".xhtml")
#: Archives, opened wherever they are found; their members are named ``archive!member``.
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
#: Larger files and archive members are refused with a ``FileTooLarge`` record.
DEFAULT_MAX_BYTES = 20_000_000

# Documents go to a worker this many at a time (or fewer, when they add up to _CHUNK_BYTES) ...
_CHUNK = 16
_CHUNK_BYTES = 4_000_000
# ... and at most _WINDOW chunks per worker, or _INFLIGHT_BYTES of documents, are in flight.
_WINDOW = 4
_INFLIGHT_BYTES = 64_000_000
# Archive members a Dask task reads from one opening of the archive.
_DASK_MEMBERS = 64


class ReadError(WtotextError):
    """An input could not be read: missing, not a regular file, a corrupt archive ..."""


class FileTooLarge(ReadError):
    """An input is larger than the batch's ``max_bytes``."""


class WorkerCrashed(WtotextError):
    """The worker process parsing a document died (it was killed, or crashed)."""


@attrs.frozen
class Result:
    """One input's outcome: its source and either a decision or an error.

    ``error`` is the ``error`` object of a failure record: ``type``, ``message``,
    ``line`` and ``column`` (see :mod:`wtotext.export.json`).

    >>> from wtotext import parse_many
    >>> [result] = parse_many(["corpus/no-such-file.txt"], jobs=1)
    >>> result.ok, result.error["type"], result.record()["ok"]
    (False, 'ReadError', False)
    """

    source: str  # the path as given, or "archive.zip!member.txt"
    decision: Decision | None
    error: dict[str, Any] | None

    @property
    def ok(self) -> bool:
        """Was the input parsed?"""
        return self.decision is not None

    def record(self) -> dict[str, Any]:
        """The JSON record, as ``wtotext batch`` writes it (see :mod:`wtotext.export.json`)."""
        if self.decision is not None:
            return record(self.decision, self.source)
        return {"source": self.source, "ok": False, "error": self.error}


def parse_many(
    paths: Iterable[str | os.PathLike[str]], *, jobs: int | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Result]:
    """Parse every document named by ``paths``: one :class:`Result` per input, in input order.

    ``paths`` are files, folders (searched recursively), glob patterns and archives, as
    for ``wtotext batch``; they are expanded lazily, so a generator of paths is fine.
    ``jobs`` worker processes parse the documents (default: the CPU count; ``jobs=1``
    parses here, in this process).  Inputs larger than ``max_bytes`` are refused.

    >>> from wtotext import parse_many
    >>> for result in parse_many(["corpus/ecom-20*.txt", "corpus/no-such-file.txt"], jobs=2):
    ...     print(result.source, result.decision.symbols[0] if result.ok else result.error["message"])
    corpus/ecom-2009.txt WT/L/782
    corpus/ecom-2013-bali.txt WT/MIN(13)/32
    corpus/ecom-2015-nairobi.txt WT/MIN(15)/42
    corpus/ecom-2017-buenos-aires.txt WT/MIN(17)/65
    corpus/ecom-2022-mc12.txt WT/MIN(22)/32
    corpus/ecom-2024-mc13.txt WT/MIN(24)/38
    corpus/no-such-file.txt no such file: corpus/no-such-file.txt
    """
    items = _inputs(paths, max_bytes)
    if _workers(jobs) == 1:
        for item in items:
            data = _load(item)
            if isinstance(data, Exception):
                yield Result(item.source, None, error_record(item.source, data)["error"])
                continue
            try:
                yield Result(item.source, _decode_and_parse(item.source, data), None)
            except Exception as err:  # recorded, never raised: the batch goes on
                yield Result(item.source, None, error_record(item.source, err)["error"])
        return
    for source, outcome, _ in _parallel(_jobs(items), _workers(jobs)):
        rec = json.loads(outcome.line)
        if rec["ok"]:
            yield Result(source, Decision.from_dict(rec["decision"]), None)
        else:
            yield Result(source, None, rec["error"])


def _decode_and_parse(source: str, data: bytes) -> Decision:
    """One document's bytes -> its decision, as :func:`wtotext.parse_file` reads a file.

    The encoding is found and HTML turned into text by :func:`wtotext.read.read_bytes`
    (``source`` tells HTML by its suffix); what the reader guessed is among the
    decision's diagnostics.  Raises :class:`~wtotext.errors.ParseError` on a text that is
    not a decision.
    """
    read = read_bytes(data, name=source)
    return with_read_notes(parse(read.text, source=source), read.diagnostics)


def parse_bytes(source: str, data: bytes) -> dict[str, Any]:
    """The JSON record for one document's bytes; never raises.

    >>> parse_bytes("empty.txt", b"")["error"]["message"]
    'the input is empty'
    """
    try:
        return record(_decode_and_parse(source, data), source)
    except Exception as err:  # the batch records every failure and goes on
        return error_record(source, err)


# ----------------------------------------------------------------------------- inputs


@attrs.frozen
class _Input:
    """A document to parse: its source, and how to get its bytes.

    ``load`` returns the bytes or raises :class:`ReadError`.  For an archive member it
    reads from the archive the expansion holds open, so call it before drawing the next
    input.  ``archive``/``member`` say where a member is, so that a Dask worker can find
    it again; ``failure`` is an error known without reading (a corrupt archive, say).
    """

    source: str
    load: Callable[[], bytes]
    archive: str | None = None
    member: str | None = None
    failure: Exception | None = None


def _inputs(paths: Iterable[str | os.PathLike[str]], max_bytes: int) -> Iterator[_Input]:
    """The documents named by ``paths`` (files, folders, globs, archives), lazily, in order."""
    for raw in paths:
        path = os.fspath(raw)
        if os.path.isdir(path):
            yield from _folder(path, max_bytes, explicit=True, seen=set())
        elif os.path.lexists(path) or not glob.has_magic(path):
            yield from _file(path, max_bytes)
        else:
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                yield _failed(path, ReadError(f"no file matches the pattern {path!r}"))
            folders = {Path(m) for m in matches if os.path.isdir(m)}
            # "dump/**" matches a folder and what it holds: each document once, from its folder
            yield from _inputs((m for m in matches if folders.isdisjoint(Path(m).parents)), max_bytes)


def _folder(path: str, max_bytes: int, *, explicit: bool, seen: set[str]) -> Iterator[_Input]:
    """Documents and archives under ``path``, recursively, in name order (symbolic links followed once)."""
    real = os.path.realpath(path)
    if real in seen:
        return
    seen.add(real)
    try:
        with os.scandir(path) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as err:
        yield _failed(path, ReadError(f"cannot list the folder {path}: {err.strerror or err}"))
        return
    found = False
    for entry in entries:
        try:
            is_folder = entry.is_dir()
        except OSError:
            is_folder = False
        if is_folder:
            for item in _folder(entry.path, max_bytes, explicit=False, seen=seen):
                found = True
                yield item
        elif entry.name.lower().endswith(DOCUMENT_SUFFIXES + ARCHIVE_SUFFIXES):
            found = True
            yield from _file(entry.path, max_bytes)
    if explicit and not found:
        kinds = ", ".join(DOCUMENT_SUFFIXES)
        yield _failed(path, ReadError(f"no documents ({kinds}) or archives in the folder {path}"))


def _file(path: str, max_bytes: int) -> Iterator[_Input]:
    if path.lower().endswith(ARCHIVE_SUFFIXES) and os.path.isfile(path):
        yield from _archive(path, max_bytes)
    else:
        yield _Input(path, partial(_read_file, path, max_bytes))


def _read_file(path: str, max_bytes: int) -> bytes:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise ReadError(f"no such file: {path} is a broken symbolic link to {os.readlink(path)}") from None
        raise ReadError(f"no such file: {path}") from None
    except OSError as err:
        raise ReadError(f"cannot read {path}: {err.strerror or err}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ReadError(f"a folder, not a file: {path}")
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(f"not a regular file (a device, pipe or socket): {path}")
    _check_size(info.st_size, max_bytes)
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as err:
        raise ReadError(f"cannot read {path}: {err.strerror or err}") from None
    _check_size(len(data), max_bytes)
    return data


def _check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise FileTooLarge(f"too large: {size:,} bytes is over the limit of {max_bytes:,} bytes")


def _archive(path: str, max_bytes: int) -> Iterator[_Input]:
    """The files in a zip or tar archive, named ``archive!member``, read from one opening of it.

    An archive that cannot be opened or listed to its end gives one failed input named
    after the archive (after the members read before the damage); so does an empty one.
    """
    members = _zip_members(path, max_bytes) if path.lower().endswith(".zip") else _tar_members(path, max_bytes)
    count = 0
    try:
        for name, size, load in members:
            count += 1
            source = f"{path}!{name}"
            if size > max_bytes:
                yield _Input(
                    source,
                    load,
                    path,
                    name,
                    FileTooLarge(f"too large: {size:,} bytes is over the limit of {max_bytes:,} bytes"),
                )
            else:
                yield _Input(source, load, path, name)
    except Exception as err:  # zipfile and tarfile raise many kinds on damaged data
        where = f" after {count} files" if count else ""
        yield _failed(path, ReadError(f"corrupt or truncated archive{where}: {_describe(err)}"))
        return
    if count == 0:
        yield _failed(path, ReadError(f"no files in the archive {path}"))


def _zip_members(path: str, max_bytes: int) -> Iterator[tuple[str, int, Callable[[], bytes]]]:
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if not info.is_dir():
                yield info.filename, info.file_size, partial(_read_zip_member, archive, info, path, max_bytes)


def _read_zip_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: str, max_bytes: int) -> bytes:
    try:
        with archive.open(info) as member:
            data = member.read(max_bytes + 1)
    except Exception as err:  # a bad CRC, an encrypted member, an unknown compression ...
        raise ReadError(f"cannot read {info.filename} from {path}: {_describe(err)}") from None
    _check_size(len(data), max_bytes)
    return data


def _tar_members(path: str, max_bytes: int) -> Iterator[tuple[str, int, Callable[[], bytes]]]:
    with tarfile.open(path) as archive:
        while (member := archive.next()) is not None:
            # tarfile keeps every header it has read; an archive may hold millions of them.
            archive.members.clear()  # type: ignore[attr-defined]
            if member.isfile():
                yield member.name, member.size, partial(_read_tar_member, archive, member, path, max_bytes)


def _read_tar_member(archive: tarfile.TarFile, member: tarfile.TarInfo, path: str, max_bytes: int) -> bytes:
    try:
        handle = archive.extractfile(member)
        if handle is None:
            raise ReadError("not a regular file")
        data = handle.read(max_bytes + 1)
    except Exception as err:  # truncated data, a damaged compressed stream ...
        raise ReadError(f"cannot read {member.name} from {path}: {_describe(err)}") from None
    _check_size(len(data), max_bytes)
    return data


def _describe(err: BaseException) -> str:
    return str(err) or type(err).__name__


def _failed(source: str, error: Exception) -> _Input:
    def load() -> bytes:
        raise error

    return _Input(source, load, failure=error)


def _load(item: _Input) -> bytes | Exception:
    """The bytes, or the error that says why there are none (returned, never raised)."""
    if item.failure is not None:
        return item.failure
    try:
        return item.load()
    except Exception as err:  # every failure becomes a record
        return err


# ----------------------------------------------------------------------------- parsing, here or in workers


class _Outcome(NamedTuple):
    """A record as one JSON line, with its error type (``None`` when ok): cheap to send between processes."""

    error: str | None
    line: str


class _Job(NamedTuple):
    """A document for a worker: its bytes, or the outcome already known (it could not be read)."""

    source: str
    data: bytes
    known: _Outcome | None


def _failure(source: str, error: Exception) -> _Outcome:
    return _Outcome(type(error).__name__, dumps(error_record(source, error)))


def _outcome(job: _Job) -> _Outcome:
    """Worker entry point for one document."""
    if job.known is not None:
        return job.known
    rec = parse_bytes(job.source, job.data)
    return _Outcome(None if rec["ok"] else rec["error"]["type"], dumps(rec))


def _outcomes(chunk: list[_Job]) -> list[_Outcome]:
    """Worker entry point for a chunk of documents (fewer round trips between processes)."""
    return [_outcome(job) for job in chunk]


def _jobs(items: Iterable[_Input]) -> Iterator[_Job]:
    for item in items:
        data = _load(item)
        if isinstance(data, Exception):
            yield _Job(item.source, b"", _failure(item.source, data))
        else:
            yield _Job(item.source, data, None)


def _workers(jobs: int | None) -> int:
    return max(1, jobs or os.cpu_count() or 1)


_Done = tuple[str, _Outcome, int]  # source, outcome, bytes read


def _local(jobs: Iterable[_Job], workers: int) -> Iterator[_Done]:
    """``(source, outcome, bytes)`` for each job, in order: in this process, or in ``workers`` processes."""
    if workers == 1:
        for job in jobs:
            yield job.source, _outcome(job), len(job.data)
    else:
        yield from _parallel(jobs, workers)


def _parallel(jobs: Iterable[_Job], workers: int) -> Iterator[_Done]:
    """Chunks of jobs in a pool of processes, a bounded number in flight, results in order.

    A worker that dies breaks the pool: the pool is started again, the chunks in flight
    are sent again, and the chunk being waited for is parsed one document at a time, each
    in a process of its own, so that only the document that kills its worker is recorded
    as :class:`WorkerCrashed`.
    """
    _warm()  # build the parsers here once: forked workers inherit them
    # The collector of a forked worker leaves what it inherits alone: it neither sweeps
    # it again and again nor writes to its pages, which would copy them (the workers
    # are forked at the first submit; the parent's heap is thawed at the end).
    gc.freeze()
    pool = _Pool(workers)
    pending: deque[tuple[list[_Job], Future[list[_Outcome]]]] = deque()
    inflight = 0
    try:
        for chunk in _chunks(jobs):
            pending.append((chunk, pool.executor.submit(_outcomes, chunk)))
            inflight += sum(len(job.data) for job in chunk)
            while pending and (len(pending) >= _WINDOW * workers or inflight > _INFLIGHT_BYTES):
                inflight -= sum(len(job.data) for job in pending[0][0])
                yield from _collect(pending, pool)
        while pending:
            yield from _collect(pending, pool)
    finally:
        pool.executor.shutdown(cancel_futures=True)
        gc.unfreeze()


class _Pool:
    """The worker processes, started again when one of them dies."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.executor = _executor(workers)

    def restart(self) -> None:
        self.executor.shutdown(cancel_futures=True)
        self.executor = _executor(self.workers)


def _collect(pending: deque[tuple[list[_Job], Future[list[_Outcome]]]], pool: _Pool) -> Iterator[_Done]:
    """The oldest chunk's outcomes; when a worker died, the pool is restarted and the chunks in flight sent again."""
    chunk, future = pending.popleft()
    try:
        outcomes = future.result()
    except BaseException as err:  # a worker died (BrokenProcessPool), or something escaped the parser
        if not future.done() or isinstance(err, KeyboardInterrupt):
            raise  # interrupted here, not a failure of the documents
        if isinstance(err, BrokenProcessPool):
            pool.restart()
            for i, (other, sent) in enumerate(pending):
                if not sent.done() or sent.exception() is not None:
                    pending[i] = (other, pool.executor.submit(_outcomes, other))
        outcomes = [_alone(job) for job in chunk]
    for job, outcome in zip(chunk, outcomes, strict=True):
        yield job.source, outcome, len(job.data)


def _alone(job: _Job) -> _Outcome:
    """One document in a process of its own: its outcome, or a ``WorkerCrashed`` failure."""
    with _executor(1) as solo:
        future = solo.submit(_outcome, job)
        try:
            return future.result()
        except BaseException as err:
            if not future.done() or isinstance(err, KeyboardInterrupt):
                raise  # interrupted here, not a failure of the document
            message = (
                f"the worker process parsing this document died or failed ({type(err).__name__}: {_describe(err)})"
            )
            return _failure(job.source, WorkerCrashed(message))


def _executor(workers: int) -> ProcessPoolExecutor:
    # Forked workers start at once, with the parsers this process has built; elsewhere the default start method.
    context = multiprocessing.get_context("fork") if sys.platform == "linux" else None
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


def _chunks(jobs: Iterable[_Job]) -> Iterator[list[_Job]]:
    chunk: list[_Job] = []
    size = 0
    for job in jobs:
        chunk.append(job)
        size += len(job.data)
        if len(chunk) >= _CHUNK or size >= _CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _warm() -> None:
    from wtotext.parser import clause_scanner, document_parser

    document_parser()
    clause_scanner()


# ----------------------------------------------------------------------------- the batch command


@attrs.define
class Summary:
    """What a batch did, for the closing line on stderr.

    >>> Summary(documents=3, failures=Counter({"ReadError": 1}), bytes_in=2_000_000, seconds=2.0).line()
    '3 documents, 1 failed (ReadError 1), 2.0 s, 1.00 MB/s'
    """

    documents: int = 0  # records written by this run
    failures: Counter[str] = attrs.field(factory=Counter)  # error type -> count
    bytes_in: int = 0
    seconds: float = 0.0
    skipped: int = 0  # inputs already recorded ok (--resume)

    def line(self) -> str:
        rate = self.bytes_in / 1e6 / self.seconds if self.seconds else 0.0
        failed = sum(self.failures.values())
        kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(self.failures.items(), key=lambda kv: (-kv[1], kv[0])))
        resumed = f" ({self.skipped} recorded before)" if self.skipped else ""
        return (
            f"{self.documents} documents{resumed}, {failed} failed{f' ({kinds})' if kinds else ''}, "
            f"{self.seconds:.1f} s, {rate:.2f} MB/s"
        )


def run(
    paths: list[str],
    out: str | os.PathLike[str],
    *,
    jobs: int | None = None,
    resume: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: IO[str] | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> Summary:
    """Write one record per input to ``out`` (JSON Lines), as documents finish, in input order.

    This is ``wtotext batch``.  ``resume`` keeps the records ``out`` already holds with
    ``ok: true``, drops the rest (failures, a line cut short) and appends the inputs not
    recorded yet.  ``progress`` (a terminal) gets a progress line; ``engine="dask"``
    parses on the Dask cluster at ``scheduler`` (default: a local cluster of ``jobs``
    workers).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     summary = run(["corpus/ecom-20*.txt", "corpus/no-such-file.txt"], f"{tmp}/out.jsonl", jobs=1)
    >>> summary.documents, dict(summary.failures)
    (7, {'ReadError': 1})
    """
    start = time.perf_counter()
    done = _recorded_ok(out) if resume else set()
    summary = Summary(skipped=len(done))
    meter = _Progress(progress, paths, max_bytes, done) if progress is not None else None
    with open(out, "a" if resume else "w", encoding="utf-8") as sink:
        for _, outcome, size in _engine(paths, done, engine, jobs, max_bytes, scheduler):
            sink.write(outcome.line + "\n")
            sink.flush()
            summary.documents += 1
            summary.bytes_in += size
            if outcome.error is not None:
                summary.failures[outcome.error] += 1
            if meter is not None:
                meter.show(summary)
    summary.seconds = time.perf_counter() - start
    if meter is not None:
        meter.close()
    return summary


def _engine(
    paths: list[str], done: set[str], engine: str, jobs: int | None, max_bytes: int, scheduler: str | None
) -> Iterator[_Done]:
    if engine == "dask":
        yield from _dask_run(paths, done, jobs, max_bytes, scheduler)
    elif engine == "local":
        items = (item for item in _inputs(paths, max_bytes) if item.source not in done)
        yield from _local(_jobs(items), _workers(jobs))
    else:
        raise ValueError(f"unknown engine {engine!r}: 'local' or 'dask'")


def _recorded_ok(out: str | os.PathLike[str]) -> set[str]:
    """Sources recorded ``ok`` by an earlier run; ``out`` is rewritten with only those lines.

    Failure records are dropped (their inputs are parsed again), and so is a line that is
    not a record, such as the last line of a run that was killed.
    """
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
            ok = isinstance(rec, dict) and rec.get("ok") is True and isinstance(rec.get("source"), str)
            if ok and rec["source"] not in sources:
                sources.add(rec["source"])
                kept.append(line if line.endswith("\n") else line + "\n")
    partial_out = Path(f"{os.fspath(out)}.resume")
    partial_out.write_text("".join(kept), encoding="utf-8")
    os.replace(partial_out, out)  # never half a file, even if this run is killed now
    return sources


class _Progress:
    """A progress line on a terminal: documents done (of how many), rate, failures, time left."""

    def __init__(self, stream: IO[str], paths: list[str], max_bytes: int, done: set[str]) -> None:
        self.stream = stream
        self.start = time.perf_counter()
        self.last = 0.0
        self.total: int | None = None
        counter = threading.Thread(target=self._count, args=(paths, max_bytes, done), daemon=True)
        counter.start()

    def _count(self, paths: list[str], max_bytes: int, done: set[str]) -> None:
        self.total = sum(1 for item in _inputs(paths, max_bytes) if item.source not in done)

    def show(self, summary: Summary) -> None:
        now = time.perf_counter()
        if now - self.last < 0.1 and summary.documents != self.total:
            return
        self.last = now
        elapsed = now - self.start
        rate = summary.documents / elapsed if elapsed else 0.0
        failed = sum(summary.failures.values())
        if self.total is None:
            done, left = f"{summary.documents:,} documents", ""
        else:
            eta = (self.total - summary.documents) / rate if rate else 0.0
            done, left = f"{summary.documents:,}/{self.total:,} documents", f"  {_clock(eta)} left"
        self.stream.write(f"\r{done}  {rate:,.0f}/s  {failed:,} failed  {_clock(elapsed)} elapsed{left}\033[K")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\r\033[K")
        self.stream.flush()


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def progress_stream() -> IO[str] | None:
    """stderr when it is a terminal; ``None`` (no progress line) otherwise."""
    return sys.stderr if sys.stderr.isatty() else None


# ----------------------------------------------------------------------------- Dask


def to_dask_bag(
    paths: Iterable[str | os.PathLike[str]], *, npartitions: int | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Any:
    """A ``dask.bag.Bag`` of JSON records (dicts), one per input, in input order, for a Dask cluster.

    Requires the ``dask`` extra (``pip install 'wtotext[dask]'``).  The inputs are
    listed here (folders searched, archives opened for their list of members); each
    document is read and parsed on the workers, which must see the same paths (a shared
    file system) and have wtotext installed.  ``npartitions`` defaults to about a
    hundred inputs a partition.

    >>> bag = to_dask_bag(["corpus/ecom-2009.txt", "corpus/no-such-file.txt"])
    >>> bag.pluck("ok").compute(scheduler="sync")
    [True, False]

    On a cluster (here a local one; ``Client("tcp://scheduler:8786")`` for a real one):

    >>> from distributed import Client, LocalCluster
    >>> with LocalCluster(n_workers=2, processes=False, dashboard_address=":0") as cluster, Client(cluster):
    ...     records = to_dask_bag(["corpus/ecom-20*.txt"]).compute()
    >>> [rec["decision"]["date"] for rec in records]
    ['2009-12-02', '2013-12-07', '2015-12-19', '2017-12-13', '2022-06-17', '2024-03-02']
    """
    return _outcome_bag(paths, set(), npartitions, max_bytes).map(_as_record)


# A unit of work for a Dask task: ("file", path), ("members", archive, names) or ("known", source, outcome).
_Unit = tuple[str, str, Any]


def _outcome_bag(
    paths: Iterable[str | os.PathLike[str]], done: set[str], npartitions: int | None, max_bytes: int
) -> Any:
    try:
        import dask.bag as db
    except ImportError:
        raise WtotextError("the Dask engine needs the 'dask' extra: pip install 'wtotext[dask]'") from None
    units = list(_units(_inputs(paths, max_bytes), done))
    parts = npartitions or max(1, min(len(units), max(64, len(units) // 100)))
    # Dask's from_sequence rounds its partition size up and may make fewer partitions than
    # asked (36 units in 7 gives 6 of 6); slicing here gives exactly ``parts``, in order.
    slices = [units[len(units) * k // parts : len(units) * (k + 1) // parts] for k in range(parts)]
    return db.from_sequence(slices, npartitions=parts).flatten().map(_unit_outcomes, max_bytes).flatten()


def _units(items: Iterable[_Input], done: set[str]) -> Iterator[_Unit]:
    """Units of work: files one by one, archive members by the ``_DASK_MEMBERS``, failures known here."""
    members: list[str] = []
    archive: str | None = None
    for item in items:
        if item.source in done:
            continue
        if archive is not None and (item.archive != archive or len(members) >= _DASK_MEMBERS or item.failure):
            yield ("members", archive, tuple(members))
            archive, members = None, []
        if item.failure is not None:
            yield ("known", item.source, _failure(item.source, item.failure))
        elif item.archive is not None and item.member is not None:
            archive = item.archive
            members.append(item.member)
        else:
            yield ("file", item.source, None)
    if archive is not None:
        yield ("members", archive, tuple(members))


def _unit_outcomes(unit: _Unit, max_bytes: int) -> list[_Done]:
    """On a Dask worker: read and parse the documents of one unit."""
    kind, where, detail = unit
    if kind == "known":
        return [(where, detail, 0)]
    if kind == "file":
        jobs = list(_jobs([_Input(where, partial(_read_file, where, max_bytes))]))
    else:
        wanted = set(detail)
        found: dict[str, _Job] = {}
        damage: Exception = ReadError(f"no longer in the archive {where}")
        for item in _archive(where, max_bytes):
            if item.member is not None and item.member in wanted and item.member not in found:
                found[item.member] = next(_jobs([item]))  # read now, while the archive is open there
                if len(found) == len(wanted):
                    break
            elif item.member is None and item.failure is not None:
                damage = item.failure  # the archive is damaged (since it was listed)
        jobs = [found.get(name) or _Job(f"{where}!{name}", b"", _failure(f"{where}!{name}", damage)) for name in detail]
    return [(job.source, _outcome(job), len(job.data)) for job in jobs]


def _as_record(done: _Done) -> dict[str, Any]:
    return dict(json.loads(done[1].line))


def _dask_run(
    paths: list[str], done: set[str], jobs: int | None, max_bytes: int, scheduler: str | None
) -> Iterator[_Done]:
    """The batch on Dask: partitions computed a bounded number at a time, outcomes in input order."""
    bag = _outcome_bag(paths, done, None, max_bytes)
    with _dask_client(scheduler, jobs) as client:
        window = 2 * max(1, sum(client.nthreads().values()))
        pending: deque[Any] = deque()
        for part in itertools.chain(bag.to_delayed(), [None]):
            if part is not None:
                pending.append(client.compute(part))
            while pending and (len(pending) >= window or part is None):
                yield from pending.popleft().result()


@contextmanager
def _dask_client(address: str | None, jobs: int | None) -> Iterator[Any]:
    """A ``distributed.Client`` of the scheduler at ``address``, or of a local cluster of ``jobs`` workers."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise WtotextError("the Dask engine needs the 'dask' extra: pip install 'wtotext[dask]'") from None
    if address:
        with Client(address) as client:
            yield client
        return
    workers = _workers(jobs)
    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=":0") as cluster,
        Client(cluster) as client,
    ):
        yield client
