"""placeholder"""
from __future__ import annotations
def compare(*a, **k):  # type: ignore[no-untyped-def]
    return []
