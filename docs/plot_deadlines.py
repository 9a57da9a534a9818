"""Draw docs/img/deadlines.png: deadlines per body over time, from the bundled corpus.

Run: ``.venv/bin/python docs/plot_deadlines.py`` (needs the ``plot`` extra: matplotlib).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from wtotext import Corpus

HERE = Path(__file__).resolve().parent


def main() -> None:
    corpus = Corpus.from_paths([HERE.parent / "corpus"], jobs=1)
    timeline = corpus.timeline()
    bodies = sorted({item.body.name for _, items in timeline for item in items})
    fig, ax = plt.subplots(figsize=(9, 4.5))
    for row, body in enumerate(bodies):
        years = [
            int(date[:4]) + (int(date[5:7]) - 1) / 12 if len(date) > 4 else int(date)
            for date, items in timeline
            for item in items
            if item.body.name == body
        ]
        ax.scatter(years, [row] * len(years), s=30)
    ax.set_yticks(range(len(bodies)), bodies, fontsize=8)
    ax.set_xlabel("deadline")
    ax.set_title("Deadlines per body in the reference corpus (wtotext timeline)")
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    fig.savefig(HERE / "img" / "deadlines.png", dpi=110)


if __name__ == "__main__":
    main()
