"""Compare two benchmark results: ``bench/compare.py A.json B.json``.

    .venv/bin/python bench/compare.py bench/results/20261128-8b56ca8.json bench/results/latest.json

For every measure in both files it prints A's value, B's value and the change from A to
B as a factor where more than 1 is better (``x 1.25``: B is 25 % faster, or smaller, or
closer to the target, than A), then the targets of issue 5 side by side.  Measures
found in one file only are listed at the end.  Numbers from different machines, or
from a loaded machine, are not comparable; the files' ``meta`` says where each came from.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def rows(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The measures of a result file by name: ``{"value", "unit", "better"}``."""
    if "rows" in result:
        return {r["measure"]: r for r in result["rows"] if r["value"] is not None}
    # the first format (before the one-table rows): engines, ladder, import, pathological
    out: dict[str, dict[str, Any]] = {}
    for name, engine in result.get("engines", {}).items():
        out[name] = {"value": engine["ms_per_doc"], "unit": "ms/doc", "better": "lower"}
    for rung, seconds in result.get("size_ladder_seconds", {}).items():
        out[f"wtotext full, {rung}"] = {"value": seconds * 1000, "unit": "ms", "better": "lower"}
    if "import_and_first_parse_seconds" in result:
        out["import + first parse"] = {
            "value": result["import_and_first_parse_seconds"],
            "unit": "s",
            "better": "lower",
        }
    for name, case in result.get("pathological", {}).items():
        out[name] = {"value": case["seconds"], "unit": "s", "better": "lower"}
    return out


def gain(a: float, b: float, better: str) -> float | None:
    """How much better B is than A (more than 1: better)."""
    if not a or not b:
        return None
    return a / b if better == "lower" else b / a


def describe(path: Path, result: dict[str, Any]) -> str:
    meta = result.get("meta", result)
    dirty = " (src changed)" if meta.get("dirty") else ""
    mode = result.get("mode", {}).get("name", "?")
    return f"{path.name}: commit {meta.get('commit', '?')}{dirty}, {meta.get('date', '?')}, {mode} run"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a", type=Path, help="the earlier result (JSON written by bench/run.py)")
    parser.add_argument("b", type=Path, help="the later result")
    args = parser.parse_args()
    a_result, b_result = (json.loads(p.read_text(encoding="utf-8")) for p in (args.a, args.b))
    a, b = rows(a_result), rows(b_result)
    print(f"A = {describe(args.a, a_result)}")
    print(f"B = {describe(args.b, b_result)}")
    print(f"{'measure':<46}{'A':>17}{'B':>17}{'B vs A':>10}")
    for name, row in b.items():
        if name not in a:
            continue
        factor = gain(a[name]["value"], row["value"], row["better"])
        change = "" if factor is None else f"x {factor:.2f}"
        unit = row["unit"]
        print(f"{name:<46}{a[name]['value']:>10,.3f} {unit:<6}{row['value']:>10,.3f} {unit:<6}{change:>10}")
    targets_a = {t["target"]: t for t in a_result.get("targets", [])}
    if b_result.get("targets"):
        print("targets (issue 5):")
        for t in b_result["targets"]:
            before = targets_a.get(t["target"], {}).get("value")
            print(f"  {t['target']:<48}{_number(before):>10}{_number(t['value']):>10}   {_verdict(t['met'])}")
    only = sorted(set(a) ^ set(b))
    if only:
        print("in one file only: " + "; ".join(f"{n} ({'A' if n in a else 'B'})" for n in only))


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:,.2f}"


def _verdict(met: bool | None) -> str:
    return "not measured" if met is None else "met" if met else "NOT met"


if __name__ == "__main__":
    main()
