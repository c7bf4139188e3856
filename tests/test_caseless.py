"""Caseless patterns must match exactly what `re.IGNORECASE` matches, at the same offsets."""

from __future__ import annotations

import re

import pytest

from dagster_project.domain.caseless import caseless, lower


@pytest.mark.parametrize(("pattern", "text"), [
    (r"(?<![\w-])(?:KSP|koperasi)(?![\w-])", "Ada 12 ksp dan 3 KOPERASI, bukan Koperasi-koperasi."),
    (r"\S+\s+(?:Persen|%)", "Sebanyak 52,5 PERSEN aktif dan 10 % pasif"),
    (r"(?P<word>tidak)\s+AKTIF\b", "TIDAK aktif, Tidak Aktif"),
    (r"\W*(?:sisanya)\D*", "  Sisanya 89 unit"),
])
def test_finds_what_ignorecase_finds(pattern: str, text: str) -> None:
    expected = [(m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE)]
    assert expected, "the case must be a real match"
    assert [(m.start(), m.end()) for m in caseless(pattern).finditer(text)] == expected
    assert caseless(pattern).search(text).span() == re.search(pattern, text, re.IGNORECASE).span()


def test_escapes_keep_their_meaning() -> None:
    # \S lower-cased would be \s: the pattern must still mean "not whitespace".
    assert caseless(r"^\S+$").match("Kalsel") is not None
    assert caseless(r"^\S+$").match("Kal sel") is None


def test_sub_keeps_the_case_outside_the_matches() -> None:
    assert caseless(r"dinas\s+koperasi").sub("_", "Kata Dinas Koperasi Kalsel") == "Kata _ Kalsel"
    assert caseless(r"a").sub(lambda m: "*", "AbA", count=1) == "*bA"


def test_offsets_survive_letters_whose_lower_case_is_longer() -> None:
    text = "İstimewa 12 KOPERASI"  # "İ".lower() is two characters
    assert len(lower(text)) == len(text)
    match = caseless(r"\d+\s+koperasi").search(text)
    assert match is not None and text[match.start():match.end()] == "12 KOPERASI"
