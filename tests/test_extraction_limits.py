"""Hostile articles (issue 13, fault 3): extraction stays linear in the article's size and never
crashes on numbers no article reports.

The deadlines are guards, not performance tests: each is many times what the extractor needs
and far below what the quadratic extractor took (5 KB of `1.`: over 100 s; a source article
repeated to 1.6 MB: 34 s).
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from dagster_project.cli import main
from dagster_project.domain.extraction import extract_figures
from dagster_project.domain.extraction.gazetteer import default_gazetteer
from dagster_project.domain.extraction.text import MAX_SENTENCE_CHARS, MAX_SENTENCE_DIGIT_RUNS, split_sentences
from dagster_project.domain.numbers import evidence_numbers, find_numbers, parse_number

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
SOURCE = ARTICLES / "000_fad78c50e3a376a4.txt"
HUGE_NUMBER = "9" * 5000  # past CPython's limit on converting digit strings to int (4300 digits)


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail the test instead of hanging the suite when the block runs past `seconds`."""
    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module", autouse=True)
def gazetteer_loaded() -> None:
    default_gazetteer()  # loaded once per process, outside the deadlines


def test_a_sentence_of_thousands_of_numbers_is_read_in_bounded_time() -> None:
    text = "Uji\n\n" + "1." * 2560 + " koperasi aktif."  # 5 KB: over 100 s before, 0.2 s now
    with deadline(10):
        extract_figures("dots", text, None)


def test_a_repeated_article_is_read_in_linear_time() -> None:
    article = SOURCE.read_text(encoding="utf-8")
    text = article * (1_600_000 // len(article))  # 1.6 MB: 34 s before, about 2 s now
    with deadline(15):
        figures = extract_figures("repeated", text, None)
    assert {(f.region_code, f.value) for f in figures} \
        == {(f.region_code, f.value) for f in extract_figures("once", article, None)}


def test_a_number_of_thousands_of_digits_is_no_figure_and_no_error() -> None:
    assert find_numbers(HUGE_NUMBER) == []
    assert parse_number(HUGE_NUMBER) is None
    assert parse_number("1," + HUGE_NUMBER) is None
    assert evidence_numbers(f"ada {HUGE_NUMBER} koperasi dan 12 unit") == [12.0]
    figures = extract_figures("digits", f"Di Banyuasin tercatat {HUGE_NUMBER} koperasi aktif.", None)
    assert figures == []


def test_thirty_digits_are_still_a_number() -> None:
    assert parse_number("1" * 30) == float("1" * 30)
    assert parse_number("1" * 31) is None


def test_an_over_long_sentence_is_read_in_pieces_quoted_verbatim() -> None:
    line = "pengurus koperasi di daerah itu berjumlah 25 unit dan terus dibina dinas " * 200
    sentences = split_sentences(line)
    assert len(sentences) > 1
    for sentence in sentences:
        assert len(sentence.text) <= MAX_SENTENCE_CHARS
        assert line[sentence.start:sentence.end] == sentence.text
    dots = "1." * 1000
    pieces = split_sentences(dots)
    assert "".join(s.text for s in pieces) == dots  # no space to cut at: cut before a digit run
    assert all(s.text.count(".") <= MAX_SENTENCE_DIGIT_RUNS for s in pieces)


def test_a_sentence_of_real_length_is_not_cut() -> None:
    sentence = ("Dari 1.732 koperasi aktif di Daerah Istimewa Yogyakarta, Sleman memiliki 612 unit, "
                "Bantul 500 unit, Kulon Progo 300 unit dan Gunungkidul 320 unit. ")
    assert len(split_sentences(sentence * 2)) == 2


def test_a_folder_with_a_hostile_file_still_extracts_the_others(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a_source.txt").write_text(SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b_digits.txt").write_text(f"Uji\n\nTercatat {HUGE_NUMBER} koperasi aktif.\n", encoding="utf-8")
    (tmp_path / "c_dots.txt").write_text("TITLE: uji\n\n" + "1." * 2560 + " koperasi aktif.\n", encoding="utf-8")
    with deadline(30):
        code = main(["extract", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0
    assert "a_source," in out
