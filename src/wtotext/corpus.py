"""Querying many decisions at once: who was told to do what, and by when.

>>> from wtotext import Corpus
>>> corpus = Corpus.from_paths(["corpus/ecom-2009.txt", "corpus/ecom-2013-bali.txt"], jobs=1)
>>> [(m.symbol, m.mandate.verb, m.mandate.deadlines) for m in corpus.mandates(body="GC", due=("2014", "2014"))]
[('WT/MIN(13)/32', 'hold', ('2014-07', '2014-12', '2015-07'))]

Dates are ISO partial dates (``2013``, ``2013-12``, ``2013-12-07``); a range
``(from, to)`` keeps a date that overlaps it at the date's own precision, and either
end may be ``None``.
"""

from __future__ import annotations

import csv
import json
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from wtotext.batch import parse_many
from wtotext.nodes import Actor, Decision, Mandate, Modality
from wtotext.query import body_key, modality_of

DateRange = tuple[str | None, str | None]

#: The columns of :meth:`Corpus.to_rows`, in order.
COLUMNS = (
    "source", "symbol", "date", "issuer", "kind", "paragraph", "body", "surface", "known", "verb",
    "modality", "action", "via", "deadlines", "first_deadline", "last_deadline",
)  # fmt: skip


@attrs.frozen
class CorpusMandate:
    """A mandate that knows its decision: symbol, adoption date, issuer, source, paragraph."""

    mandate: Mandate
    decision: Decision = attrs.field(repr=False, eq=False)
    source: str | None
    paragraph: int

    @property
    def symbol(self) -> str | None:
        """The decision's first symbol (``WT/MIN(13)/32``), if it prints one."""
        return self.decision.symbols[0] if self.decision.symbols else None

    @property
    def date(self) -> str | None:
        return self.decision.date

    @property
    def body(self) -> Actor:
        return self.mandate.body

    def row(self) -> dict[str, Any]:
        """One flat row (see :data:`COLUMNS`)."""
        m = self.mandate
        return {
            "source": self.source,
            "symbol": self.symbol,
            "date": self.date,
            "issuer": self.decision.issuer,
            "kind": self.decision.kind,
            "paragraph": self.paragraph,
            "body": m.body.name,
            "surface": m.body.surface,
            "known": m.body.known,
            "verb": m.verb,
            "modality": m.modality.value,
            "action": m.action,
            "via": m.via.name if m.via else None,
            "deadlines": ";".join(m.deadlines),
            "first_deadline": m.deadlines[0] if m.deadlines else None,
            "last_deadline": m.deadlines[-1] if m.deadlines else None,
        }


