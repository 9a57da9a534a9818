"""Selecting mandates: by body (canonical name, alias or Actor, any case) and by modality."""

from __future__ import annotations

from collections.abc import Iterable

from wtotext.bodies import registry
from wtotext.nodes import Actor, Mandate, Modality


def body_key(body: str | Actor) -> str:
    """The case-folded canonical name a query term stands for."""
    name = body.name if isinstance(body, Actor) else body
    return (registry().resolve(name) or " ".join(name.split())).casefold()


def modality_of(value: Modality | str) -> Modality:
    """A :class:`Modality` from the enum or its value, with a clear error for anything else."""
    if isinstance(value, Modality):
        return value
    try:
        return Modality(value.strip().lower())
    except ValueError:
        allowed = ", ".join(m.value for m in Modality)
        raise ValueError(f"modality must be one of {allowed}; got {value!r}") from None


def select_mandates(
    mandates: Iterable[Mandate],
    *,
    body: str | Actor | None = None,
    modality: Modality | str | None = None,
) -> list[Mandate]:
    """The mandates that match ``body`` and ``modality`` (``None`` matches all)."""
    key = body_key(body) if body is not None else None
    wanted = modality_of(modality) if modality is not None else None
    return [
        m
        for m in mandates
        if (key is None or m.body.name.casefold() == key) and (wanted is None or m.modality is wanted)
    ]
