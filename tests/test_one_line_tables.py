"""Tables run into one line (constructions/tables.py, `read_one_line_tables`): read only when
everything agrees, else not at all. Each case is one a blind review found read wrong."""

from __future__ import annotations

import pytest

from dagster_project.domain.extraction.constructions.tables import read_one_line_tables
from dagster_project.domain.extraction.gazetteer import default_gazetteer

TABLE = ("Tabel 2. Jumlah Koperasi Menurut Kabupaten/Kota di Sumatera Barat Kabupaten/Kota 2020 2021 "
         "1. Agam 150 160 2. Pasaman 10 20 Sumber: BPS.")


def cells(text: str, dated: str | None = "2023-05-01") -> list[tuple[str, float, str | None]]:
    return [(cell.region.code, cell.number.value, cell.column.period)
            for table in read_one_line_tables(text, default_gazetteer(), dated) for cell in table.cells]


def test_a_table_is_read_cell_by_cell() -> None:
    assert cells(TABLE) == [("13.06", 150, "2020"), ("13.06", 160, "2021"),
                            ("13.08", 10, "2020"), ("13.08", 20, "2021")]


@pytest.mark.parametrize("text", [
    # the caption is the text after "Tabel N.", counting cooperatives and nothing else
    TABLE.replace("Jumlah Koperasi", "Jumlah Penduduk"),
    "Jumlah koperasi di Sumatera Barat terus meningkat. " + TABLE.replace("Tabel 2. Jumlah Koperasi", "Jumlah UMKM"),
    TABLE.replace("Jumlah Koperasi", "Jumlah Koperasi Aktif dan Tidak Aktif"),
    TABLE.replace("Jumlah Koperasi", "Jumlah Koperasi yang Melaksanakan RAT"),
    TABLE.replace("Jumlah Koperasi", "Jumlah Koperasi per 10.000 Penduduk"),
    TABLE.replace("Jumlah Koperasi", "Persentase Koperasi Aktif"),
    TABLE.replace("Jumlah Koperasi", "Target Jumlah Koperasi Aktif"),
    TABLE.replace("Menurut Kabupaten/Kota di Sumatera Barat", "Menurut Kecamatan"),
    # years that are not consecutive; rows that do not end as a table does; a row with more cells than years
    TABLE.replace("2020 2021", "2019 2021"),
    TABLE.replace("Sumber: BPS.", "dan jumlah itu terus naik."),
    TABLE.replace("1. Agam 150 160", "1. Agam 150 12.500 160 13.000"),
    # one row only
    TABLE.replace(" 2. Pasaman 10 20", ""),
    # a table of districts
    TABLE.replace("1. Agam", "1. Lubuk Basung").replace("2. Pasaman", "2. Tanjung Raya"),
])
def test_a_table_that_does_not_agree_is_not_read(text: str) -> None:
    assert cells(text) == []


def test_a_sentence_before_the_caption_lends_it_nothing() -> None:
    text = "Pemerintah akan membubarkan koperasi simpan pinjam yang tidak aktif di Kabupaten Banjar. " + TABLE
    tables = read_one_line_tables(text, default_gazetteer(), "2023-05-01")
    caption = tables[0].cells[0].caption
    assert (caption.status, caption.ctype, caption.region.code if caption.region else None) == (None, None, "13")


def test_no_year_after_the_articles_own_and_no_province_row() -> None:
    text = TABLE.replace("2020 2021", "2022 2023 2024").replace("150 160", "150 160 170") \
        .replace("10 20", "10 20 30").replace("2. Pasaman", "2. Jambi")
    assert cells(text) == [("13.06", 150, "2022"), ("13.06", 160, "2023")]  # 2024: a target; Jambi: a province
