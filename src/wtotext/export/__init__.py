"""Exports of a parsed decision: JSON records (json), Akoma Ntoso (akn)."""
