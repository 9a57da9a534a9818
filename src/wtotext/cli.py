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
    if args.output_dir is not None and args.format != "akn":
        print("wtotext parse: --output-dir goes with --format akn", file=sys.stderr)
        return 2
    if args.format == "akn" and len(args.files) > 1 and args.output_dir is None:
        print("wtotext parse: --format akn writes one document a file: give one FILE, or --output-dir", file=sys.stderr)
        return 2
    failed = 0
    written: set[str] = set()
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

            if args.output_dir is None:
                sys.stdout.write(to_akn(decision))
                continue
            out = _akn_path(args.output_dir, path, written)
            with open(out, "w", encoding="utf-8") as f:
                f.write(to_akn(decision))
            print(out)
        else:
            print(dumps(record(decision, path)))
    return 1 if failed else 0


def _akn_path(folder: str, path: str, written: set[str]) -> str:
    """``folder/<file name without suffix>.xml``; a name met again in this run gets ``-2``, ``-3`` ..."""
    os.makedirs(folder, exist_ok=True)
    stem = os.path.splitext(os.path.basename(path))[0] or "document"
    name, n = stem, 1
    while name in written:
        n += 1
        name = f"{stem}-{n}"
    written.add(name)
    return os.path.join(folder, name + ".xml")


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
    p = sub.add_parser("parse", help="parse files: one JSON record a file (JSON Lines), or Akoma Ntoso XML")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument(
        "--format",
        choices=("json", "akn"),
        default="json",
        help="json: one record per line (default); akn: an Akoma Ntoso XML document (one FILE, or --output-dir)",
    )
    p.add_argument(
        "--output-dir",
        metavar="DIR",
        help="with --format akn: write DIR/<name>.xml for each FILE (and print the paths) instead of stdout",
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

    if args.scheduler and args.engine != "dask":
        print("wtotext batch: --scheduler needs --engine dask", file=sys.stderr)
        return 2
    try:
        summary = batch.run(
            args.paths,
            args.output,
            jobs=args.jobs,
            resume=args.resume,
            max_bytes=args.max_bytes,
            progress=batch.progress_stream(),
            engine=args.engine,
            scheduler=args.scheduler,
        )
    except (OSError, WtotextError) as err:  # the output cannot be written, the Dask extra is missing ...
        print(f"wtotext batch: {err}", file=sys.stderr)
        return 2
    print(summary.line(), file=sys.stderr)
    return 1 if summary.failures else 0


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return number


def _add_batch(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    b = sub.add_parser(
        "batch",
        help="parse files, folders, globs and archives into one JSON record per document",
        description=(
            "Parse a dump: one JSON record per input in OUT (JSON Lines), in input order, written as documents "
            "finish; a summary on stderr. Exit 0 when all parsed, 1 when some failed, 2 on a usage error."
        ),
    )
    b.add_argument("paths", nargs="+", metavar="PATH", help="file, folder (recursive), glob, .zip, .tar or .tar.gz")
    b.add_argument("-o", "--output", required=True, metavar="OUT.jsonl")
    b.add_argument("--jobs", type=_positive, default=None, help="worker processes (default: the CPU count; 1: none)")
    b.add_argument("--resume", action="store_true", help="keep the ok records of OUT, append the inputs not in it")
    b.add_argument(
        "--max-bytes", type=_positive, default=20_000_000, help="refuse larger files and members (default 20 MB)"
    )
    b.add_argument("--engine", choices=("local", "dask"), default="local", help="dask: needs wtotext[dask]")
    b.add_argument("--scheduler", metavar="ADDRESS", help="with --engine dask (default: a local cluster of --jobs)")
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
    try:
        return int(args.func(args))
    except BrokenPipeError:  # "wtotext parse ... | head": the reader left; so do we, quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
