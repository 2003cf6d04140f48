"""Values worked out once per object while it lives: the objects a page draws from are shared and never
changed (cached query frames, cached figures), so what is derived from one — its JSON, its fingerprint —
can be kept beside it. Keyed by id(), since frames and figures are not hashable; an entry goes when its
object does, so a later object given the same id never meets it."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any


class PerObject:
    def __init__(self, compute: Callable[[Any], Any]):
        self._compute = compute
        self._values: dict[int, Any] = {}

    def __call__(self, obj) -> Any:
        value = self._values.get(id(obj))
        if value is None:
            weakref.finalize(obj, self._values.pop, id(obj), None)  # first: raises for an object it cannot watch
            value = self._values[id(obj)] = self._compute(obj)
        return value
