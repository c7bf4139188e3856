"""Tests for reading Indonesian news numbers; every expected value is worked out by hand."""

from __future__ import annotations

import pytest

from dagster_project.domain.numbers import evidence_numbers, find_numbers, parse_number

# (token, value)
PARSE_CASES: list[tuple[str, float]] = [
    # digits: "." thousands, "," decimals, English decimal dot before 1-2 digits
    ("3.027", 3027.0),
    ("1.191", 1191.0),
    ("12.500.000", 12_500_000.0),
    ("1.500.000,50", 1_500_000.5),
    ("50,50", 50.5),
    ("1,5", 1.5),
    ("4282", 4282.0),
    ("55.3", 55.3),
    ("75%", 75.0),
    ("75 persen", 75.0),
    # multipliers
    ("32 ribu", 32_000.0),
    ("1,5 juta", 1_500_000.0),
    ("1.5 juta", 1_500_000.0),
    ("2 miliar", 2_000_000_000.0),
    ("3 milyar", 3_000_000_000.0),
    ("1,2 triliun", 1_200_000_000_000.0),
    ("15 rb", 15_000.0),
    ("7jt", 7_000_000.0),
    # "-an" suffix
    ("5.000-an", 5000.0),
    ("5000an", 5000.0),
    ("950 an", 950.0),
    # number words
    ("nol", 0.0),
    ("sembilan", 9.0),
    ("sepuluh", 10.0),
    ("sebelas", 11.0),
    ("dua belas", 12.0),
    ("Sembilan Belas", 19.0),
    ("dua puluh", 20.0),
    ("dua puluh lima", 25.0),
    ("seratus", 100.0),
    ("dua ratus tiga puluh", 230.0),
    ("tiga ratus dua puluh satu", 321.0),
    ("seribu", 1000.0),
    ("delapan ribu", 8000.0),
    ("dua belas ribu", 12_000.0),
    ("dua ribu lima ratus", 2500.0),
    ("sejuta", 1_000_000.0),
    ("setengah", 0.5),
    ("setengahnya", 0.5),
    ("satu setengah juta", 1_500_000.0),
]

NOT_A_NUMBER: list[str] = [
    "",
    "koperasi",
    "ratusan",
    "ribuan",
    "puluhan",
    "belasan",
    "kedua",
    "ke-76",
    "persatuan",
    "sekitar 5",  # a hedge is not part of the number expression
    "1.191koperasi",  # find_numbers reads it; as a single token it is not a number
    "dua tiga",  # two numbers, not one
]

