"""The registry of WTO bodies: canonical names, aliases, and user additions.

The shipped names live in ``data/bodies.toml``.  A user extends the registry at run
time, without touching the package:

>>> import wtotext
>>> reg = wtotext.registry()
>>> reg.resolve("the CTD")
'Committee on Trade and Development'
>>> reg.add("Committee on Rules of Origin", aliases=["CRO"])
>>> reg.resolve("CRO")
'Committee on Rules of Origin'
>>> reg.remove("Committee on Rules of Origin")

Parsers built after a change see it: the lexer's actor terminal is compiled from
the registry, keyed by :attr:`Registry.version`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

# "the Committee on Agriculture in Special Session", "the Dedicated Session of the CTD"
_SESSION = re.compile(
    r"(?:(?P<body>.+?)\s+in\s+(?:special|dedicated|regular|formal|informal)\s+sessions?"
    r"|(?:special|dedicated|regular|formal|informal)\s+sessions?\s+of\s+(?:the\s+)?(?P<of>.+))$"
)
_DETERMINER = re.compile(
    r"^(?:(?:any|each|all|some|one|none|either|neither)\s+of\s+)?"
    r"(?:(?:the|a|an|any|each|every|all|its|their|our|other|this|these|those|such)\s+)*",
    re.IGNORECASE,
)


def _key(phrase: str) -> str:
    """The lookup key of a phrase: determiners stripped, whitespace folded, case folded."""
    phrase = " ".join(phrase.replace("\u2011", "-").split())
    phrase = _DETERMINER.sub("", phrase)
    return phrase.casefold()


# How many phrases a registry remembers the answer for (parses ask about the same ones).
_REMEMBERED = 4096


class Registry:
    """Canonical body names and their aliases, with the patterns for unknown bodies."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._canonical: dict[str, str] = {}  # key -> canonical name
        self._written: dict[str, str] = {}  # surface as written -> canonical name
        self._names: list[str] = []
        self._resolved: dict[str, str | None] = {}  # phrase -> resolve(phrase), until the next change
        self.version = 0
        for body in data.get("body", []):
            self.add(body["name"], aliases=body.get("aliases", []))
        self.member_modifiers: tuple[str, ...] = tuple(data.get("members", {}).get("modifiers", ()))
        # governments named by themselves: the Members' names and the observers'
        self.member_names: tuple[str, ...] = tuple(data.get("members", {}).get("names", ())) + tuple(
            data.get("observers", {}).get("names", ())
        )
        # a Member named by itself is known, under its name as listed ("the European Union")
        self._members: dict[str, str] = {_key(name): name for name in self.member_names}
        unknown = data.get("unknown", {})
        self.unknown_heads: tuple[str, ...] = tuple(unknown.get("heads", ()))
        self.unknown_links: tuple[str, ...] = tuple(unknown.get("links", ("on", "for", "of")))
        self.states: tuple[str, ...] = tuple(unknown.get("states", ()))
        self.facets: tuple[str, ...] = tuple(data.get("facets", {}).get("nouns", ()))

    def add(self, name: str, *, aliases: Iterable[str] = ()) -> None:
        """Add a body (or more aliases for a known one); later parses recognise them."""
        if name not in self._names:
            self._names.append(name)
        for surface in (name, *aliases):
            self._canonical[_key(surface)] = name
            self._written[" ".join(surface.split())] = name
        self._resolved.clear()
        self.version += 1

    def remove(self, name: str) -> None:
        """Forget a body and all its aliases."""
        self._names = [n for n in self._names if n != name]
        self._canonical = {k: v for k, v in self._canonical.items() if v != name}
        self._written = {k: v for k, v in self._written.items() if v != name}
        self._resolved.clear()
        self.version += 1

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical names, in registry order."""
        return tuple(self._names)

    def surfaces(self) -> list[str]:
        """Every name and alias as written, longest first (for the lexer)."""
        return sorted(self._written, key=lambda s: (-len(s), s))

    def resolve(self, phrase: str) -> str | None:
        """The canonical name a phrase denotes, or ``None`` if the registry does not know it.

        Determiners, a trailing parenthetical acronym (``(CTD)``), a Member-class
        modifier (``developing country Members``) and case do not matter.  A Member
        named by itself (``Cuba``, ``the European Union``: ``[members] names`` in the
        data) is known under its listed name.
        """
        if phrase not in self._resolved:
            if len(self._resolved) >= _REMEMBERED:
                self._resolved.clear()
            self._resolved[phrase] = self._resolve(phrase)
        return self._resolved[phrase]

    def _resolve(self, phrase: str) -> str | None:
        key = _key(re.sub(r"\s*\([^)]*\)\s*$", "", phrase))
        if key in self._canonical:
            return self._canonical[key]
        if key in self._members:
            return self._members[key]
        if re.search(r"\bmembers?$", key):
            return self._canonical.get("members")
        if key.endswith(" of the work programme") or key.endswith(" of the wto"):
            return self.resolve(key.rsplit(" of the ", 1)[0])
        # a body meeting in a special or dedicated session is still that body
        session = _SESSION.match(key)
        if session:
            return self.resolve(session.group("body") or session.group("of"))
        return None

    def unknown_name(self, phrase: str) -> str:
        """The name under which an actor the registry does not know is reported."""
        phrase = " ".join(phrase.split())
        return _DETERMINER.sub("", phrase)


@cache
def _shipped() -> dict[str, Any]:
    raw = resources.files("wtotext").joinpath("data/bodies.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)


_registry: Registry | None = None


def registry() -> Registry:
    """The process-wide registry that parses use (created from the shipped data on first use)."""
    global _registry
    if _registry is None:
        _registry = Registry(_shipped())
    return _registry


def canonical(body: str) -> str:
    """The canonical name for a name or alias; the input itself when unknown."""
    return registry().resolve(body) or body
