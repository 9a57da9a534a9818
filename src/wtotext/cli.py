"""The ``wtotext`` command: argument parsing and printing only."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from wtotext import __version__
from wtotext.errors import WtotextError
from wtotext.export.json import dumps, error_record, record
from wtotext.nodes import Decision
from wtotext.pipeline import parse_file


def _parse_command(args: argparse.Namespace) -> int:
    failed = 0
    for path in args.files:
        try:
            decision = parse_file(path)
        except Exception as err:  # one record per input, whatever went wrong
            failed += 1
            print(dumps(error_record(path, err)))
            continue
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wtotext", description="Parse WTO decisions into mandates.")
    parser.add_argument("--version", action="version", version=f"wtotext {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for add in (_add_parse, _add_obligations, _add_batch):
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