# (sentence, [(text, value, is_percent, is_approximate, is_lower_bound), ...])
Mention = tuple[str, float, bool, bool, bool]
FIND_CASES: list[tuple[str, list[Mention]]] = [
    ("Dari jumlah tersebut koperasi aktif sebanyak 146 unit, koperasi non-aktif 356 unit.",
     [("146", 146.0, False, False, False), ("356", 356.0, False, False, False)]),
    ("saat ini koperasi di Kaltim berjumlah lebih kurang 5.000-an unit",
     [("5.000-an", 5000.0, False, True, False)]),
    ("ada sekitar 49 koperasi yang tidak aktif", [("49", 49.0, False, True, False)]),
    ("Mendekati 1.000 unit", [("1.000", 1000.0, False, True, False)]),
    ("kurang-lebih 40 unit", [("40", 40.0, False, True, False)]),
    ("kurang lebih dua ribu lima ratus anggota",
     [("dua ribu lima ratus", 2500.0, False, True, False)]),
    ("sekitar 950 an unit usaha", [("950 an", 950.0, False, True, False)]),
    ("hampir setengahnya tidak aktif", [("setengahnya", 0.5, False, True, False)]),
    ("Lebih dari 200 koperasi dibubarkan", [("200", 200.0, False, True, True)]),
    ("lebih daripada 15 koperasi", [("15", 15.0, False, True, True)]),
    ("sedikitnya tiga ratus anggota hadir", [("tiga ratus", 300.0, False, True, True)]),
    ("aktif tak lebih dari 51% alias 13.277 unit",
     [("51", 51.0, True, True, False), ("13.277", 13277.0, False, False, False)]),
    ("tidak lebih dari 300 koperasi", [("300", 300.0, False, True, False)]),
    ("tidak  lebih dari 300 koperasi", [("300", 300.0, False, True, False)]),  # two spaces, as pages have
    ("tak kurang dari 300 koperasi tidak aktif", [("300", 300.0, False, True, True)]),  # at least
    ("mencatat 252 lebih koperasi", [("252", 252.0, False, True, True)]),
    ("jumlahnya 500 lebih banyak dari tahun lalu", [("500", 500.0, False, False, False)]),
    ("paling sedikit 12 unit", [("12", 12.0, False, True, True)]),
    ("minimal 20 orang", [("20", 20.0, False, True, True)]),
    ("setidaknya 5 ribuan pelaku usaha", [("5 ribuan", 5000.0, False, True, True)]),
    ("dari 20 ribu 10 ribunya tidak aktif", [("20 ribu", 20000.0, False, False, False),
                                             ("10 ribunya", 10000.0, False, False, False)]),  # of them
    ("sepuluh ribunya tidak aktif", [("sepuluh ribunya", 10000.0, False, False, False)]),
    ("tingkat keaktifan mencapai 75 persen", [("75", 75.0, True, False, False)]),
    ("naik 75 % dari tahun lalu", [("75", 75.0, True, False, False)]),
    ("porsi 50,50 persen", [("50,50", 50.5, True, False, False)]),
    ("ada sebanyak 40 persennya tidak aktif", [("40", 40.0, True, False, False)]),
    ("turun sepuluh persen", [("sepuluh", 10.0, True, False, False)]),
    ("kira-kira 55.3 prosen anggota", [("55.3", 55.3, True, True, False)]),
    # "52 and some percent": a share, said vaguely
    ("yang tidak aktif 52 sekian persen", [("52", 52.0, True, True, False)]),
    ("sekitar 52 koma sekian %", [("52", 52.0, True, True, False)]),
    # the hedge covers only the number right after it
    ("berkisar 30 sampai 40 persen",
     [("30", 30.0, False, True, False), ("40", 40.0, True, False, False)]),
    # "Rp" sits between the hedge and the number: strict rule, not approximate
    ("sekitar Rp 5 juta", [("5 juta", 5_000_000.0, False, False, False)]),
    ("modal Rp 1,5 juta per anggota", [("1,5 juta", 1_500_000.0, False, False, False)]),
    ("tercatat 1.191koperasi aktif", [("1.191", 1191.0, False, False, False)]),
    ("hanya (tiga) koperasi", [("tiga", 3.0, False, False, False)]),
    ("dua atau tiga koperasi",
     [("dua", 2.0, False, False, False), ("tiga", 3.0, False, False, False)]),
    ("tahun 2023 tercatat 4282 koperasi",
     [("2023", 2023.0, False, False, False), ("4282", 4282.0, False, False, False)]),
    # dates split into integers, never fractions or decimals
    ("rapat pada 13/06/2022 pukul 10",
     [("13", 13.0, False, False, False), ("06", 6.0, False, False, False),
      ("2022", 2022.0, False, False, False), ("10", 10.0, False, False, False)]),
    ("pada 9 - 11/8/2023",
     [("9", 9.0, False, False, False), ("11", 11.0, False, False, False),
      ("8", 8.0, False, False, False), ("2023", 2023.0, False, False, False)]),
    # traps: ordinals, words inside words, vague amounts
    ("HUT Koperasi ke-76 dihadiri 300 orang", [("300", 300.0, False, False, False)]),
    ("Persatuan koperasi kedua dan ketiga", []),
    ("ratusan koperasi dan ribuan anggota", []),
    ("puluhan ribu anggota", []),
    ("satu-satunya koperasi", []),
    ("dihentikan satu persatu", []), ("satu per satu tak lagi aktif", []), ("satu demi satu", []),
    ("satu koperasi per desa", [("satu", 1.0, False, False, False)]),
]

# (sentence, values)
EVIDENCE_CASES: list[tuple[str, list[float]]] = [
    ("Dari jumlah tersebut koperasi aktif sebanyak 146 unit, koperasi non-aktif 356 unit.",
     [146.0, 356.0]),
    ("terdiri dari 55 koperasi simpan pinjam, 266 koperasi produsen, enam koperasi pemasaran",
     [55.0, 266.0, 6.0]),
    ("saat ini koperasi di Kaltim berjumlah lebih kurang 5.000-an unit", [5000.0]),
    ("ada sekitar 49 koperasi yang tidak aktif", [49.0]),
    ("sebanyak 1.944 merupakan koperasi aktif, sedangkan 1.083 unit koperasi berstatus "
     "tidak aktif", [1944.0, 1083.0]),
    ("Hingga Desember 2022, jumlah koperasi di Kabupaten Bogor mencapai 1.352 unit dengan "
     "245.000 anggota.", [2022.0, 1352.0, 245_000.0]),
    ("SHU tahun ini Rp 12.500.000 atau naik 12,5 persen", [12_500_000.0, 12.5]),
    ("Dinas mencatat tiga ratus dua puluh satu koperasi, dua belas di antaranya baru.",
     [321.0, 12.0]),
    ("Koperasi Persatuan Guru berdiri kedua kalinya", []),
    ("", []),
]


@pytest.mark.parametrize(("token", "expected"), PARSE_CASES)
def test_parse_number(token: str, expected: float) -> None:
    assert parse_number(token) == expected


@pytest.mark.parametrize("token", NOT_A_NUMBER)
def test_parse_number_rejects(token: str) -> None:
    assert parse_number(token) is None


@pytest.mark.parametrize(("sentence", "expected"), FIND_CASES)
def test_find_numbers(sentence: str, expected: list[Mention]) -> None:
    mentions = find_numbers(sentence)
    for mention in mentions:
        assert sentence[mention.start : mention.end] == mention.text
    found = [(m.text, m.value, m.is_percent, m.is_approximate, m.is_lower_bound)
             for m in mentions]
    assert found == expected


@pytest.mark.parametrize(("sentence", "expected"), EVIDENCE_CASES)
def test_evidence_numbers(sentence: str, expected: list[float]) -> None:
    assert evidence_numbers(sentence) == expected
