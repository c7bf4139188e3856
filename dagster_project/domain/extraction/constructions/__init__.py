"""The constructions, one module per family; `pipeline.py` runs them in order.

Importing this package registers every construction (`construction.CONSTRUCTIONS`).
"""

from dagster_project.domain.extraction.constructions import (  # noqa: F401 - registers them
    apposition,
    continuation,
    elided_nouns,
    headings,
    lists,
    own_clause,
    parts_and_wholes,
    predicates,
    qualifiers,
    remainders,
    supervision,
    time_series,
)
