"""English verb lexicon and lemmatiser for the mandates of WTO decisions.

The parser asks two questions of a word: is it a verb (``is_verb``), and what verb is this
form of (``lemma``).  Both rest on a plain-text verb list shipped in ``data/verbs.txt`` and a
table of irregular forms in ``data/irregular_verbs.txt``; a user may pass their own list.

>>> is_verb("make"), is_verb("capacity")
(True, False)
>>> [lemma(w) for w in ("notified", "fulfilled", "examining", "held", "were")]
['notify', 'fulfil', 'examine', 'hold', 'be']

The suffix rules offer candidates ("examining": *examine* or *examin*?) and the verb list
picks among them; where the list knows none, a rule-based guess is returned.  Data files are
read on first use and cached; importing this module does no work.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator
from functools import cache, lru_cache
from importlib import resources

from wtotext.errors import WtotextError

__all__ = ["VerbListError", "is_verb", "lemma", "load_verbs"]

_VOWELS = frozenset("aeiou")
# Prefixes under which an irregular form keeps its irregularity: "withheld" -> "withhold".
_PREFIXES = ("under", "over", "with", "fore", "out", "mis", "up", "re", "un")
# Consonants whose doubling the fallback keeps ("passed" -> "pass", "buzzed" -> "buzz").
_KEEP_DOUBLE = frozenset("lsfz")
# Whether a stem left by "-ed"/"-ing" had a final "e" dropped, by its ending, when the verb
# list has no say: True restores it ("creat-ed" -> "create"), False keeps the stem ("repeat-ed").
# The longest matching ending decides.  Drawn from the endings of the shipped verb list.
_E_ENDINGS: dict[str, bool] = {
    **dict.fromkeys(
        ("at", "is", "iz", "yz", "ys", "ez", "os", "us", "as", "ur", "ir", "ar", "ut", "ud", "id", "ot", "ak", "ok",
         "um", "om", "ib", "ag", "eg", "ig", "ug", "am", "ap", "dg", "rg", "lg", "ang", "eng", "ung", "ad", "od", "in",
         "ced", "ped", "sed", "ven", "plor", "stor", "gnor", "scor", "vit", "nit", "writ", "let", "pet", "rul", "dul",
         "pil", "reat", "neat"),
        True,
    ),
    **dict.fromkeys(
        ("ear", "oar", "air", "our", "oid", "eak", "oak", "ook", "oom", "eap", "eam", "aud", "oud", "eat", "oat",
         "ead", "oad", "ood", "ain", "oin", "ein", "uin", "treat"),
        False,
    ),
}  # fmt: skip
_LONGEST_ENDING = max(map(len, _E_ENDINGS))


class VerbListError(WtotextError, ValueError):
    """A verb list or irregular-form file is malformed; says which file and line.

    >>> raise VerbListError("verbs.txt", 3, "one verb per line, got 'shall make'")
    Traceback (most recent call last):
    ...
    wtotext.lemmas.VerbListError: verbs.txt, line 3: one verb per line, got 'shall make'
    """

    def __init__(self, source: str, line: int, message: str) -> None:
        self.source = source
        self.line = line
        super().__init__(f"{source}, line {line}: {message}")


def _data_lines(text: str) -> Iterator[tuple[int, list[str]]]:
    """The (1-based line number, lowercased fields) of each non-blank line, comments dropped."""
    for number, raw in enumerate(text.splitlines(), start=1):
        fields = raw.split("#", 1)[0].lower().split()
        if fields:
            yield number, fields


def _parse_verbs(text: str, source: str) -> frozenset[str]:
    verbs: set[str] = set()
    for number, fields in _data_lines(text):
        if len(fields) != 1:
            raise VerbListError(source, number, f"one verb per line, got {' '.join(fields)!r}")
        verbs.add(fields[0])
    return frozenset(verbs)


@cache
def _default_verbs() -> frozenset[str]:
    text = resources.files("wtotext").joinpath("data/verbs.txt").read_text(encoding="utf-8")
    return _parse_verbs(text, "verbs.txt")


@cache
def _irregular() -> dict[str, str]:
    """Irregular form -> lemma, from ``data/irregular_verbs.txt``."""
    text = resources.files("wtotext").joinpath("data/irregular_verbs.txt").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for number, fields in _data_lines(text):
        if len(fields) != 2:
            raise VerbListError("irregular_verbs.txt", number, f"expected 'form lemma', got {' '.join(fields)!r}")
        table[fields[0]] = fields[1]
    return table


def load_verbs(path: str | os.PathLike[str] | None = None) -> frozenset[str]:
    """The verb lexicon: base forms, lowercased.

    With no ``path``, the list shipped in ``wtotext/data/verbs.txt`` (read once, then cached).
    With a ``path``, that file is read afresh on each call: one verb a line, ``#`` starts a
    comment, blank lines are skipped, case is folded.  Pass the result as ``verbs=`` to
    :func:`is_verb` and :func:`lemma` to use it.  Raises :class:`VerbListError` on a line
    holding more than one word.

    >>> verbs = load_verbs()
    >>> "examine" in verbs, "council" in verbs
    (True, False)
    >>> 600 <= len(verbs) <= 1200
    True
    """
    if path is None:
        return _default_verbs()
    with open(path, encoding="utf-8") as handle:
        return _parse_verbs(handle.read(), os.fspath(path))


def is_verb(word: str, *, verbs: Collection[str] | None = None) -> bool:
    """Whether ``word`` is a verb in its base form, i.e. in the lexicon (case-insensitive).

    Inflected forms are not base forms: ask ``is_verb(lemma(word))`` for those.  ``verbs``
    replaces the shipped lexicon (see :func:`load_verbs`); its entries must be lowercase.

    >>> is_verb("Make"), is_verb("report"), is_verb("session"), is_verb("made")
    (True, True, False, False)
    >>> is_verb("tabled", verbs={"table"}), is_verb("table", verbs={"table"})
    (False, True)
    """
    lexicon = _default_verbs() if verbs is None else verbs
    return word.strip().lower() in lexicon


def lemma(word: str, *, verbs: Collection[str] | None = None) -> str:
    """The base form of a verb form, lowercased.

    A base form in the lexicon returns itself; an irregular form is looked up ("held" ->
    "hold", "were" -> "be"); a regular form has its suffix undone, the lexicon choosing among
    the candidates ("examining" -> "examine", "submitted" -> "submit").  Where both British
    and American spellings are listed the British one wins ("fulfilled" -> "fulfil").  A word
    the lexicon cannot place gets a rule-based guess.  Never raises.

    >>> [lemma(w) for w in ("Notified", "provided", "applies", "referred", "taken", "put")]
    ['notify', 'provide', 'apply', 'refer', 'take', 'put']
    >>> lemma("fulfilled"), lemma("fulfilled", verbs={"fulfill"}), lemma("blorbed")
    ('fulfil', 'fulfill', 'blorb')
    """
    if verbs is None:
        return _shipped_lemma(word)
    return _lemma(word, verbs)


@lru_cache(maxsize=8192)
def _shipped_lemma(word: str) -> str:
    """:func:`lemma` with the shipped lexicon, remembered: parsers ask about the same words often."""
    return _lemma(word, _default_verbs())


def _lemma(word: str, lexicon: Collection[str]) -> str:
    w = word.strip().lower()
    if w in lexicon:
        return w
    irregular = _irregular()
    if w in irregular:
        return irregular[w]
    prefixed = _prefixed_irregular(w, irregular, lexicon)
    if prefixed is not None:
        return prefixed
    for candidate in _candidates(w):
        if candidate in lexicon:
            return candidate
    return _guess(w)


def _prefixed_irregular(w: str, irregular: dict[str, str], lexicon: Collection[str]) -> str | None:
    """``withheld`` -> ``withhold``: a known prefix on an irregular form, if the result is a verb."""
    for prefix in _PREFIXES:
        rest = w[len(prefix) :]
        if w.startswith(prefix) and len(rest) >= 3 and rest in irregular:
            whole = prefix + irregular[rest]
            if whole in lexicon:
                return whole
    return None


def _is_doubled(stem: str) -> bool:
    return len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1].isalpha() and stem[-1] not in _VOWELS


def _vowel_groups(s: str) -> int:
    groups, previous = 0, False
    for i, ch in enumerate(s):
        vowel = ch in _VOWELS or (ch == "y" and i > 0)
        groups += vowel and not previous
        previous = vowel
    return groups


def _stem_candidates(stem: str) -> list[str]:
    """What a stem left by stripping "-ed" or "-ing" may come from, most likely first.

    The restored "e" comes first ("examin" -> "examine"), then the undoubled consonant, so
    that "fulfill" gives "fulfil" where both spellings are listed, then the bare stem; last
    "panick" -> "panic".
    """
    out = [stem + "e"]
    if _is_doubled(stem):
        out.append(stem[:-1])
    out.append(stem)
    if stem.endswith("ck"):
        out.append(stem[:-1])
    return out


def _candidates(w: str) -> list[str]:
    """The base forms that the regular suffix rules allow for ``w``, most likely first."""
    if len(w) >= 4 and w.endswith("ied"):
        return [w[:-3] + "y", w[:-1]]
    if len(w) >= 4 and w.endswith("ies"):
        return [w[:-3] + "y", w[:-1]]
    if len(w) >= 4 and w.endswith("ed"):
        return [w[:-1], *_stem_candidates(w[:-2])[1:]]
    if len(w) >= 5 and w.endswith("ing"):
        return _stem_candidates(w[:-3])
    if len(w) >= 4 and w.endswith("es"):
        out = [w[:-1], w[:-2]]
        if _is_doubled(w[:-2]):
            out.append(w[:-3])
        return out
    if len(w) >= 3 and w.endswith("s") and not w.endswith("ss"):
        return [w[:-1]]
    return []


def _has_vowel(s: str) -> bool:
    return any(ch in _VOWELS or ch == "y" for ch in s)


def _restore(stem: str) -> str:
    """Undo what English spelling did to a stem before "-ed" or "-ing", without a lexicon."""
    last = stem[-1]
    if last in _VOWELS or last == "y":
        return stem + "e" if last == "u" else stem  # continu-ing; agree-ing, apply-ing, echo-ing
    if _is_doubled(stem):
        if last not in _KEEP_DOUBLE:
            return stem[:-1]  # planned -> plan
        if stem.endswith("ll") and _vowel_groups(stem) >= 2 and not stem.endswith(("call", "stall", "fall")):
            return stem[:-1]  # labelled -> label, controlled -> control; but recalled
        return stem
    if stem.endswith("ck") and _vowel_groups(stem) >= 2:
        return stem[:-1]  # trafficking -> traffic
    if last == "v" or (last == "c" and not stem.endswith("cc")):
        return stem + "e"  # receiv-ed, produc-ed
    if len(stem) >= 2 and last == "l" and stem[-2] not in _VOWELS and stem[-2] not in "lrw":
        return stem + "e"  # enabl-ed, handl-ing
    if len(stem) >= 2 and last == "s" and stem[-2] not in _VOWELS and stem[-2] != "s":
        return stem + "e"  # revers-ed, collaps-ed, licens-ed
    if stem.endswith("ing"):
        return stem + "e" if _vowel_groups(stem) >= 2 else stem  # infring-ed; but bring, string
    for size in range(min(_LONGEST_ENDING, len(stem)), 1, -1):
        if stem[-size:] in _E_ENDINGS:
            return stem + "e" if _E_ENDINGS[stem[-size:]] else stem
    if _is_short(stem):
        return stem + "e"  # hop-ed: a stressed short stem would have doubled ("hopped")
    return stem


def _is_short(stem: str) -> bool:
    """One vowel, single, between consonants at the end (CVC, or VC as the whole stem): "hop", "us"."""
    if _vowel_groups(stem) != 1 or stem[-1] in _VOWELS or stem[-1] in "wxy":
        return False
    if len(stem) == 2:
        return stem[0] in _VOWELS
    return len(stem) >= 3 and stem[-2] in _VOWELS and stem[-3] not in _VOWELS


def _guess(w: str) -> str:
    """A rule-based lemma for a word the lexicon cannot place; the word itself if no rule fits."""
    if w.endswith("ied") and len(w) >= 4:
        return w[:-3] + "y" if len(w) > 4 else w[:-1]
    if w.endswith("eed"):
        # agreed, guaranteed; but proceed, exceed, speed, need are base forms
        return w[:-1] if not w.endswith("ceed") and _vowel_groups(w) >= 2 else w
    if w.endswith("ed") and len(w) >= 4 and not w.endswith("ead"):
        stem = w[:-2]
        return _restore(stem) if _has_vowel(stem) else w  # but shred, bred
    if w.endswith("ing") and len(w) >= 5:
        stem = w[:-3]
        if not _has_vowel(stem) or stem.endswith("th"):
            return w  # string, nothing
        return _restore(stem)
    if w.endswith("ies") and len(w) >= 4:
        return w[:-3] + "y" if len(w) > 4 else w[:-1]
    if w.endswith("s") and len(w) >= 4 and not w.endswith(("ss", "us", "is", "'s")):
        if w.endswith(("sses", "shes", "ches", "xes", "zzes")):
            return w[:-2]
        if w.endswith("oes") and len(w) > 5:
            return w[:-2]
        return w[:-1]
    return w
