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
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from wtotext.batch import parse_many
from wtotext.nodes import Actor, Decision, Mandate, Modality
from wtotext.query import body_key, modality_of

DateRange = tuple[str | None, str | None]
#: One body (name, alias or :class:`Actor`) or several, for ``body=`` and ``series``.
Bodies = str | Actor | Iterable[str | Actor]
#: One verb lemma or several.
Verbs = str | Iterable[str]

#: The columns of :meth:`Corpus.to_rows`, in order.
COLUMNS = (
    "source", "symbol", "symbols", "date", "issuer", "kind", "paragraph", "body", "surface", "known",
    "verb", "modality", "action", "via", "deadlines", "first_deadline", "last_deadline",
)  # fmt: skip

_ISO_PARTIAL = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@attrs.frozen
class CorpusMandate:
    """A mandate that knows its decision: symbols, adoption date, issuer, source, paragraph.

    ``paragraph`` is the 1-based index of the operative paragraph (sub-items count for
    their top-level paragraph, as in the gold).

    Examples:
        >>> from wtotext import Corpus
        >>> m = Corpus.from_paths(["corpus/ecom-2015-nairobi.txt"], jobs=1).mandates(verb="maintain")[0]
        >>> m.symbols, m.date, m.issuer, m.paragraph, m.body.name, m.mandate.deadlines
        (('WT/MIN(15)/42', 'WT/L/977'), '2015-12-19', 'Ministerial Conference', 3, 'Members', ('2017',))
    """

    mandate: Mandate
    decision: Decision = attrs.field(repr=False, eq=False)
    source: str | None
    paragraph: int

    @property
    def symbol(self) -> str | None:
        """The decision's first symbol (``WT/MIN(13)/32``), if it prints one."""
        return self.decision.symbols[0] if self.decision.symbols else None

    @property
    def symbols(self) -> tuple[str, ...]:
        """All the decision's own symbols (``WT/MIN(13)/32``, ``WT/L/907``)."""
        return self.decision.symbols

    @property
    def date(self) -> str | None:
        """The decision's adoption date (ISO partial date)."""
        return self.decision.date

    @property
    def issuer(self) -> str | None:
        """The canonical name of the body that adopted the decision."""
        return self.decision.issuer

    @property
    def body(self) -> Actor:
        return self.mandate.body

    def row(self) -> dict[str, Any]:
        """One flat row (see :data:`COLUMNS`); lists are joined with ``;``."""
        m = self.mandate
        return {
            "source": self.source,
            "symbol": self.symbol,
            "symbols": ";".join(self.symbols),
            "date": self.date,
            "issuer": self.issuer,
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
class SeriesStep:
    """One decision of a :meth:`Corpus.series`: the decision and its matching mandates."""

    decision: Decision = attrs.field(eq=False)
    mandates: tuple[CorpusMandate, ...]

    @property
    def date(self) -> str | None:
        return self.decision.date

    @property
    def symbol(self) -> str | None:
        return self.mandates[0].symbol

    @property
    def source(self) -> str | None:
        return self.mandates[0].source

    @property
    def deadlines(self) -> tuple[str, ...]:
        """The deadlines of the matching mandates, in text order."""
        return tuple(d for item in self.mandates for d in item.mandate.deadlines)

    @property
    def bodies(self) -> tuple[str, ...]:
        """The canonical names of the bodies the matching mandates address, without repeats."""
        return tuple(dict.fromkeys(item.body.name for item in self.mandates))


@attrs.frozen
class Corpus:
    """Parsed decisions (and the inputs that failed, as JSON error records), queried together.

    Build one with :meth:`from_paths` (parses through :func:`wtotext.parse_many`),
    :meth:`from_jsonl` (reads a ``wtotext batch`` output, parsing nothing again) or
    :meth:`from_decisions`. Decisions keep their input order.

    Examples:
        >>> from wtotext import Corpus
        >>> corpus = Corpus.from_paths(["corpus/ecom-2009.txt", "corpus/ecom-2013-bali.txt"], jobs=1)
        >>> len(corpus), [d.date for d in corpus]
        (2, ['2009-12-02', '2013-12-07'])
        >>> [(s.date, s.deadlines) for s in corpus.series("Members", verb="maintain")]
        [('2009-12-02', ('2011',)), ('2013-12-07', ('2015',))]
    """

    decisions: tuple[Decision, ...]
    failures: tuple[dict[str, Any], ...] = ()

    # ------------------------------------------------------------------ building
    @classmethod
    def from_paths(cls, paths: Iterable[str | os.PathLike[str]], *, jobs: int | None = None) -> Corpus:
        """Parse files, folders, globs and archives through :func:`wtotext.parse_many`.

        An input that fails is kept in :attr:`failures` as its JSON error record.
        """
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
        """Load a ``wtotext batch`` output (JSON Lines records) without parsing anything again.

        Failure records stay failures; a line that is not a record (say the last line of
        an interrupted run) becomes a failure naming the file and line.
        """
        decisions: list[Decision] = []
        failures: list[dict[str, Any]] = []
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                    decision = Decision.from_dict(rec["decision"]) if rec.get("ok") else None
                except (ValueError, KeyError, TypeError, AttributeError) as err:
                    error = {"type": type(err).__name__, "message": f"not a wtotext record: {err}"}
                    failures.append({"source": f"{os.fspath(path)}:{number}", "ok": False, "error": error})
                    continue
                if decision is None:
                    failures.append(rec)
                else:
                    decisions.append(attrs.evolve(decision, source=rec.get("source", decision.source)))
        return cls(tuple(decisions), tuple(failures))

    @classmethod
    def from_decisions(cls, decisions: Iterable[Decision]) -> Corpus:
        """A corpus of decisions already parsed (each ``Decision.source`` names it)."""
        return cls(tuple(decisions))

    def __iter__(self) -> Iterator[Decision]:
        return iter(self.decisions)

    def __len__(self) -> int:
        return len(self.decisions)

    def __add__(self, other: Corpus) -> Corpus:
        """Both corpora's decisions and failures, this one's first."""
        return Corpus(self.decisions + other.decisions, self.failures + other.failures)

    # ------------------------------------------------------------------ queries
    def mandates(
        self,
        *,
        body: Bodies | None = None,
        modality: Modality | str | None = None,
        issuer: str | None = None,
        adopted: DateRange | None = None,
        due: DateRange | None = None,
        verb: Verbs | None = None,
        text: str | None = None,
    ) -> list[CorpusMandate]:
        """Mandates across the corpus, in decision order then text order.

        ``body`` takes a canonical name, an alias or an :class:`Actor` in any case (as
        :meth:`Decision.mandates` does), or several of them; ``issuer`` a body name or
        alias; ``modality`` the enum or its value; ``adopted`` filters on the decision's
        date; ``due`` keeps mandates with at least one deadline in the range; ``verb``
        is a lemma (or several); ``text`` a case-insensitive substring of the action.
        """
        keys = _body_keys(body)
        wanted = modality_of(modality) if modality is not None else None
        issuer_key = body_key(issuer) if issuer is not None else None
        verbs = _verbs(verb)
        needle = text.casefold() if text is not None else None
        adopted = _checked(adopted)
        due = _checked(due)
        out: list[CorpusMandate] = []
        for decision in self.decisions:
            if issuer_key is not None and (decision.issuer or "").casefold() != issuer_key:
                continue
            if adopted is not None and not in_range(decision.date, adopted):
                continue
            for number, paragraph in enumerate(decision.operative, start=1):
                for m in paragraph.all_mandates():
                    if keys is not None and m.body.name.casefold() not in keys:
                        continue
                    if wanted is not None and m.modality is not wanted:
                        continue
                    if verbs is not None and m.verb not in verbs:
                        continue
                    if needle is not None and needle not in m.action.casefold():
                        continue
                    if due is not None and not any(in_range(d, due) for d in m.deadlines):
                        continue
                    out.append(CorpusMandate(m, decision, decision.source, number))
        return out

    # ------------------------------------------------------------------ views
    def by_body(self, **filters: Any) -> dict[str, list[CorpusMandate]]:
        """Mandates grouped by canonical body name, bodies sorted by name.

        ``filters`` are those of :meth:`mandates`.

        Examples:
            >>> from wtotext import Corpus
            >>> groups = Corpus.from_paths(["corpus/ecom-2009.txt"], jobs=1).by_body()
            >>> {body: [m.mandate.verb for m in items] for body, items in groups.items()}
            {'General Council': ['hold'], 'Members': ['maintain'], 'Ministerial Conference': ['reinvigorate']}
        """
        groups: dict[str, list[CorpusMandate]] = defaultdict(list)
        for item in self.mandates(**filters):
            groups[item.body.name].append(item)
        return dict(sorted(groups.items()))

    def timeline(self, body: Bodies | None = None, **filters: Any) -> list[tuple[str, list[CorpusMandate]]]:
        """What falls due when: ``(deadline, mandates due then)`` pairs, earliest first.

        A mandate with three deadlines appears under each. ``filters`` are those of
        :meth:`mandates`; with ``due=(from, to)`` only the deadlines in that range are listed.

        Examples:
            >>> from wtotext import Corpus
            >>> corpus = Corpus.from_paths(["corpus/ecom-2009.txt"], jobs=1)
            >>> [(date, [m.body.name for m in items]) for date, items in corpus.timeline(due=("2010-12", None))]
            [('2010-12', ['General Council']), ('2011', ['Members']), ('2011-07', ['General Council'])]
        """
        due_range = _checked(filters.get("due"))
        by_date: dict[str, list[CorpusMandate]] = defaultdict(list)
        for item in self.mandates(body=body, **filters):
            for date in item.mandate.deadlines:
                if due_range is None or in_range(date, due_range):
                    by_date[date].append(item)
        return sorted(by_date.items())

    def series(self, body: Bodies, *, verb: Verbs | None = None, text: str | None = None) -> list[SeriesStep]:
        """How one body's mandates change from one decision to the next.

        One :class:`SeriesStep` per decision with a matching mandate, in adoption order:
        the decision, its matching mandates, their deadlines. ``body`` may name several
        bodies when the addressee changes along the series (the moratorium passed from
        ``Members`` to the ``Ministerial Conference`` in 2017); ``verb`` and ``text`` narrow
        the mandates as in :meth:`mandates`.

        Examples:
            >>> from wtotext import Corpus
            >>> corpus = Corpus.from_paths(["corpus/ecom-2015-nairobi.txt", "corpus/ecom-2017-*.txt"], jobs=1)
            >>> steps = corpus.series(["Members", "Ministers"], text="customs duties on electronic transmissions")
            >>> [(s.symbol, s.bodies, s.deadlines) for s in steps]
            [('WT/MIN(15)/42', ('Members',), ('2017',)), ('WT/MIN(17)/65', ('Ministerial Conference',), ('2019',))]
        """
        steps: dict[int, list[CorpusMandate]] = {}
        for item in self.mandates(body=body, verb=verb, text=text):
            steps.setdefault(id(item.decision), []).append(item)
        out = [SeriesStep(items[0].decision, tuple(items)) for items in steps.values()]
        return sorted(out, key=lambda s: (s.date or "", s.symbol or "", s.source or ""))

    # ------------------------------------------------------------------ tables
    def to_rows(self, **filters: Any) -> list[dict[str, Any]]:
        """One flat row per mandate (columns: :data:`COLUMNS`), for pandas, polars or DuckDB.

        ``filters`` are those of :meth:`mandates`.
        """
        return [item.row() for item in self.mandates(**filters)]

    def to_csv(self, path: str | os.PathLike[str], **filters: Any) -> int:
        """Write :meth:`to_rows` as CSV (UTF-8, a header line); returns the number of rows."""
        rows = self.to_rows(**filters)
        with open(path, "w", encoding="utf-8", newline="") as handle:
            write_csv(rows, handle)
        return len(rows)

    def to_parquet(self, path: str | os.PathLike[str], **filters: Any) -> int:
        """Write :meth:`to_rows` as Parquet; returns the number of rows.

        Needs the ``parquet`` extra (pyarrow): ``pip install 'wtotext[parquet]'``.
        """
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise ImportError(
                "Corpus.to_parquet needs pyarrow, from the 'parquet' extra: pip install 'wtotext[parquet]'"
            ) from None
        rows = self.to_rows(**filters)
        table = pa.Table.from_pylist(rows, schema=_arrow_schema(pa))
        pq.write_table(table, Path(path))
        return len(rows)


def write_csv(rows: Iterable[dict[str, Any]], handle: Any) -> None:
    """Write rows of :meth:`Corpus.to_rows` as CSV, with the header, to an open text file."""
    writer = csv.DictWriter(handle, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)


def _arrow_schema(pa: Any) -> Any:
    text = pa.string()
    types = {"paragraph": pa.int32(), "known": pa.bool_()}
    return pa.schema([(name, types.get(name, text)) for name in COLUMNS])


def _body_keys(body: Bodies | None) -> set[str] | None:
    if body is None:
        return None
    if isinstance(body, str | Actor):
        return {body_key(body)}
    return {body_key(b) for b in body}


def _verbs(verb: Verbs | None) -> set[str] | None:
    if verb is None:
        return None
    if isinstance(verb, str):
        return {verb.strip().casefold()}
    return {v.strip().casefold() for v in verb}


def _checked(bounds: DateRange | None) -> DateRange | None:
    if bounds is None:
        return None
    low, high = bounds
    for end in (low, high):
        if end is not None and not _ISO_PARTIAL.fullmatch(end):
            raise ValueError(f"a date must be YYYY, YYYY-MM or YYYY-MM-DD; got {end!r}")
    return (low, high)


def in_range(date: str | None, bounds: DateRange) -> bool:
    """Does the partial ISO date overlap ``[from, to]``, each compared at its own precision?

    Examples:
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
    """A command-line range: ``FROM..TO``, either end may be empty; one date is that date.

    Examples:
        >>> parse_range("2012..2014"), parse_range("..2014-06"), parse_range("2026")
        (('2012', '2014'), (None, '2014-06'), ('2026', '2026'))
    """
    if value is None:
        return None
    low, sep, high = value.strip().partition("..")
    bounds = (low or None, high or None) if sep else (low, low)
    return _checked(bounds)
