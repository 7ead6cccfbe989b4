"""Whether two read values are the same value: of one type all the way down, and a NaN the
same as a NaN (``.nan == .nan`` is false in Python, so a file's ``.nan`` read twice looked like
two readings that disagree)."""

from __future__ import annotations

import math
from typing import Any


def same_value(a: Any, b: Any) -> bool:
    """``a`` and ``b`` hold the same values of the same types (lists and mappings in order),
    NaN counting as equal to NaN."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, list):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same_value(a[k], b[k]) for k in a)
    return bool(a == b)
