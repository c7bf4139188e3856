"""The gazetteer's cache file: a process loads what another built, and a changed source builds anew."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from dagster_project.domain.extraction import gazetteer
from dagster_project.domain.extraction.gazetteer import Gazetteer, official_regions, read_aliases, read_splits

TEXT = "Koperasi di Kabupaten Toba Samosir, Kota Palu dan Kalsel, bukan di Sungai Kapuas."


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setattr(gazetteer, "GAZETTEER_CACHE_DIR", tmp_path / "cache")
    gazetteer.default_gazetteer.cache_clear()
    yield tmp_path / "cache"
    gazetteer.default_gazetteer.cache_clear()


def _found(g: Gazetteer) -> list[tuple[str, list[str]]]:
    return [(m.text, [c.region.region_code for c in m.candidates]) for m in g.find(TEXT)]


def test_a_cached_gazetteer_finds_what_a_built_one_finds(cache_dir: Path) -> None:
    built = Gazetteer(official_regions(), read_aliases(), read_splits())
    first = gazetteer.default_gazetteer()  # builds and writes the file
    (written,) = cache_dir.glob("gazetteer-*.pickle")
    gazetteer.default_gazetteer.cache_clear()
    second = gazetteer.default_gazetteer()  # reads it
    assert second is not first
    assert _found(second) == _found(built) == _found(first)
    assert second.regions == built.regions and second.split_from == built.split_from
    assert [p.name for p in cache_dir.glob("gazetteer-*.pickle")] == [written.name]


def test_a_changed_alias_seed_builds_a_new_gazetteer(cache_dir: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    gazetteer.default_gazetteer()
    (old,) = cache_dir.glob("gazetteer-*.pickle")
    aliases = tmp_path / "region_aliases.csv"
    shutil.copyfile(gazetteer.ALIASES_CSV, aliases)
    with aliases.open("ab") as handle:
        handle.write(b"Bumi Uji Coba,Kota Palu,city,false,\r\n")
    monkeypatch.setattr(gazetteer, "ALIASES_CSV", aliases)
    gazetteer.default_gazetteer.cache_clear()
    renewed = gazetteer.default_gazetteer()
    assert [c.region.region_code for m in renewed.find("di Bumi Uji Coba") for c in m.candidates] == ["72.71"]
    assert not old.exists() and len(list(cache_dir.glob("gazetteer-*.pickle"))) == 1


def test_an_unreadable_cache_file_is_built_again(cache_dir: Path) -> None:
    gazetteer.default_gazetteer()
    (written,) = cache_dir.glob("gazetteer-*.pickle")
    written.write_bytes(b"not a pickle")
    gazetteer.default_gazetteer.cache_clear()
    assert _found(gazetteer.default_gazetteer()) == _found(Gazetteer(official_regions(), read_aliases(),
                                                                     read_splits()))
    assert written.read_bytes() != b"not a pickle"


def test_another_process_reads_the_file_this_one_wrote(cache_dir: Path) -> None:
    expected = _found(gazetteer.default_gazetteer())
    probe = (f"import sys; sys.path.insert(0, {str(Path(__file__).parents[1])!r});"
             "from dagster_project.domain.extraction import gazetteer as g;"
             f"g.GAZETTEER_CACHE_DIR = __import__('pathlib').Path({str(cache_dir)!r});"
             "import dagster_project.domain.official_regions as o;"
             "o.official_regions = None;"  # a build would fail: only the file can answer
             "g.official_regions = None;"
             f"found = g.default_gazetteer().find({TEXT!r});"
             "print([(m.text, [c.region.region_code for c in m.candidates]) for m in found])")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == str(expected)
