"""wtotext: WTO decisions as a typed tree of mandates.

>>> import wtotext
>>> d = wtotext.parse("The General Council,\\n\\nDecides:\\n\\n1. The CTD shall report by 31 July 2026.\\n")
>>> [(m.body.name, m.verb, m.deadlines) for m in d.obligations(body="CTD")]
[('Committee on Trade and Development', 'report', ('2026-07-31',))]

``wtotext.render`` writes a tree back as text; ``wtotext.strategies`` (with the
``strategies`` extra) generates decisions for property tests.
"""

from wtotext.batch import Result, parse_many
from wtotext.bodies import Registry, registry
from wtotext.corpus import Corpus
from wtotext.errors import ParseError, WtotextError
from wtotext.export.akn import from_akn, to_akn
from wtotext.export.schema import schema
from wtotext.nodes import (
    Actor,
    Deadline,
    Decision,
    Diagnostic,
    Footnote,
    Mandate,
    Modality,
    Noise,
    OperativeParagraph,
    Recital,
    Reference,
    Span,
)
from wtotext.pipeline import parse, parse_file
from wtotext.render import render

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Corpus",
    "Deadline",
    "Decision",
    "Diagnostic",
    "Footnote",
    "Mandate",
    "Modality",
    "Noise",
    "OperativeParagraph",
    "ParseError",
    "Recital",
    "Reference",
    "Registry",
    "Result",
    "Span",
    "WtotextError",
    "__version__",
    "from_akn",
    "parse",
    "parse_file",
    "parse_many",
    "registry",
    "render",
    "schema",
    "to_akn",
]
