"""The benchmark suite runs and writes its table as JSON (no timing is asserted here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_the_benchmark_suite_runs_and_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--smoke", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    assert {"regex floor", "wtotext full", "wtotext normalise", "wtotext document parse", "wtotext build"} <= set(
        result["engines"]
    )
    assert set(result["pathological"]) == {
        "1 MB line without spaces",
        "10,000 nested parentheses",
        "100,000 one-word lines",
    }
    assert "regex floor" in done.stdout and "x bluebell" in done.stdout
