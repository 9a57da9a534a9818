"""Batch throughput and memory: documents/s for --jobs 1 and 2, peak RSS for 1,000 vs 10,000 documents.

Run: ``.venv/bin/python bench/batch.py [--docs 2000] [--json bench/results/batch-latest.json]``

Each measure runs ``wtotext batch`` in a fresh process on a generated dump (corpus
documents copied under varied names) and reads the peak resident memory of that
process tree from ``getrusage(RUSAGE_CHILDREN)`` in a wrapper process, so that
measures do not see each other.  Issue 3 / 5 targets: ``--jobs 2`` at least 1.7-1.8
times ``--jobs 1`` on 2 cores; peak memory of 10,000 documents within 50 MB of 1,000.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"

_WRAPPER = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
seconds = time.perf_counter() - start
print(done.returncode, seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def make_dump(folder: Path, count: int) -> int:
    """``count`` corpus documents in ``folder``; returns their total size in bytes."""
    docs = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html"))
    total = 0
    for i in range(count):
        source = docs[i % len(docs)]
        target = folder / f"d{i // 1000:02d}" / f"{i:06d}{source.suffix}"
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(source, target)
        total += source.stat().st_size
    return total


def measure(folder: Path, jobs: int) -> dict[str, float]:
    out = folder.parent / f"out-{jobs}.jsonl"
    command = [sys.executable, "-m", "wtotext.cli", "batch", str(folder), "-o", str(out), "--jobs", str(jobs)]
    line = subprocess.run([sys.executable, "-c", _WRAPPER, *command], capture_output=True, text=True, check=True)
    code, seconds, peak_kb = line.stdout.split()
    records = sum(1 for _ in out.open(encoding="utf-8"))
    return {"exit": int(code), "seconds": float(seconds), "peak_mb": int(peak_kb) / 1024, "records": records}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000, help="documents for the jobs comparison")
    parser.add_argument("--memory", type=int, nargs=2, default=(1000, 10000), help="the two dump sizes")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved runs of each; medians are reported")
    parser.add_argument("--json", type=Path, help="write the results here as JSON")
    args = parser.parse_args()
    results: dict[str, object] = {"cpus": os.cpu_count(), "date": time.strftime("%Y-%m-%d")}
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "speed"
        dump.mkdir()
        size = make_dump(dump, args.docs)
        ones, twos = [], []
        for _ in range(args.rounds):  # interleaved, so that a busy moment hits both
            ones.append(measure(dump, 1)["seconds"])
            twos.append(measure(dump, 2)["seconds"])
        one, two = statistics.median(ones), statistics.median(twos)
        results["throughput"] = {
            "documents": args.docs,
            "rounds": args.rounds,
            "jobs1_docs_per_s": args.docs / one,
            "jobs2_docs_per_s": args.docs / two,
            "speedup": one / two,
            "jobs2_mb_per_s": size / 1e6 / two,
        }
        peaks = {}
        for count in args.memory:
            dump = Path(tmp) / f"memory{count}"
            dump.mkdir()
            make_dump(dump, count)
            peaks[count] = measure(dump, 2)
        small, large = args.memory
        results["memory"] = {
            f"peak_mb_{small}": peaks[small]["peak_mb"],
            f"peak_mb_{large}": peaks[large]["peak_mb"],
            "growth_mb": peaks[large]["peak_mb"] - peaks[small]["peak_mb"],
        }
    print(f"{'measure':<34}{'value':>12}")
    for group in ("throughput", "memory"):
        for key, value in results[group].items():  # type: ignore[attr-defined]
            print(f"{group + '.' + key:<34}{value:>12.2f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
