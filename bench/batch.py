"""Batch throughput and memory: ``wtotext batch`` on generated dumps of corpus documents.

Used by ``bench/run.py`` (its ``batch`` rows); also runs alone:

    .venv/bin/python bench/batch.py [--docs 2000] [--memory 1000 10000] [--rounds 3] [--json OUT]

- throughput: documents/s of ``wtotext batch --jobs 1`` and ``--jobs 2`` on the same
  dump, interleaved over ``--rounds`` rounds (medians of wall-clock time, interpreter
  start included; the batch's own timing from its closing line is kept beside it);
- memory: the peak resident memory of ``wtotext batch --jobs 2`` on a dump of 1,000 and
  of 10,000 documents: the sum over the process tree (the parent and its workers,
  sampled from ``/proc`` every 20 ms) and the largest single process (its ``VmHWM``).

Every process the suite starts runs as an installed wtotext would: with its bytecode
cached (``PYTHONDONTWRITEBYTECODE`` is dropped from the environment, as pip compiles an
installed package) and with a warm parser cache (``WTOTEXT_CACHE_DIR`` points at a folder
of the run's own, filled once before anything is timed; see ``wtotext.parser``).

Each run also records the CPU time of the process tree (``wait4``): CPU seconds over
wall seconds shows how many cores a ``--jobs 2`` run actually had.

The dump is the corpus copied many times under varied names and folders, with varied
bytes (CRLF line ends, a byte-order mark, cp1252, page headers and footers, trailing
spaces), all of which wtotext reads and parses.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
_SUMMARY = re.compile(r"(\d+) documents, (\d+) failed.*?, ([\d.]+) s,")
_RSS = re.compile(rb"VmRSS:\s+(\d+) kB")
_HWM = re.compile(rb"VmHWM:\s+(\d+) kB")


_CACHE = tempfile.TemporaryDirectory(prefix="wtotext-bench-cache-")


def child_env() -> dict[str, str]:
    """The environment of every process the suite times: bytecode and parser caches as after installation."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["WTOTEXT_CACHE_DIR"] = _CACHE.name
    return env


@functools.cache  # the cache folder is this run's own: filling it once is enough
def warm_caches() -> None:
    """Write the bytecode and the parser cache that the timed processes will read."""
    warm = "import wtotext, wtotext.cli, wtotext.parser as p; p.document_parser(); p.clause_scanner()"
    subprocess.run([sys.executable, "-c", warm], check=True, cwd=ROOT, env=child_env())


def _crlf(data: bytes, i: int) -> bytes:
    return data.replace(b"\n", b"\r\n")


def _bom(data: bytes, i: int) -> bytes:
    return b"\xef\xbb\xbf" + data


def _cp1252(data: bytes, i: int) -> bytes:
    return data.decode("utf-8").encode("cp1252", "replace")


def _header(data: bytes, i: int) -> bytes:
    return b"WT/GC/W/%d\nPage 1 of 3\n\n" % (i + 100) + data


def _footer(data: bytes, i: int) -> bytes:
    return data + b"\n\n__________\n\n- %d -\n" % (i % 7 + 2)


def _trailing_spaces(data: bytes, i: int) -> bytes:
    return data.replace(b"\n", b"  \n")


def _as_is(data: bytes, i: int) -> bytes:
    return data


#: Byte-level variations of a plain-text document (HTML documents are copied as they are).
_TEXT_NOISE: tuple[Callable[[bytes, int], bytes], ...] = (
    _as_is,
    _crlf,
    _bom,
    _cp1252,
    _header,
    _footer,
    _trailing_spaces,
)


def _name(stem: str, i: int) -> str:
    patterns = (f"{stem}-{i:05d}", f"WT_L_{i}", f"Decision {i} ({stem})", f"{i:05d}_{stem.upper()}")
    return patterns[i % len(patterns)]


