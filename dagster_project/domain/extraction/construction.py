"""What a construction is, and the register of all of them.

A construction is one way Indonesian news gives a number its meaning: `sisanya 89 unit` (a
remainder), `dari 127 koperasi, 49 di antaranya ...` (a part of a whole), `N unit, atau 52
persen` (an apposed share). Each is one function in the module of its family
(`constructions/`), registered here under the name the figure's trace records when it sets a
field or drops a number, so that `koperasi extract --explain` and the warehouse say which
construction read each field. The order they run in is `pipeline.py`; their examples, which
are also their tests, are `constructions/examples/<family>.toml`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

# The fields a construction may set: a figure's (`region` and `parent` included) or `rejected`,
# for a rule that drops a number.
FIELDS = frozenset({"status", "cooperative_type", "scope", "unit", "region", "parent", "as_of_date",
                    "is_approximate", "rejected"})


@dataclass(frozen=True, slots=True)
class Construction:
    name: str  # as the trace records it
    family: str  # the module that holds it
    sets: tuple[str, ...]  # the fields it may set
    doc: str


CONSTRUCTIONS: dict[str, Construction] = {}

F = TypeVar("F", bound=Callable[..., object])


def construction(*names: str, sets: tuple[str, ...]) -> Callable[[F], F]:
    """Register a function as the construction named after it, or as the constructions `names`
    when one decision records one of several names (the nearest whole, the place of a region)."""
    def register(function: F) -> F:
        for name in names or (function.__name__,):
            declare(name, family=function.__module__, sets=sets, doc=inspect.getdoc(function) or "")
        return function

    return register


def declare(name: str, *, family: str, sets: tuple[str, ...], doc: str) -> None:
    """Register a construction that is a row of a table (a rule that drops a number)."""
    unknown = set(sets) - FIELDS
    if unknown:
        raise ValueError(f"a construction cannot set {sorted(unknown)}")
    if name in CONSTRUCTIONS:
        raise ValueError(f"construction {name!r} is registered twice")
    CONSTRUCTIONS[name] = Construction(name, family.rsplit(".", 1)[-1], sets, doc)
