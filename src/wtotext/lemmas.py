"""Verb lemmas from the shipped verb lexicon (interim version; see tests/test_lemmas.py)."""

from __future__ import annotations

from functools import cache
from importlib import resources

_IRREGULAR = {
    "made": "make", "held": "hold", "taken": "take", "took": "take", "drawn": "draw", "drew": "draw",
    "done": "do", "did": "do", "given": "give", "gave": "give", "met": "meet", "kept": "keep",
    "brought": "bring", "been": "be", "is": "be", "are": "be", "was": "be", "were": "be",
    "has": "have", "had": "have", "put": "put", "set": "set", "sought": "seek", "undertaken": "undertake",
    "undertook": "undertake", "begun": "begin", "began": "begin", "written": "write", "laid": "lay",
    "paid": "pay", "said": "say", "found": "find", "told": "tell", "led": "lead", "sent": "send",
    "spent": "spend", "built": "build", "chosen": "choose", "shown": "show", "known": "know",
}


def load_verbs(path: str | None = None) -> frozenset[str]:
    """The verb lexicon: base forms, one per line (``#`` comments allowed)."""
    if path is None:
        return _shipped()
    with open(path, encoding="utf-8") as handle:
        return _lines(handle.read())


@cache
def _shipped() -> frozenset[str]:
    return _lines(resources.files("wtotext").joinpath("data/verbs.txt").read_text(encoding="utf-8"))


def _lines(text: str) -> frozenset[str]:
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def is_verb(word: str) -> bool:
    """Is ``word`` a base-form verb of the lexicon?  ``is_verb("make")`` is True."""
    return word.lower() in _shipped()


def lemma(word: str) -> str:
    """The lemma of a verb form: ``lemma("notified") == "notify"``."""
    w = word.lower()
    verbs = _shipped()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w in verbs:
        return w
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
                         ("es", ""), ("s", "")):
        if w.endswith(suffix):
            stem = w[: -len(suffix)] + repl
            # a doubled consonant first: submitted -> submit, fulfilled -> fulfil (British)
            if suffix in ("ed", "ing") and len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in verbs:
                return stem[:-1]
            if stem in verbs:
                return stem
    return w
