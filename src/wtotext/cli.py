"""The ``wtotext`` command: argument parsing and printing only."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections.abc import Sequence
from typing import Any

import lark

from wtotext import __version__
from wtotext.errors import WtotextError
from wtotext.export.json import dumps, error_record, record
from wtotext.nodes import Decision, Modality
from wtotext.pipeline import parse_file


def _show_stage(path: str, stage: str) -> int:
    """Print what one stage made of a file, to see where a document went wrong."""
    from wtotext.normalise import normalise
    from wtotext.parser import parse_document
    from wtotext.read import read_path

    text = read_path(path).text
    norm = normalise(text)
    if stage == "normalised":
        print(norm.text)
        return 0
    try:
        if stage == "tree":
            print(parse_document(norm.text).pretty())
            return 0
        decision = parse_file(path)
    except (WtotextError, lark.UnexpectedInput) as err:  # a Lark error points into the normalised text
        print(f"{path}: {err}", file=sys.stderr)
        return 1
    print(f"{decision.kind}, {decision.issuer}, {decision.date}, {', '.join(decision.symbols) or 'no symbol'}")
    for recital in decision.preamble:
        print(f"  recital  {recital.opener}: {recital.text[:70]}")
    for i, paragraph in enumerate(decision.operative, start=1):
        print(f"  para {i} ({paragraph.number or '-'}): {paragraph.text[:70]}")
        for m in paragraph.all_mandates():
            via = f" via {m.via.name}" if m.via else ""
            print(f"      {m.body.name} {m.modality.value} {m.verb}{via} {' '.join(m.deadlines)}")
    for note in decision.diagnostics:
        print(f"  diagnostic {note.code}: {note.message}")
    return 0


def _parse_command(args: argparse.Namespace) -> int:
    if args.stage != "json":
        return max(_show_stage(path, args.stage) for path in args.files)
    failed = 0
    for path in args.files:
        try:
            decision = parse_file(path)
        except Exception as err:  # one record per input, whatever went wrong
            failed += 1
            if args.format == "akn":
                print(f"{path}: {err}", file=sys.stderr)
            else:
                print(dumps(error_record(path, err)))
            continue
        if args.format == "akn":
            from wtotext.export.akn import to_akn

            sys.stdout.write(to_akn(decision))
        else:
            print(dumps(record(decision, path)))
    return 1 if failed else 0


def _obligations_command(args: argparse.Namespace) -> int:
    rows = []
    failed = 0
    for path in args.files:
        try:
            decision: Decision = parse_file(path)
        except (WtotextError, OSError, ValueError) as err:
            failed += 1
            print(f"{path}: {err}", file=sys.stderr)
            continue
        for m in decision.obligations(body=args.body):
            rows.append(
                {
                    "source": path,
                    "symbol": decision.symbols[0] if decision.symbols else None,
                    "date": decision.date,
                    "body": m.body.name,
                    "verb": m.verb,
                    "action": m.action,
                    "via": m.via.name if m.via else None,
                    "deadlines": list(m.deadlines),
                }
            )
    if args.json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
    else:
        _print_table(rows)
    return 1 if failed else 0


def _print_table(rows: list[dict[str, object]]) -> None:
    if not rows:
        print("(no obligations)")
        return
    width = 70
    for row in rows:
        deadlines = ", ".join(row["deadlines"]) if row["deadlines"] else "-"  # type: ignore[arg-type]
        via = f" (via {row['via']})" if row["via"] else ""
        action = str(row["action"])
        if len(action) > width:
            action = action[: width - 1] + "…"
        print(f"{row['source']}  {row['date'] or '?'}  {row['body']}{via}: {row['verb']} | {action} | due {deadlines}")


def _add_parse(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("parse", help="parse files; write one JSON record per file (JSON Lines) to stdout")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument(
        "--format",
        choices=("json", "akn"),
        default="json",
        help="json: one record per line (default); akn: one Akoma Ntoso XML document per file, one after another",
    )
    p.add_argument(
        "--stage",
        choices=("normalised", "tree", "decision", "json"),
        default="json",
        help="stop after a stage and print what it made: the normalised text, the document tree, "
        "a summary of the decision, or the JSON record (default)",
    )
    p.set_defaults(func=_parse_command)


def _add_obligations(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    o = sub.add_parser("obligations", help="list the obligations of a body (all bodies without --body)")
    o.add_argument("files", nargs="+", metavar="FILE")
    o.add_argument("--body", help="canonical name or alias, any case (CTD, 'General Council')")
    o.add_argument("--json", action="store_true", help="JSON Lines instead of a table")
    o.set_defaults(func=_obligations_command)


def _batch_command(args: argparse.Namespace) -> int:
    from wtotext import batch

    if args.engine == "dask":
        return _dask_batch(args)
    summary = batch.run(
        args.paths,
        args.output,
        jobs=args.jobs,
        resume=args.resume,
        max_bytes=args.max_bytes,
        progress=batch.progress_stream(),
    )
    print(summary.line(), file=sys.stderr)
    return 1 if summary.failures else 0


def _dask_batch(args: argparse.Namespace) -> int:
    import time

    from wtotext import batch

    start = time.perf_counter()
    client = batch.dask_client(args.scheduler)
    try:
        records = batch.to_dask_bag(args.paths, max_bytes=args.max_bytes).compute()
    finally:
        client.close()
    with open(args.output, "w", encoding="utf-8") as sink:
        for rec in records:
            sink.write(dumps(rec) + "\n")
    failed = sum(1 for rec in records if not rec["ok"])
    print(f"{len(records)} documents, {failed} failed, {time.perf_counter() - start:.1f} s (dask)", file=sys.stderr)
    return 1 if failed else 0


def _add_batch(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    b = sub.add_parser(
        "batch",
        help="parse files, folders, globs and archives into one JSON record per document",
        description="Parse a dump: one JSON record per document in OUT, in input order; exit 1 if any failed.",
    )
    b.add_argument("paths", nargs="+", metavar="PATH", help="file, folder (recursive), glob, .zip or .tar(.gz)")
    b.add_argument("-o", "--output", required=True, metavar="OUT.jsonl")
    b.add_argument("--jobs", type=int, default=None, help="worker processes (default: the CPU count)")
    b.add_argument("--resume", action="store_true", help="skip inputs already recorded ok in OUT; redo the rest")
    b.add_argument("--max-bytes", type=int, default=20_000_000, help="refuse larger inputs (default 20 MB)")
    b.add_argument("--engine", choices=("local", "dask"), default="local")
    b.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: a local cluster)")
    b.set_defaults(func=_batch_command)


def _load_corpus(paths: list[str], jobs: int | None) -> Any:
    """Batch outputs (``.jsonl``) are read back, everything else parsed; failures go to stderr."""
    from wtotext.corpus import Corpus

    corpus = Corpus(())
    texts: list[str] = []
    for path in paths:
        if path.lower().endswith(".jsonl"):
            corpus += Corpus.from_paths(texts, jobs=jobs) if texts else Corpus(())
            texts = []
            corpus += Corpus.from_jsonl(path)
        else:
            texts.append(path)
    if texts:
        corpus += Corpus.from_paths(texts, jobs=jobs)
    for failure in corpus.failures:
        error = failure.get("error") or {}
        print(f"{failure.get('source')}: {error.get('type')}: {error.get('message')}", file=sys.stderr)
    return corpus


def _date_range(value: str) -> tuple[str | None, str | None] | None:
    from wtotext.corpus import parse_range

    try:
        return parse_range(value)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _chronological(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows in adoption order (undated decisions last), text order within a decision."""
    return sorted(rows, key=lambda r: (r["date"] is None, r["date"] or ""))


