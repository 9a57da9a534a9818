"""Coverage-guided fuzzing of the readers and the parser (atheris, libFuzzer).

Any bytes must be readable (``read_bytes`` returns), and their text must parse or
raise :class:`wtotext.ParseError`; anything else is a crash libFuzzer keeps.

    pip install -e '.[fuzz]'
    mkdir -p fuzz/work
    python fuzz/fuzz_parse.py fuzz/work corpus -max_total_time=300

New inputs go to the first folder (``fuzz/work``); ``corpus`` only seeds the run.  A
crash is written as ``crash-<hash>`` in the current folder: turn it into an
``@example`` of the matching property in tests/test_properties.py.  Without atheris,
the same check runs under Hypothesis: ``python fuzz/fuzz_parse.py --hypothesis``.
"""

from __future__ import annotations

import contextlib
import sys

try:
    import atheris
except ImportError:  # the Hypothesis fallback needs no atheris
    atheris = None

with atheris.instrument_imports() if atheris is not None else contextlib.nullcontext():
    import wtotext
    from wtotext.read import read_bytes


def check(data: bytes) -> None:
    """One input: read the bytes, parse the text; only ParseError may escape ``parse``."""
    text = read_bytes(data).text
    with contextlib.suppress(wtotext.ParseError):
        wtotext.parse(text)


def _hypothesis() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=100_000, deadline=None)
    @given(st.binary())
    def fuzz(data: bytes) -> None:
        check(data)

    fuzz()


def main() -> None:
    if "--hypothesis" in sys.argv or atheris is None:
        _hypothesis()
        return
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
