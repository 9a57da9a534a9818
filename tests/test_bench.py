"""The benchmark suite runs and writes its table as JSON (no timing is asserted here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

CORPUS_ROWS = {
    "regex floor",
    "wtotext full",
    "wtotext read",
    "wtotext normalise",
    "wtotext document parse",
    "wtotext build",
    "lark earley, document grammar (dynamic lexer)",
    "lark earley, clause grammar (basic lexer)",
    "lark earley, document grammar (basic lexer)",
}
PATHOLOGICAL_ROWS = {
    "1 MB line without spaces",
    "1 MB word in a paragraph",
    "10,000 nested parentheses",
    "100,000 one-word lines",
    "100,000 one-word lines in a paragraph",
}
OTHER_ROWS = {"wtotext full, 3 KB", "wtotext full, 30 KB", "import + first parse"}
BATCH_ROWS = {
    "wtotext batch --jobs 1",
    "wtotext batch --jobs 2",
    "--jobs 2 speed-up",
    "memory growth, large - small dump",
}


@pytest.fixture(scope="module")
def smoke_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    out = tmp_path_factory.mktemp("bench") / "bench.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--smoke", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done, json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("rows", "label"),
    [(CORPUS_ROWS, "corpus"), (PATHOLOGICAL_ROWS, "pathological"), (OTHER_ROWS, "ladder and startup")],
)
def test_the_smoke_run_writes_every_row(
    smoke_run: tuple[subprocess.CompletedProcess[str], dict[str, Any]], rows: set[str], label: str
) -> None:
    measures = {row["measure"] for row in smoke_run[1]["rows"]}
    assert rows <= measures, f"{label} rows missing: {rows - measures}"


def test_the_smoke_run_measures_the_batch_or_says_why_not(
    smoke_run: tuple[subprocess.CompletedProcess[str], dict[str, Any]],
) -> None:
    result = smoke_run[1]
    measures = {row["measure"] for row in result["rows"]}
    if result["batch"]["available"]:
        assert measures >= BATCH_ROWS
        assert result["batch"]["throughput"]["jobs2"]["records"] == result["mode"]["batch_docs"]
    else:
        assert "batch not available" in result["batch"]["reason"]


def test_the_smoke_run_prints_one_table_and_the_targets(
    smoke_run: tuple[subprocess.CompletedProcess[str], dict[str, Any]],
) -> None:
    done, result = smoke_run
    headers = [line for line in done.stdout.splitlines() if line.startswith("measure ")]
    assert len(headers) == 1 and "x bluebell" in headers[0]
    assert "targets (issue 5):" in done.stdout
    assert len(result["targets"]) == 7
    bluebell = next(r for r in result["rows"] if r["measure"] == "bluebell (structure only)")
    assert bluebell["docs_per_s"] is not None or "pip install" in bluebell["note"]


def test_compare_reads_two_results(
    smoke_run: tuple[subprocess.CompletedProcess[str], dict[str, Any]], tmp_path: Path
) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(smoke_run[1]), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "compare.py"), str(path), str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "wtotext full " in done.stdout and "x 1.00" in done.stdout