def _query_command(args: argparse.Namespace) -> int:
    from wtotext.corpus import write_csv

    try:
        corpus = _load_corpus(args.paths, args.jobs)
    except OSError as err:
        print(f"wtotext query: {err}", file=sys.stderr)
        return 2
    rows = _chronological(
        corpus.to_rows(
            body=args.body,
            modality=args.modality,
            issuer=args.issuer,
            due=args.due,
            adopted=args.adopted,
            verb=args.verb,
            text=args.text,
        )
    )
    if args.format == "json":
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
    elif args.format == "csv":
        write_csv(rows, sys.stdout)
    else:
        table = [{**r, "decision": _decision_label(r), "para": r["paragraph"]} for r in rows]
        for r in table:
            r["deadlines"] = r["deadlines"].replace(";", ", ")
        _print_rows(table, ("date", "decision", "para", "body", "modality", "verb", "deadlines", "action"))
    return 1 if corpus.failures else 0


def _timeline_command(args: argparse.Namespace) -> int:
    try:
        corpus = _load_corpus(args.paths, args.jobs)
    except OSError as err:
        print(f"wtotext timeline: {err}", file=sys.stderr)
        return 2
    table = [
        {"due": date, **item.row(), "decision": _decision_label(item.row())}
        for date, items in corpus.timeline(body=args.body, modality=args.modality, due=args.due)
        for item in items
    ]
    _print_rows(table, ("due", "body", "verb", "modality", "decision", "date", "action"))
    return 1 if corpus.failures else 0