@attrs.frozen
class Corpus:
    """Parsed decisions (and the inputs that failed), queried together."""

    decisions: tuple[Decision, ...]
    failures: tuple[dict[str, Any], ...] = ()

    # ------------------------------------------------------------------ building
    @classmethod
    def from_paths(cls, paths: Iterable[str | os.PathLike[str]], *, jobs: int | None = None) -> Corpus:
        """Parse files, folders, globs and archives through :func:`wtotext.parse_many`."""
        decisions: list[Decision] = []
        failures: list[dict[str, Any]] = []
        for result in parse_many(paths, jobs=jobs):
            if result.decision is not None:
                decisions.append(attrs.evolve(result.decision, source=result.source))
            else:
                failures.append(result.record())
        return cls(tuple(decisions), tuple(failures))

    @classmethod
    def from_jsonl(cls, path: str | os.PathLike[str]) -> Corpus:
        """Load a ``wtotext batch`` output without parsing anything again."""
        decisions: list[Decision] = []
        failures: list[dict[str, Any]] = []
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                rec = json.loads(line)
                if rec.get("ok"):
                    decision = Decision.from_dict(rec["decision"])
                    decisions.append(attrs.evolve(decision, source=rec.get("source", decision.source)))
                else:
                    failures.append(rec)
        return cls(tuple(decisions), tuple(failures))

    @classmethod
    def from_decisions(cls, decisions: Iterable[Decision]) -> Corpus:
        return cls(tuple(decisions))

    def __iter__(self) -> Iterator[Decision]:
        return iter(self.decisions)

    def __len__(self) -> int:
        return len(self.decisions)

    # ------------------------------------------------------------------ queries
    def mandates(
        self,
        *,
        body: str | Actor | None = None,
        modality: Modality | str | None = None,
        issuer: str | None = None,
        adopted: DateRange | None = None,
        due: DateRange | None = None,
        verb: str | None = None,
        text: str | None = None,
    ) -> list[CorpusMandate]:
        """Mandates across the corpus, in decision order then text order.

        ``body`` and ``issuer`` take names or aliases in any case; ``modality`` the enum
        or its value; ``adopted`` filters on the decision's date, ``due`` keeps mandates
        with at least one deadline in the range; ``verb`` is a lemma; ``text`` a
        case-insensitive substring of the action.
        """
        key = body_key(body) if body is not None else None
        wanted = modality_of(modality) if modality is not None else None
        issuer_key = body_key(issuer) if issuer is not None else None
        out: list[CorpusMandate] = []
        for decision in self.decisions:
            if issuer_key is not None and (decision.issuer or "").casefold() != issuer_key:
                continue
            if adopted is not None and not in_range(decision.date, adopted):
                continue
            for number, paragraph in enumerate(decision.operative, start=1):
                for m in paragraph.all_mandates():
                    if key is not None and m.body.name.casefold() != key:
                        continue
                    if wanted is not None and m.modality is not wanted:
                        continue
                    if verb is not None and m.verb != verb.casefold():
                        continue
                    if text is not None and text.casefold() not in m.action.casefold():
                        continue
                    if due is not None and not any(in_range(d, due) for d in m.deadlines):
                        continue
                    out.append(CorpusMandate(m, decision, decision.source, number))
        return out

    # ------------------------------------------------------------------ views
    def by_body(self, **filters: Any) -> dict[str, list[CorpusMandate]]:
        """Mandates grouped by canonical body name (bodies sorted by name)."""
        groups: dict[str, list[CorpusMandate]] = defaultdict(list)
        for item in self.mandates(**filters):
            groups[item.body.name].append(item)
        return dict(sorted(groups.items()))

    def timeline(self, body: str | Actor | None = None, **filters: Any) -> list[tuple[str, list[CorpusMandate]]]:
        """What falls due when: ``(date, mandates due then)``, earliest first."""
        due: dict[str, list[CorpusMandate]] = defaultdict(list)
        for item in self.mandates(body=body, **filters):
            for date in item.mandate.deadlines:
                due[date].append(item)
        return sorted(due.items())

    def series(self, body: str | Actor, *, verb: str | None = None, text: str | None = None) -> list[SeriesStep]:
        """How one body's mandates change from one decision to the next, by adoption date.

        Each step is a decision with the matching mandates and their deadlines, e.g.
        every e-commerce decision's moratorium (``series("Members", verb="maintain")``).
        """
        steps: dict[int, SeriesStep] = {}
        for item in self.mandates(body=body, verb=verb, text=text):
            step = steps.setdefault(id(item.decision), SeriesStep(item.date, item.symbol, item.source, []))
            step.mandates.append(item)
        return sorted(steps.values(), key=lambda s: (s.date or "", s.symbol or ""))

    # ------------------------------------------------------------------ tables
    def to_rows(self, **filters: Any) -> list[dict[str, Any]]:
        """One flat row per mandate, for pandas, polars or DuckDB."""
        return [item.row() for item in self.mandates(**filters)]

    def to_csv(self, path: str | os.PathLike[str], **filters: Any) -> int:
        """Write :meth:`to_rows` as CSV; returns the number of rows."""
        rows = self.to_rows(**filters)
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
        return len(rows)

    def to_parquet(self, path: str | os.PathLike[str], **filters: Any) -> int:
        """Write :meth:`to_rows` as Parquet (needs the ``parquet`` extra: pyarrow)."""
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise RuntimeError("Parquet export needs the 'parquet' extra: pip install 'wtotext[parquet]'") from None
        rows = self.to_rows(**filters)
        table = pa.Table.from_pylist(rows, schema=_arrow_schema(pa))
        pq.write_table(table, Path(path))
        return len(rows)


@attrs.define
class SeriesStep:
    """One decision in a series: its date, symbol, source and matching mandates."""

    date: str | None
    symbol: str | None
    source: str | None
    mandates: list[CorpusMandate]

    @property
    def deadlines(self) -> tuple[str, ...]:
        return tuple(d for item in self.mandates for d in item.mandate.deadlines)


def _arrow_schema(pa: Any) -> Any:
    text = pa.string()
    types = {"paragraph": pa.int32(), "known": pa.bool_()}
    return pa.schema([(name, types.get(name, text)) for name in COLUMNS])


def in_range(date: str | None, bounds: DateRange) -> bool:
    """Does the partial ISO date overlap ``[from, to]``, each compared at its own precision?

    >>> in_range("2013", ("2012", "2014")), in_range("2012-07", ("2012-01-01", "2012-12-31"))
    (True, True)
    >>> in_range("2015-12-19", (None, "2015-06")), in_range(None, ("2012", None))
    (False, False)
    """
    if date is None:
        return False
    low, high = bounds
    if low is not None and _end_of(date) < _start_of(low):
        return False
    return not (high is not None and _start_of(date) > _end_of(high))


def _start_of(date: str) -> str:
    return (date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10]


def _end_of(date: str) -> str:
    return (date + "-12-31")[:10] if len(date) == 4 else (date + "-31")[:10]


def parse_range(value: str | None) -> DateRange | None:
    """``"2012..2014"`` -> ``("2012", "2014")``; ``"2026"`` -> ``("2026", "2026")``; ends may be empty."""
    if value is None:
        return None
    low, sep, high = value.partition("..")
    if not sep:
        return (value, value)
    return (low or None, high or None)