def make_dump(folder: Path, count: int) -> int:
    """Write ``count`` documents (corpus files, varied) under ``folder``; return their total bytes."""
    sources = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html"))
    originals = [(p, p.read_bytes()) for p in sources]
    total = 0
    for i in range(count):
        path, data = originals[i % len(originals)]
        if path.suffix == ".txt":
            data = _TEXT_NOISE[(i // len(originals)) % len(_TEXT_NOISE)](data, i)
        target = folder / f"session-{i // 500:02d}" / (_name(path.stem, i) + path.suffix)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        total += len(data)
    return total


def _tree_memory_kb(root: int) -> tuple[int, int]:
    """The resident memory of ``root`` and all its descendants, and the largest peak among them, in kB."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_bytes()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat[stat.rindex(b")") + 2 :].split()[1])
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    total = largest = 0
    for pid in tree:
        try:
            status = Path(f"/proc/{pid}/status").read_bytes()
        except OSError:
            continue
        rss, hwm = _RSS.search(status), _HWM.search(status)
        total += int(rss.group(1)) if rss else 0
        largest = max(largest, int(hwm.group(1)) if hwm else 0)
    return total, largest


def run_batch(folder: Path, out: Path, jobs: int, *, sample_memory: bool = False) -> dict[str, Any]:
    """Run ``wtotext batch FOLDER -o OUT --jobs N`` in a fresh process; its time, records and memory."""
    command = [sys.executable, "-m", "wtotext.cli", "batch", str(folder), "-o", str(out), "--jobs", str(jobs)]
    err_path = out.with_suffix(".stderr")
    with err_path.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, cwd=ROOT, env=child_env())
        peak_tree_kb = peak_process_kb = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG if sample_memory else 0)
            if pid:
                break
            tree_kb, process_kb = _tree_memory_kb(proc.pid)
            peak_tree_kb, peak_process_kb = max(peak_tree_kb, tree_kb), max(peak_process_kb, process_kb)
            time.sleep(0.02)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    summary = _SUMMARY.search(stderr)
    records = failed = 0
    if out.exists():
        with out.open(encoding="utf-8") as lines:
            for line in lines:
                records += 1
                failed += '"ok":false' in line[:400]
    return {
        "exit": proc.returncode,
        "wall_seconds": wall,
        "batch_seconds": float(summary.group(3)) if summary else None,
        "records": records,
        "failed": failed,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "peak_tree_mb": peak_tree_kb / 1024 if sample_memory else None,
        "peak_process_mb": peak_process_kb / 1024 if sample_memory else None,
        "stderr_tail": stderr[-300:] if records == 0 else "",
    }


def available() -> str | None:
    """None when ``wtotext batch`` exists, else why it cannot be measured."""
    done = subprocess.run(
        [sys.executable, "-m", "wtotext.cli", "batch", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=child_env(),
    )
    if done.returncode != 0:
        return "batch not available: `wtotext batch --help` fails: " + (done.stderr.strip().splitlines() or [""])[-1]
    return None


def measure(docs: int, memory: tuple[int, int], rounds: int) -> dict[str, Any]:
    """The throughput of ``--jobs 1`` and ``--jobs 2`` on ``docs`` documents, and memory for two dump sizes."""
    why = available()
    if why is not None:
        return {"available": False, "reason": why}
    warm_caches()
    result: dict[str, Any] = {"available": True, "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="wtotext-bench-") as tmp:
        dump = Path(tmp) / "speed"
        size = make_dump(dump, docs)
        runs: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
        for r in range(rounds):
            for jobs in (1, 2) if r % 2 == 0 else (2, 1):
                runs[jobs].append(run_batch(dump, Path(tmp) / f"out-{jobs}-{r}.jsonl", jobs))
        throughput: dict[str, Any] = {"documents": docs, "megabytes": size / 1e6, "rounds": rounds}
        for jobs, measured in runs.items():
            wall = statistics.median(m["wall_seconds"] for m in measured)
            own = [m["batch_seconds"] for m in measured if m["batch_seconds"] is not None]
            throughput[f"jobs{jobs}"] = {
                "wall_seconds": wall,
                "cpu_seconds": statistics.median(m["cpu_seconds"] for m in measured),
                "cores_used": statistics.median(m["cpu_seconds"] / m["wall_seconds"] for m in measured),
                "batch_seconds": statistics.median(own) if own else None,
                "docs_per_s": docs / wall,
                "mb_per_s": size / 1e6 / wall,
                "records": measured[-1]["records"],
                "failed": measured[-1]["failed"],
                "exit": measured[-1]["exit"],
            }
        throughput["speedup"] = throughput["jobs1"]["wall_seconds"] / throughput["jobs2"]["wall_seconds"]
        if throughput["jobs1"]["batch_seconds"] and throughput["jobs2"]["batch_seconds"]:
            throughput["speedup_in_batch"] = throughput["jobs1"]["batch_seconds"] / throughput["jobs2"]["batch_seconds"]
        result["throughput"] = throughput
        peaks: dict[str, Any] = {}
        for count in memory:
            dump = Path(tmp) / f"memory-{count}"
            make_dump(dump, count)
            peaks[str(count)] = {"documents": count} | run_batch(
                dump, Path(tmp) / f"memory-{count}.jsonl", 2, sample_memory=True
            )
        small, large = (peaks[str(c)] for c in memory)
        result["memory"] = {
            "runs": peaks,
            "growth_tree_mb": large["peak_tree_mb"] - small["peak_tree_mb"],
            "growth_process_mb": large["peak_process_mb"] - small["peak_process_mb"],
        }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000, help="documents for the --jobs comparison")
    parser.add_argument("--memory", type=int, nargs=2, default=(1000, 10000), help="the two dump sizes")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved --jobs 1 / --jobs 2 rounds")
    parser.add_argument("--json", type=Path, help="write the results here as JSON")
    args = parser.parse_args()
    result = measure(args.docs, tuple(args.memory), args.rounds)
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