def _decision_label(row: dict[str, Any]) -> str:
    """The decision's symbol, or its file name when it prints none."""
    return str(row["symbol"] or os.path.basename(str(row["source"] or "")) or "-")


def _print_rows(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> None:
    """Fixed-width columns (each at most 40 wide); on a terminal the last one is cut to fit."""
    if not rows:
        print("(no mandates)")
        return
    cells = [[str(row[c]) if row[c] not in (None, "") else "-" for c in columns] for row in rows]
    widths = [min(40, max(len(c), *(len(line[i]) for line in cells))) for i, c in enumerate(columns)]
    last: int | None = None
    if sys.stdout.isatty():
        last = max(20, shutil.get_terminal_size().columns - sum(widths[:-1]) - 2 * (len(columns) - 1))
    widths[-1] = last or max(len(columns[-1]), *(len(line[-1]) for line in cells))

    def fit(value: str, width: int) -> str:
        return (value[: width - 1] + "…" if len(value) > width else value).ljust(width)

    print("  ".join(fit(c.upper(), w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for line in cells:
        print("  ".join(fit(v, w) for v, w in zip(line, widths, strict=True)).rstrip())


def _add_query(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    q = sub.add_parser(
        "query",
        help="mandates across a corpus: by body, modality, issuer, verb, text, due and adoption dates",
        description="Mandates across a corpus, in adoption order; exit 1 if any input failed (named on stderr).",
    )
    q.add_argument(
        "paths", nargs="+", metavar="PATH", help="files, folders, globs, archives, or batch .jsonl outputs (not parsed)"
    )
    q.add_argument("--body", action="append", help="canonical name or alias, any case; repeat for several")
    q.add_argument("--modality", choices=[m.value for m in Modality])
    q.add_argument("--issuer", help="the adopting body (name or alias)")
    q.add_argument("--due", type=_date_range, metavar="FROM..TO", help="a deadline in this range (2014..2016, ..2015)")
    q.add_argument("--adopted", type=_date_range, metavar="FROM..TO", help="decisions adopted in this range")
    q.add_argument("--verb", help="the lemma of the verb (maintain, hold)")
    q.add_argument("--text", help="words in the action, any case")
    q.add_argument("--format", choices=("table", "csv", "json"), default="table", help="json: JSON Lines")
    q.add_argument("--jobs", type=int, default=None, help="worker processes (default: the CPU count)")
    q.set_defaults(func=_query_command)


def _add_timeline(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    t = sub.add_parser(
        "timeline",
        help="what falls due when (for one body, or all)",
        description="One line per deadline and mandate, earliest first; exit 1 if any input failed.",
    )
    t.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, globs, archives, or batch .jsonl outputs")
    t.add_argument("--body", action="append", help="canonical name or alias, any case; repeat for several")
    t.add_argument("--modality", choices=[m.value for m in Modality])
    t.add_argument("--due", type=_date_range, metavar="FROM..TO", help="only deadlines in this range (2026, 2024..)")
    t.add_argument("--jobs", type=int, default=None, help="worker processes (default: the CPU count)")
    t.set_defaults(func=_timeline_command)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wtotext", description="Parse WTO decisions into mandates.")
    parser.add_argument("--version", action="version", version=f"wtotext {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for add in (_add_parse, _add_obligations, _add_batch, _add_query, _add_timeline):
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
