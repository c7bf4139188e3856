"""Periods as the project writes them: ISO 8601 at the precision given (YYYY, YYYY-MM,
YYYY-MM-DD), and real calendar dates, so SQL can always cast them."""

from __future__ import annotations

import calendar
import re

_PERIOD = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")  # ASCII digits: \d also takes ２０２４
YEARS = range(1900, 2101)  # cooperatives in the news: anything else is a typo


def period_problem(text: str) -> str | None:
    """Why `text` is not a real period (YYYY, YYYY-MM or YYYY-MM-DD), or None."""
    match = _PERIOD.fullmatch(text)
    if not match:
        return f"{text!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
    year, month, day = (int(part) if part else None for part in match.groups())
    if year not in YEARS:
        return f"{text!r}: the year is not between {YEARS[0]} and {YEARS[-1]}"
    if month is not None and not 1 <= month <= 12:
        return f"{text!r}: there is no month {month}"
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return f"{text!r}: {calendar.month_name[month]} {year} has no day {day}"
    return None
