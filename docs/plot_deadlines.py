"""Draw docs/img/deadlines.png from the bundled corpus with wtotext.Corpus.

Left: each e-commerce decision's moratorium end and General Council reviews, against its
adoption date. Right: every deadline in the corpus, per body.

Run: ``.venv/bin/python docs/plot_deadlines.py`` (needs the ``plot`` extra: matplotlib).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from wtotext import Corpus

HERE = Path(__file__).resolve().parent
MORATORIUM = "customs duties on electronic transmissions"


def year(date: str) -> float:
    """An ISO partial date as a year with a fraction; a year or month is placed at its middle."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 1:
        return parts[0] + 0.5
    if len(parts) == 2:
        return parts[0] + (parts[1] - 0.5) / 12
    return parts[0] + (parts[1] - 1) / 12 + (parts[2] - 0.5) / 365


def main() -> None:
    corpus = Corpus.from_paths([HERE.parent / "corpus"], jobs=1)
    fig, (series, bodies) = plt.subplots(1, 2, figsize=(12, 5), gridspec_kw={"width_ratios": [1, 1.3]})

    moratorium = corpus.series(["Members", "Ministerial Conference"], text=MORATORIUM)
    ends = [(year(s.date or ""), year(s.deadlines[-1])) for s in moratorium if s.deadlines]
    series.plot(*zip(*ends, strict=True), "o-", color="tab:red", label="moratorium ends (Members / Ministers)")
    undated = [(year(s.date or ""), year(s.date or "")) for s in moratorium if not s.deadlines]
    series.plot(*zip(*undated, strict=True), "x", color="tab:red", ms=9, label="until the next session (no date)")
    held = corpus.series("General Council", verb="hold")
    reviews = [(year(s.date or ""), year(d)) for s in held for d in s.deadlines]
    series.plot(*zip(*reviews, strict=True), "s", color="tab:blue", alpha=0.7, label="General Council reviews")
    low, high = 1997, 2027
    series.plot([low, high], [low, high], ":", color="grey", label="due on adoption")
    series.set_xlim(low, high)
    series.set_ylim(low, high)
    series.set_xlabel("decision adopted")
    series.set_ylabel("deadline")
    series.set_title("E-commerce Work Programme decisions")
    series.legend(fontsize=8, loc="upper left")
    series.grid(alpha=0.3)

    timeline = corpus.timeline()
    names = sorted({item.body.name for _, items in timeline for item in items})
    for row, name in enumerate(names):
        dates = [year(date) for date, items in timeline for item in items if item.body.name == name]
        bodies.scatter(dates, [row] * len(dates), s=30)
    bodies.set_yticks(range(len(names)), names, fontsize=8)
    bodies.set_xlabel("deadline")
    bodies.set_title("Every deadline in the reference corpus, per body")
    bodies.grid(axis="x", alpha=0.3)

    fig.tight_layout()
    fig.savefig(HERE / "img" / "deadlines.png", dpi=100)


if __name__ == "__main__":
    main()
