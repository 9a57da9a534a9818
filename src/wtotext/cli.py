"""The ``wtotext`` command: argument parsing and printing only."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from wtotext import __version__
from wtotext.errors import WtotextError
from wtotext.export.json import dumps, error_record, record
from wtotext.nodes import Decision, Modality
from wtotext.pipeline import parse_file


def _parse_command(args: argparse.Namespace) -> int:
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
        "--format", choices=("json", "akn"), default="json",
        help="json: one record per line (default); akn: one Akoma Ntoso XML document per file, one after another",
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
    from wtotext.corpus import Corpus

    if len(paths) == 1 and paths[0].endswith(".jsonl"):
        return Corpus.from_jsonl(paths[0])
    return Corpus.from_paths(paths, jobs=jobs)


def _query_command(args: argparse.Namespace) -> int:
    from wtotext.corpus import COLUMNS, parse_range

    corpus = _load_corpus(args.paths, args.jobs)
    rows = corpus.to_rows(
        body=args.body,
        modality=args.modality,
        due=parse_range(args.due),
        adopted=parse_range(args.adopted),
        verb=args.verb,
    )
    if args.format == "json":
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
    elif args.format == "csv":
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    else:
        _print_rows(rows, ("date", "symbol", "paragraph", "body", "modality", "verb", "deadlines", "action"))
    return 1 if corpus.failures else 0


def _timeline_command(args: argparse.Namespace) -> int:
    corpus = _load_corpus(args.paths, args.jobs)
    for date, items in corpus.timeline(body=args.body):
        for item in items:
            print(f"{date:<10}  {item.body.name}: {item.mandate.verb}  ({item.symbol or item.source}, {item.date})")
    return 1 if corpus.failures else 0


def _print_rows(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> None:
    if not rows:
        print("(no mandates)")
        return
    widths = {c: min(40, max(len(c), *(len(str(r[c] or "")) for r in rows))) for c in columns}
    print("  ".join(c.upper().ljust(widths[c]) for c in columns))
    for row in rows:
        cells = []
        for c in columns:
            value = str(row[c] if row[c] is not None else "-")
            cells.append((value[: widths[c] - 1] + "…" if len(value) > widths[c] else value).ljust(widths[c]))
        print("  ".join(cells).rstrip())


def _add_query(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    q = sub.add_parser("query", help="mandates across a corpus: by body, modality, due and adoption dates")
    q.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, globs, archives, or one batch .jsonl")
    q.add_argument("--body", help="canonical name or alias, any case")
    q.add_argument("--modality", choices=[m.value for m in Modality])
    q.add_argument("--due", metavar="FROM..TO", help="a deadline in this range (ISO dates; an end may be empty)")
    q.add_argument("--adopted", metavar="FROM..TO", help="decisions adopted in this range")
    q.add_argument("--verb", help="the lemma of the verb")
    q.add_argument("--format", choices=("table", "csv", "json"), default="table")
    q.add_argument("--jobs", type=int, default=None)
    q.set_defaults(func=_query_command)


def _add_timeline(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    t = sub.add_parser("timeline", help="what falls due when (for one body, or all)")
    t.add_argument("paths", nargs="+", metavar="PATH")
    t.add_argument("--body", help="canonical name or alias, any case")
    t.add_argument("--jobs", type=int, default=None)
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
