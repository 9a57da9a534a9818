"""The verb lexicon and the lemmatiser: tables of forms, the data files, and properties."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wtotext.lemmas import VerbListError, is_verb, lemma, load_verbs

VERBS = load_verbs()
_IRREGULAR_TEXT = resources.files("wtotext").joinpath("data/irregular_verbs.txt").read_text(encoding="utf-8")
IRREGULAR = dict(line.split() for line in _IRREGULAR_TEXT.splitlines() if line and not line.startswith("#"))

# The verbs of the gold mandates of the corpus: each must be a base form in the lexicon.
GOLD_VERBS = (
    "accede", "adhere", "adopt", "allow", "apply", "authorize", "benefit", "challenge", "communicate", "conclude",
    "conduct", "consider", "continue", "decide", "direct", "draw", "eliminate", "emphasize", "enter", "establish",
    "examine", "exercise", "explore", "extend", "frame", "fulfil", "hold", "impose", "include", "inform",
    "initiate", "intensify", "invigorate", "involve", "keep", "limit", "maintain", "make", "meet", "monitor",
    "negotiate", "notify", "play", "produce", "provide", "put", "reaffirm", "receive", "recognize", "refrain",
    "reinvigorate", "report", "request", "require", "review", "specify", "submit", "take", "undertake", "use",
    "waive",
)  # fmt: skip

FORMS = [
    # the brief's cases
    ("notified", "notify"),
    ("fulfilled", "fulfil"),
    ("provided", "provide"),
    ("examining", "examine"),
    ("continuing", "continue"),
    ("establishes", "establish"),
    ("reviewed", "review"),
    ("referred", "refer"),
    ("submitted", "submit"),
    ("made", "make"),
    ("held", "hold"),
    ("taken", "take"),
    ("drawn", "draw"),
    ("put", "put"),
    ("agreed", "agree"),
    ("applies", "apply"),
    ("emphasizes", "emphasize"),
    ("undertaken", "undertake"),
    ("done", "do"),
    ("given", "give"),
    ("met", "meet"),
    ("kept", "keep"),
    ("brought", "bring"),
    ("been", "be"),
    ("is", "be"),
    ("are", "be"),
    ("was", "be"),
    ("were", "be"),
    ("has", "have"),
    ("had", "have"),
    # case is folded
    ("Notified", "notify"),
    ("DECIDES", "decide"),
    ("Recalling", "recall"),
    # -s / -es / -ies
    ("instructs", "instruct"),
    ("requests", "request"),
    ("notifies", "notify"),
    ("addresses", "address"),
    ("analyses", "analyse"),
    ("focuses", "focus"),
    ("goes", "go"),
    ("does", "do"),
    ("ties", "tie"),
    # -ed: e restored, consonant undoubled, y from i
    ("adopted", "adopt"),
    ("decided", "decide"),
    ("used", "use"),
    ("authorized", "authorize"),
    ("authorised", "authorise"),
    ("recognised", "recognise"),
    ("applied", "apply"),
    ("specified", "specify"),
    ("intensified", "intensify"),
    ("compelled", "compel"),
    ("controlled", "control"),
    ("enrolled", "enrol"),
    ("passed", "pass"),
    ("stressed", "stress"),
    ("played", "play"),
    ("guaranteed", "guarantee"),
    ("proceeded", "proceed"),
    ("re-examined", "re-examine"),
    # -ing
    ("making", "make"),
    ("taking", "take"),
    ("putting", "put"),
    ("submitting", "submit"),
    ("fulfilling", "fulfil"),
    ("referring", "refer"),
    ("reinvigorating", "reinvigorate"),
    ("emphasizing", "emphasize"),
    ("applying", "apply"),
    ("agreeing", "agree"),
    ("seeing", "see"),
    ("having", "have"),
    ("being", "be"),
    ("lying", "lie"),
    ("underlying", "underlie"),
    ("co-operating", "co-operate"),
    # irregular, plain and prefixed
    ("laid", "lay"),
    ("led", "lead"),
    ("sought", "seek"),
    ("found", "find"),
    ("withdrawn", "withdraw"),
    ("withheld", "withhold"),
    ("upheld", "uphold"),
    ("understood", "understand"),
    ("undertook", "undertake"),
    ("bound", "bind"),
    ("set", "set"),
    ("cut", "cut"),
    ("read", "read"),
    # base forms return themselves, even when they look inflected
    ("lay", "lay"),
    ("need", "need"),
    ("proceed", "proceed"),
    ("exceed", "exceed"),
    ("address", "address"),
    ("focus", "focus"),
    ("shed", "shed"),
    ("fulfill", "fulfill"),
]

# Words the lexicon does not know get a rule-based guess.
GUESSES = [
    ("blorbed", "blorb"),
    ("tabled", "table"),
    ("planned", "plan"),
    ("labelled", "label"),
    ("trafficking", "traffic"),
    ("licensed", "license"),
    ("members", "member"),
    ("countries", "country"),
    ("services", "service"),
    ("processes", "process"),
    ("string", "string"),
    ("during", "during"),
    ("whereas", "whereas"),
    ("thing", "thing"),
    ("", ""),
]


@pytest.mark.parametrize(("form", "expected"), FORMS)
def test_lemma_of_a_verb_form(form: str, expected: str) -> None:
    assert lemma(form) == expected


@pytest.mark.parametrize(("word", "expected"), GUESSES)
def test_lemma_of_an_unknown_word_is_a_rule_based_guess(word: str, expected: str) -> None:
    assert lemma(word) == expected


@pytest.mark.parametrize("word", ["make", "report", "draw", "provide", "examine", "Make", "REPORT", " hold "])
def test_is_verb_true(word: str) -> None:
    assert is_verb(word)


@pytest.mark.parametrize(
    "word",
    ["the", "capacity", "members", "council", "session", "decision", "agreement", "programme", "countries",
     "trade", "development", "committee", "made", "notified", "", "shall"],
)  # fmt: skip
def test_is_verb_false(word: str) -> None:
    assert not is_verb(word)


@pytest.mark.parametrize("verb", GOLD_VERBS)
def test_every_gold_verb_is_in_the_lexicon(verb: str) -> None:
    assert verb in VERBS


@pytest.mark.parametrize(
    ("british", "american"),
    [("authorise", "authorize"), ("recognise", "recognize"), ("emphasise", "emphasize"), ("endeavour", "endeavor"),
     ("fulfil", "fulfill"), ("organise", "organize"), ("analyse", "analyze"), ("enrol", "enroll")],
)  # fmt: skip
def test_both_spellings_are_listed(british: str, american: str) -> None:
    assert british in VERBS
    assert american in VERBS


def test_the_conjunction_test_of_the_parser() -> None:
    # "examine the matter and make recommendations": make opens a verb phrase;
    # "technical assistance and capacity building": capacity does not.
    assert is_verb("make")
    assert not is_verb("capacity")


def test_shipped_lexicon_is_sorted_lowercase_and_sized() -> None:
    text = resources.files("wtotext").joinpath("data/verbs.txt").read_text(encoding="utf-8")
    words = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert words == sorted(set(words))
    assert all(w == w.lower() and w.strip() == w and " " not in w for w in words)
    assert 600 <= len(words) <= 1200
    assert frozenset(words) == VERBS


def test_irregular_table_is_well_formed_and_used() -> None:
    pairs = [line.split() for line in _IRREGULAR_TEXT.splitlines() if line and not line.startswith("#")]
    assert all(len(pair) == 2 for pair in pairs)
    forms = [form for form, _ in pairs]
    assert len(forms) == len(set(forms))
    for form, base in pairs:
        assert lemma(form) == base or form in VERBS, form


def test_load_verbs_is_cached_without_a_path() -> None:
    assert load_verbs() is load_verbs()
    assert isinstance(load_verbs(), frozenset)


def test_load_verbs_from_a_user_file(tmp_path: Path) -> None:
    path = tmp_path / "verbs.txt"
    path.write_text("# my verbs\nTable  \n\nmake # inline comment\n", encoding="utf-8")
    verbs = load_verbs(str(path))
    assert verbs == frozenset({"table", "make"})
    assert load_verbs(path) == verbs
    assert is_verb("table", verbs=verbs)
    assert not is_verb("provide", verbs=verbs)
    assert lemma("tabled", verbs=verbs) == "table"
    assert lemma("fulfilled", verbs={"fulfill"}) == "fulfill"


def test_load_verbs_rejects_two_words_on_a_line(tmp_path: Path) -> None:
    path = tmp_path / "verbs.txt"
    path.write_text("make\nshall make\n", encoding="utf-8")
    with pytest.raises(VerbListError, match=r"line 2: one verb per line") as info:
        load_verbs(path)
    assert info.value.line == 2
    assert isinstance(info.value, ValueError)


def test_regular_forms_of_every_verb_come_back() -> None:
    # The third person, past and -ing forms that English spelling makes, with and without a
    # doubled final consonant, all lemmatise back to the verb.  Left out: forms listed as
    # irregular ("seed" is not a past of "see"), and the doubled forms of American -ll verbs,
    # which go to the British spelling by design ("fulfilled" -> "fulfil", not "fulfill").
    wrong = []
    for verb in sorted(VERBS - {"be"}):
        british = verb.endswith("ll") and verb[:-1] in VERBS
        for form in _regular_forms(verb):
            if form in IRREGULAR or (british and form.startswith(verb)):
                continue
            if lemma(form) != verb:
                wrong.append((form, lemma(form), verb))
    assert wrong == []


def _regular_forms(v: str) -> list[str]:
    vowels = "aeiou"
    consonant_y = v.endswith("y") and v[-2] not in vowels
    third = v + "es" if v.endswith(("s", "x", "z", "ch", "sh", "o")) else v[:-1] + "ies" if consonant_y else v + "s"
    past = v + "d" if v.endswith("e") else v[:-1] + "ied" if consonant_y else v + "ed"
    forms = [third, past]
    if not v.endswith("ie"):
        drop_e = v.endswith("e") and not v.endswith(("ee", "ye", "oe"))
        forms.append(v[:-1] + "ing" if drop_e else v + "ing")
    if len(v) >= 3 and v[-1] not in vowels + "wxy" and v[-2] in vowels and v[-3] not in vowels:
        forms += [v + v[-1] + "ed", v + v[-1] + "ing"]
    return forms


@given(st.text())
def test_lemma_never_raises_and_is_lowercase(word: str) -> None:
    result = lemma(word)
    assert isinstance(result, str)
    assert result == result.lower()


@given(st.sampled_from(sorted(VERBS)))
def test_lemma_is_idempotent_on_the_lexicon(verb: str) -> None:
    assert lemma(verb) == verb
    assert lemma(lemma(verb)) == lemma(verb)


def test_lemma_is_idempotent_on_every_lexicon_entry() -> None:
    assert [v for v in VERBS if lemma(lemma(v)) != lemma(v)] == []


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz-'", max_size=20))
def test_is_verb_agrees_with_the_lexicon(word: str) -> None:
    assert is_verb(word) == (word in VERBS)
