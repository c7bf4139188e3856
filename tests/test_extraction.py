"""The extractor on sentences of our own: one table per thing it must understand.

Each case is a short article and the figures a careful reader takes from it, written by hand
as (region_code, scope, status, cooperative_type, unit, value). The tables cover the
constructions of issue 3, including its traps; none of these sentences is from a corpus.
"""

from __future__ import annotations

import pytest

from dagster_project.domain.extraction import ExtractedFigure, extract_figures
from dagster_project.domain.extraction.gazetteer import default_gazetteer, name_key
from dagster_project.domain.extraction.text import split_sentences

Row = tuple[str, str, str, str, str, float]


def figures(text: str, published: str | None = "2024-03-01") -> list[ExtractedFigure]:
    return extract_figures("case", text, published)


def rows(text: str) -> set[Row]:
    return {(f.region_code, f.scope, f.status, f.cooperative_type, f.unit, f.value) for f in figures(text)}


def one(text: str) -> ExtractedFigure:
    found = figures(text)
    assert len(found) == 1, found
    return found[0]


NUMBERS = [
    ("Di Kabupaten Blora tercatat 3.027 koperasi.", 3027),
    ("Di Kabupaten Blora tercatat 4282 koperasi.", 4282),
    ("Di Kabupaten Blora tercatat 32 ribu koperasi.", 32000),
    ("Di Kabupaten Blora tercatat 1,5 juta koperasi.", 1_500_000),
    ("Di Kabupaten Blora tercatat enam koperasi.", 6),
    ("Di Kabupaten Blora tercatat dua belas koperasi.", 12),
    ("Di Kabupaten Blora tercatat delapan ribu koperasi.", 8000),
    ("Di Kabupaten Blora tercatat 1.191koperasi.", 1191),
    ("Di Kabupaten Blora tercatat 5.000-an koperasi.", 5000),
    ("Di Kabupaten Blora tercatat 950 an koperasi.", 950),
]


@pytest.mark.parametrize(("text", "value"), NUMBERS)
def test_number_formats(text: str, value: float) -> None:
    figure = one(text)
    assert (figure.region_code, figure.status, figure.unit, figure.value) == ("33.16", "all", "count", value)


PERCENTAGES = [
    ("Di Kota Bima, 50,50 persen koperasi tidak aktif.", 50.5, "inactive"),
    ("Di Kota Bima, 55.3 persen koperasi masih aktif.", 55.3, "active"),
    ("Di Kota Bima, sepuluh persen koperasi mati suri.", 10, "inactive"),
    ("Di Kota Bima ada 400 koperasi, setengahnya tidak aktif.", 50, "inactive"),
]


@pytest.mark.parametrize(("text", "value", "status"), PERCENTAGES)
def test_percentages(text: str, value: float, status: str) -> None:
    found = [f for f in figures(text) if f.unit == "percent"]
    assert [(f.region_code, f.status, f.value) for f in found] == [("52.72", status, value)]


HEDGES = [
    ("sekitar", True, False), ("lebih kurang", True, False), ("kurang lebih", True, False),
    ("kira-kira", True, False), ("hampir", True, False), ("berkisar", True, False),
    ("lebih dari", True, True), ("sedikitnya", True, True), ("setidaknya", True, True),
    ("", False, False),
]


@pytest.mark.parametrize(("hedge", "approximate", "lower_bound"), HEDGES)
def test_hedges(hedge: str, approximate: bool, lower_bound: bool) -> None:
    figure = one(f"Dinas mencatat {hedge} 120 koperasi di Kabupaten Agam tidak aktif.")
    assert (figure.value, figure.is_approximate, figure.is_lower_bound) == (120, approximate, lower_bound)


STATUSES = [
    ("aktif", "active"), ("masih aktif", "active"), ("masih beroperasi", "active"),
    ("tidak aktif", "inactive"), ("tak aktif", "inactive"), ("non-aktif", "inactive"),
    ("nonaktif", "inactive"), ("non aktif", "inactive"), ("mati suri", "inactive"),
    ("vakum", "inactive"), ("pasif", "inactive"), ("tinggal papan nama", "inactive"),
    ("sudah tidak lagi aktif", "inactive"), ("berhenti beroperasi", "inactive"),
]


@pytest.mark.parametrize(("words", "status"), STATUSES)
def test_statuses(words: str, status: str) -> None:
    figure = one(f"Di Kabupaten Agam ada 75 koperasi yang {words}.")
    assert (figure.status, figure.value) == (status, 75)


TYPES = [
    ("simpan pinjam", "savings_loan"), ("produsen", "producer"), ("konsumen", "consumer"),
    ("pemasaran", "marketing"), ("jasa", "service"), ("serba usaha", "multipurpose"),
    ("unit desa", "village_unit"),
]


@pytest.mark.parametrize(("words", "ctype"), TYPES)
def test_types(words: str, ctype: str) -> None:
    figure = one(f"Kabupaten Agam memiliki 40 koperasi {words} yang aktif.")
    assert (figure.cooperative_type, figure.status, figure.value) == (ctype, "active", 40)


SCOPES = [
    ("Kalsel memiliki 183 koperasi primer.", "primary"),
    ("Kalsel memiliki 183 koperasi sekunder.", "secondary"),
    ("Koperasi binaan provinsi di Kalsel sebanyak 183 unit.", "province_supervised"),
    ("Kalsel punya 183 koperasi tingkat provinsi.", "province_level"),
    ("Di Kalsel, 183 koperasi dibina langsung oleh pemerintah pusat.", "national_supervised"),
]


@pytest.mark.parametrize(("text", "scope"), SCOPES)
def test_scopes(text: str, scope: str) -> None:
    figure = one(text)
    assert (figure.region_code, figure.scope, figure.value) == ("63", scope, 183)


NOT_COUNTS = [
    "Sejak tahun 2019 koperasi di Kabupaten Agam dibina dinas.",
    "UU Nomor 25 Tahun 1992 mengatur koperasi di Kabupaten Agam.",
    "Peringatan Hari Koperasi ke-76 digelar di Kabupaten Agam.",
    "Koperasi di Kabupaten Agam menerima bantuan Rp 1,5 juta.",
    "Koperasi tersebar di 13 kabupaten/kota di Sumatera Barat.",
    "Pelatihan koperasi di Kabupaten Agam diikuti 45 orang peserta.",
    "Koperasi di Kabupaten Agam memiliki 12.993 anggota.",
    "Di Kabupaten Agam tercatat 25.000 unit UMKM binaan dinas koperasi.",
    "Pada Senin (13/6/2022) dinas koperasi Kabupaten Agam menggelar rapat.",
    "Sebanyak 649 koperasi di Kabupaten Agam sudah menggelar RAT.",
    "Sebanyak 15 koperasi primer di Kabupaten Agam mengikuti pelatihan.",
    "Kontribusi koperasi di Kabupaten Agam baru 1,8 persen.",
    "Salah satu koperasi di Kabupaten Agam tidak aktif.",
    "Pada 2023 koperasi di Kabupaten Agam terus dibina.",  # a year before its noun
    "Dinas menargetkan 40 koperasi baru di Kabupaten Agam tahun ini.",  # a target, new ones
    "Di Kabupaten Agam ada 12 koperasi lama yang dihidupkan.",
    "Kopwan itu tersebar di Kabupaten Agam sebanyak 35 unit.",  # a kind without a type, named before
    "Di Kabupaten Agam ada koperasi subsektor peternakan 12 unit.",
    "Sudah 75 koperasi di Kabupaten Agam yang kami kunjungi.",  # a relative clause picks a subset
    "Tercatat 60 koperasi yang tersisa di Kabupaten Agam.",
    "Lembaga Perkreditan Desa (LPD) di Kabupaten Agam berjumlah 80 unit.",  # not a cooperative
    "Tahun ini dinas sudah memeriksa 30 KSP di Kabupaten Agam.",  # cooperatives somebody inspected
    "Kegiatan itu diikuti 45 koperasi dari Kabupaten Agam.",  # attendance
    "Di Kabupaten Agam, setiap nagari memiliki satu koperasi.",  # a count per region
    "Tingkat keaktifan koperasi di Kabupaten Agam diharapkan naik menjadi 70 persen.",  # hoped for
    "Sebanyak 25 koperasi di Kabupaten Agam kemudian dibubarkan.",  # "kemudian" is an adverb here
    "Di Kabupaten Agam ada 40 koperasi yang belum berbadan hukum.",
    "Tahun ini tiga koperasi di Kabupaten Agam meraih penghargaan.",  # an award
    "Koperasi aktif di Kabupaten Agam di bawah 100 unit.",  # an upper bound
]


@pytest.mark.parametrize("text", NOT_COUNTS)
def test_what_is_not_a_cooperative_figure(text: str) -> None:
    assert figures(text) == []


CONSTRUCTIONS = [
    pytest.param(  # a whole and its parts in one sentence
        "Di Kabupaten Agam terdapat 300 koperasi, 120 di antaranya tidak aktif dan 180 aktif.",
        {("13.06", "all", "all", "all", "count", 300), ("13.06", "all", "inactive", "all", "count", 120),
         ("13.06", "all", "active", "all", "count", 180)}, id="parts"),
    pytest.param(  # "sisanya" takes the other status
        "Kabupaten Agam punya 300 koperasi. Yang aktif hanya 180 unit. Sisanya 120 unit.",
        {("13.06", "all", "all", "all", "count", 300), ("13.06", "all", "active", "all", "count", 180),
         ("13.06", "all", "inactive", "all", "count", 120)}, id="sisanya"),
    pytest.param(  # an apposed percentage describes the count before it
        "Koperasi aktif di Kabupaten Agam tinggal 180 unit, atau sekitar 60 persen dari total.",
        {("13.06", "all", "active", "all", "count", 180), ("13.06", "all", "active", "all", "percent", 60)},
        id="apposition"),
    pytest.param(  # a status opening a list applies to every item
        "Koperasi nonaktif di Kabupaten Agam terdiri dari 20 koperasi simpan pinjam dan 30 koperasi konsumen.",
        {("13.06", "all", "inactive", "savings_loan", "count", 20),
         ("13.06", "all", "inactive", "consumer", "count", 30)}, id="list"),
    pytest.param(  # the whole's scope passes to its parts
        "Dari 90 koperasi primer di Kabupaten Agam, ada 40 yang tidak aktif.",
        {("13.06", "primary", "all", "all", "count", 90), ("13.06", "primary", "inactive", "all", "count", 40)},
        id="scope-of-the-whole"),
    pytest.param(  # a status wished for is not a status; the percentages split the whole
        "Di Kabupaten Agam, 70 persen koperasi aktif dan 30 persen didorong agar kembali aktif.",
        {("13.06", "all", "active", "all", "percent", 70), ("13.06", "all", "inactive", "all", "percent", 30)},
        id="wished-status"),
    pytest.param(  # a subset the vocabulary has no name for is not a figure
        "Kabupaten Agam punya 300 koperasi. Di antara 180 koperasi aktif, baru 50 unit yang sehat.",
        {("13.06", "all", "all", "all", "count", 300), ("13.06", "all", "active", "all", "count", 180)},
        id="unnamed-subset"),
    pytest.param(  # an elided noun takes the type its listed sibling names
        "Kabupaten Agam punya 70 unit, sedangkan Kabupaten Pasaman punya 40 unit koperasi simpan pinjam.",
        {("13.06", "all", "all", "savings_loan", "count", 70), ("13.08", "all", "all", "savings_loan", "count", 40)},
        id="elided-noun-sibling"),
    pytest.param(  # ... but a count that names its own noun keeps "all"
        "Koperasi di Kabupaten Agam ada 300 unit, sedangkan koperasi simpan pinjam 70 unit.",
        {("13.06", "all", "all", "all", "count", 300), ("13.06", "all", "all", "savings_loan", "count", 70)},
        id="own-noun-is-not-elided"),
    pytest.param(  # ... nor does a whole take the type of its part
        "Kabupaten Agam punya 500 unit, 300 di antaranya koperasi simpan pinjam.",
        {("13.06", "all", "all", "all", "count", 500), ("13.06", "all", "all", "savings_loan", "count", 300)},
        id="a-whole-is-not-its-part"),
    pytest.param(  # a ranking over several sentences keeps the type it set
        "Kabupaten Agam memiliki KSU terbanyak, yakni 90 unit. Di bawahnya ada 60 unit di Kabupaten Pasaman.",
        {("13.06", "all", "all", "multipurpose", "count", 90), ("13.08", "all", "all", "multipurpose", "count", 60)},
        id="ranking-carries-type"),
    pytest.param(  # a status after an apposition belongs to the subject
        "Sebanyak 80 koperasi di Kabupaten Agam, atau 40 persen dari 200 koperasi, kini mati suri.",
        {("13.06", "all", "inactive", "all", "count", 80), ("13.06", "all", "inactive", "all", "percent", 40),
         ("13.06", "all", "all", "all", "count", 200)}, id="status-past-apposition"),
    pytest.param(  # "naik dari" continues the figure over time; it opens no whole
        "Tahun 2024 ada 500 koperasi di Kabupaten Agam, naik dari 450 unit pada 2022 dan 400 unit pada 2020.",
        {("13.06", "all", "all", "all", "count", 500), ("13.06", "all", "all", "all", "count", 450),
         ("13.06", "all", "all", "all", "count", 400)}, id="continuation-not-a-part"),
    pytest.param(  # "bertambah lagi hingga": the same status at another time
        "Pada 2021 ada 50 koperasi tidak aktif di Kabupaten Agam, lalu bertambah lagi hingga 65 unit pada 2023.",
        {("13.06", "all", "inactive", "all", "count", 50), ("13.06", "all", "inactive", "all", "count", 65)},
        id="continuation-verb"),
    pytest.param(  # relative clauses that only say the cooperatives exist keep the whole
        "Ada 300 koperasi yang terdaftar di Kabupaten Agam dan 120 koperasi yang tidak aktif.",
        {("13.06", "all", "all", "all", "count", 300), ("13.06", "all", "inactive", "all", "count", 120)},
        id="relative-clause-of-existence"),
    pytest.param(  # a relative clause on another noun does not restrict the count
        "Di Kabupaten Agam ada sekitar 90 koperasi dengan kondisi yang memprihatinkan.",
        {("13.06", "all", "all", "all", "count", 90)}, id="relative-clause-of-another-noun"),
    pytest.param(  # the status of a list's head goes to every item, word numbers included
        "Koperasi aktif itu terdiri atas 40 KSP, 30 KSU dan dua belas koperasi jasa di Kabupaten Agam.",
        {("13.06", "all", "active", "savings_loan", "count", 40), ("13.06", "all", "active", "multipurpose", "count", 30),
         ("13.06", "all", "active", "service", "count", 12)}, id="list-head-status"),
    pytest.param(  # a subordinate clause ("setelah ...") does not qualify the count
        "Koperasi di Kabupaten Agam turun menjadi 250 unit setelah dinas membubarkan koperasi.",
        {("13.06", "all", "all", "all", "count", 250)}, id="subordinate-clause"),
    pytest.param(  # parts named by their regions, in the sentence and after "dari total tersebut"
        "Sumatera Barat punya 900 koperasi aktif. Dari jumlah itu, Kabupaten Agam punya 300 unit "
        "dan Kabupaten Pasaman 200 unit.",
        {("13", "all", "active", "all", "count", 900), ("13.06", "all", "active", "all", "count", 300),
         ("13.08", "all", "active", "all", "count", 200)}, id="regional-parts"),
    pytest.param(  # "dari total tersebut" is the last whole, not the last item of a type list
        "Sumatera Barat punya 900 koperasi. Ada 500 KSP dan 400 KSU. "
        "Dari total tersebut, Kabupaten Agam menyumbang 300 unit.",
        {("13", "all", "all", "all", "count", 900), ("13", "all", "all", "savings_loan", "count", 500),
         ("13", "all", "all", "multipurpose", "count", 400), ("13.06", "all", "all", "all", "count", 300)},
        id="part-of-the-last-whole"),
    pytest.param(  # "tingkat keaktifan" is the active share
        "Tingkat keaktifan koperasi di Kabupaten Agam mencapai 64 persen.",
        {("13.06", "all", "active", "all", "percent", 64)}, id="activity-rate"),
    pytest.param(  # "diikuti" in a ranking is "followed by", not attendance
        "Koperasi di Kabupaten Agam didominasi KSU sebanyak 120 unit, diikuti koperasi jasa 45 unit.",
        {("13.06", "all", "all", "multipurpose", "count", 120), ("13.06", "all", "all", "service", "count", 45)},
        id="ranking-diikuti"),
    pytest.param(  # a status belongs to the nearest number, never across another one
        "Di Kabupaten Agam tercatat 300 koperasi dengan 180 koperasi aktif.",
        {("13.06", "all", "all", "all", "count", 300), ("13.06", "all", "active", "all", "count", 180)},
        id="status-not-across-a-number"),
    pytest.param(  # a status after an apposed share is the predicate of the count too
        "Kabupaten Agam punya 300 koperasi, sementara 120 koperasi atau 40 persen lainnya mati suri.",
        {("13.06", "all", "all", "all", "count", 300), ("13.06", "all", "inactive", "all", "count", 120),
         ("13.06", "all", "inactive", "all", "percent", 40)}, id="status-after-apposed-share"),
    pytest.param(  # a time series: "lalu" and then "dan" continue the measure
        "Koperasi aktif di Kabupaten Agam turun menjadi 210 unit pada 2020, lalu 190 unit pada 2021, "
        "dan 170 unit pada 2022.",
        {("13.06", "all", "active", "all", "count", 210), ("13.06", "all", "active", "all", "count", 190),
         ("13.06", "all", "active", "all", "count", 170)}, id="series"),
    pytest.param(  # supervising is how the supervised scope is stated, not a qualifier
        "Dinas Koperasi Sumatera Barat membina 58 koperasi yang menjadi kewenangan provinsi.",
        {("13", "province_supervised", "all", "all", "count", 58)}, id="supervising-verb"),
    pytest.param(  # a count of administrative units takes no type from the sentence before
        "Kabupaten Agam punya 40 KUD. Koperasi itu tersebar di 82 nagari.",
        {("13.06", "all", "all", "village_unit", "count", 40)}, id="administrative-units"),
    pytest.param(  # an abbreviation in brackets between a type and its count does not cut the clause
        "Di Kabupaten Agam ada KSP sebanyak 90 unit, disusul koperasi serba usaha (KSU) 70 unit dan "
        "koperasi jasa 20 unit.",
        {("13.06", "all", "all", "savings_loan", "count", 90), ("13.06", "all", "all", "multipurpose", "count", 70),
         ("13.06", "all", "all", "service", "count", 20)}, id="abbreviation-before-a-count"),
    pytest.param(  # a sentence that goes on with the previous one's list keeps its status
        "Koperasi aktif di Kabupaten Agam didominasi KSP sebanyak 90 unit. Berikutnya koperasi jasa 20 unit.",
        {("13.06", "all", "active", "savings_loan", "count", 90), ("13.06", "all", "active", "service", "count", 20)},
        id="list-continues"),
    pytest.param(  # "X dan Y masing-masing N": N of each
        "Di Kabupaten Agam, koperasi produsen dan koperasi pemasaran masing-masing 15 unit.",
        {("13.06", "all", "all", "producer", "count", 15), ("13.06", "all", "all", "marketing", "count", 15)},
        id="each-of-two-types"),
    pytest.param(  # every registered cooperative is a legal entity
        "Kabupaten Agam memiliki 300 koperasi berbadan hukum, 180 di antaranya aktif.",
        {("13.06", "all", "all", "all", "count", 300), ("13.06", "all", "active", "all", "count", 180)},
        id="berbadan-hukum"),
    pytest.param(  # a region outside the whole's is not a part of it
        "Kabupaten Agam punya 300 koperasi aktif. Dari jumlah itu, 120 unit ada di Kota Bima.",
        {("13.06", "all", "active", "all", "count", 300)}, id="a-part-must-lie-within-the-whole"),
    pytest.param(  # a part that adds a status keeps its whole's type
        "Kabupaten Agam mencatat 300 koperasi. Dari 20 KUD yang terdaftar, hanya 8 yang aktif.",
        {("13.06", "all", "all", "all", "count", 300), ("13.06", "all", "all", "village_unit", "count", 20),
         ("13.06", "all", "active", "village_unit", "count", 8)}, id="a-part-keeps-its-whole's-type"),
    pytest.param(  # "dari total koperasi di X, N di antaranya": part of the last whole, after a reporting lead
        "Sumatera Barat mencatat 4.000 koperasi, 2.500 di antaranya aktif. Ia menambahkan, dari total "
        "koperasi di Sumbar, 150 di antaranya merupakan binaan provinsi.",
        {("13", "all", "all", "all", "count", 4000), ("13", "all", "active", "all", "count", 2500),
         ("13", "province_supervised", "all", "all", "count", 150)}, id="part-of-the-named-total"),
    pytest.param(  # cooperatives are placed where they are; the province only supervises them
        "Kabupaten Agam punya 300 koperasi. Ada pula 12 koperasi di Kabupaten Agam yang menjadi binaan provinsi.",
        {("13.06", "all", "all", "all", "count", 300), ("13.06", "province_supervised", "all", "all", "count", 12)},
        id="supervised-cooperatives-of-a-regency"),
    pytest.param(  # without a place of their own, supervised cooperatives are the province's
        "Sumatera Barat mencatat 4.000 koperasi. Kabupaten Agam memiliki 300 koperasi dan Kabupaten Pasaman "
        "200 koperasi. Selain itu, 40 koperasi menjadi binaan provinsi.",
        {("13", "all", "all", "all", "count", 4000), ("13.06", "all", "all", "all", "count", 300),
         ("13.08", "all", "all", "all", "count", 200), ("13", "province_supervised", "all", "all", "count", 40)},
        id="supervised-cooperatives-of-a-province"),
    pytest.param(  # a place after "dan" is another clause's
        "Dinas Koperasi Sumatera Barat mencatat 27 koperasi binaan provinsi dan sebagian besar berkantor di "
        "Kota Padang.", {("13", "province_supervised", "all", "all", "count", 27)}, id="place-of-another-clause"),
    pytest.param(  # a count spread over several regencies is the province's
        "Kota Padang memiliki 700 koperasi dari total 4.000 koperasi di 19 kabupaten/kota.",
        {("13.71", "all", "all", "all", "count", 700), ("13", "all", "all", "all", "count", 4000)},
        id="over-several-regencies"),
    pytest.param(  # "di antaranya" after a count of its sentence is a part of that count
        "Kabupaten Agam mencatat 300 koperasi. Dari total tersebut, sebanyak 40 koperasi merupakan koperasi "
        "primer, 25 di antaranya aktif.",
        {("13.06", "all", "all", "all", "count", 300), ("13.06", "primary", "all", "all", "count", 40),
         ("13.06", "primary", "active", "all", "count", 25)}, id="di-antaranya-of-a-count-in-its-sentence"),
    pytest.param(  # "di antaranya" introduces a list: its head's status and scope go to every item
        "Kabupaten Agam mencatat 300 koperasi primer. Koperasi primer yang aktif di antaranya 30 koperasi "
        "konsumen, 20 koperasi jasa, dan 10 koperasi produsen.",
        {("13.06", "primary", "all", "all", "count", 300), ("13.06", "primary", "active", "consumer", "count", 30),
         ("13.06", "primary", "active", "service", "count", 20),
         ("13.06", "primary", "active", "producer", "count", 10)}, id="di-antaranya-introduces-a-list"),
    pytest.param(  # a remainder keeps the scope of what it is the rest of
        "Dari 160 koperasi primer di Kabupaten Agam, yang aktif 97 unit. Sisanya, 63 koperasi, tidak aktif.",
        {("13.06", "primary", "all", "all", "count", 160), ("13.06", "primary", "active", "all", "count", 97),
         ("13.06", "primary", "inactive", "all", "count", 63)}, id="remainder-keeps-the-scope"),
    pytest.param(  # the supervisor's region is not where the cooperatives are
        "Kabupaten Agam punya 300 koperasi. Dari 300 koperasi tersebut, 11 koperasi menjadi kewenangan "
        "Pemerintah Provinsi Sumatera Barat.",
        {("13.06", "all", "all", "all", "count", 300), ("13.06", "province_supervised", "all", "all", "count", 11)},
        id="supervised-part-of-a-regency"),
    pytest.param(  # supervision by an office and by the ministry
        "Dari seluruh koperasi yang berdomisili di Kota Padang, 41 koperasi pembinaannya berada di Dinas "
        "Koperasi Provinsi Sumatera Barat dan 9 koperasi di bawah pengawasan Kementerian Koperasi.",
        {("13.71", "province_supervised", "all", "all", "count", 41),
         ("13.71", "national_supervised", "all", "all", "count", 9)}, id="supervised-by-an-office"),
    pytest.param(  # shares that go on with the previous sentence's typed shares keep their status
        "Di Kabupaten Agam, koperasi simpan pinjam mendominasi, sekitar 38 persen dari koperasi aktif. "
        "Kemudian koperasi konsumen 31 persen dan koperasi jasa 12 persen.",
        {("13.06", "all", "active", "savings_loan", "percent", 38),
         ("13.06", "all", "active", "consumer", "percent", 31),
         ("13.06", "all", "active", "service", "percent", 12)}, id="typed-shares-continue"),
    pytest.param(  # a predicate after an apposed region name
        "Sebanyak 158 koperasi di Kabupaten Agam, Sumatera Barat, tercatat tidak aktif.",
        {("13.06", "all", "inactive", "all", "count", 158)}, id="predicate-after-apposed-names"),
    pytest.param(  # a wish after the count does not undo the status its relative clause states
        "Dinas mendorong 141 koperasi yang tidak aktif di Kabupaten Agam untuk kembali menjalankan usaha.",
        {("13.06", "all", "inactive", "all", "count", 141)}, id="status-before-a-wish"),
    pytest.param(  # a sentence that names cooperatives does not borrow the previous sentence's type
        "Di Kabupaten Agam, KSP terbanyak dengan 120 unit. Sumatera Barat merupakan provinsi dengan jumlah "
        "koperasi terbanyak, sekitar 25 ribu unit.",
        {("13.06", "all", "all", "savings_loan", "count", 120), ("13", "all", "all", "all", "count", 25000)},
        id="no-borrowed-type"),
    pytest.param(  # what a count leaves out does not qualify it
        "Di Kabupaten Agam tercatat 300 koperasi di luar Koperasi Merah Putih.",
        {("13.06", "all", "all", "all", "count", 300)}, id="di-luar"),
    pytest.param(  # being domiciled somewhere does not restrict a count
        "Ada 12 koperasi yang berkedudukan di Kabupaten Agam.",
        {("13.06", "all", "all", "all", "count", 12)}, id="berkedudukan"),
    pytest.param(  # a line ending in ":" names the status of the lines listed below it
        "Kabupaten Agam berbenah. Berikut jumlah koperasi aktif per kecamatan:\n\nKota Padang: 120 unit\n"
        "Kabupaten Pasaman: 80 unit\n\nKoperasi di Kabupaten Agam berjumlah 300 unit.",
        {("13.71", "all", "active", "all", "count", 120), ("13.08", "all", "active", "all", "count", 80),
         ("13.06", "all", "all", "all", "count", 300)}, id="list-under-a-heading"),
    pytest.param(  # a list line labelled with a year is dated by it, and a series is not a contradiction
        "Kabupaten Agam mencatat 300 koperasi.\n\nJumlah koperasi aktif di Kabupaten Agam sebagai berikut:\n\n"
        "- 2020: 97 unit\n- 2021: 104 unit\n",
        {("13.06", "all", "all", "all", "count", 300), ("13.06", "all", "active", "all", "count", 97),
         ("13.06", "all", "active", "all", "count", 104)},
        id="year-labelled-lines"),
    pytest.param(  # the status after "dari N koperasi itu" is the part's
        "Di Kabupaten Agam, dari 181 koperasi itu yang aktif sebanyak 129 unit.",
        {("13.06", "all", "all", "all", "count", 181), ("13.06", "all", "active", "all", "count", 129)},
        id="status-after-the-whole-is-the-part's"),
    pytest.param(  # a whole without a number opening the sentence gives its status to the list
        "Kabupaten Agam punya 300 koperasi. Di antara koperasi aktif itu terdapat 24 KUD, 71 koperasi simpan "
        "pinjam dan 33 koperasi jasa.",
        {("13.06", "all", "all", "all", "count", 300), ("13.06", "all", "active", "village_unit", "count", 24),
         ("13.06", "all", "active", "savings_loan", "count", 71), ("13.06", "all", "active", "service", "count", 33)},
        id="opening-whole-without-a-number"),
    pytest.param(  # "didominasi" introduces a typed list
        "Di Kabupaten Agam, koperasi yang aktif didominasi koperasi serba usaha sebanyak 52 unit dan koperasi "
        "simpan pinjam 31 unit.",
        {("13.06", "all", "active", "multipurpose", "count", 52),
         ("13.06", "all", "active", "savings_loan", "count", 31)},
        id="didominasi"),
    pytest.param(  # the licensing office states the scope
        "Di Kabupaten Agam ada 5 koperasi yang izinnya dikeluarkan Kementerian Koperasi.",
        {("13.06", "national_supervised", "all", "all", "count", 5)}, id="licensed-by-the-ministry"),
    pytest.param(  # supervised cooperatives without a place of their own are those the article is about
        "Kota Padang mencatat 400 koperasi. Kota Padang, Kabupaten Agam dan Kabupaten Pasaman berbenah. "
        "Yang kewenangan provinsi ada 11 koperasi.",
        {("13.71", "all", "all", "all", "count", 400), ("13.71", "province_supervised", "all", "all", "count", 11)},
        id="supervised-of-the-article's-region"),
    pytest.param(  # an institution counted after a typed figure is not of that type
        "Koperasi produsen di Kabupaten Agam berjumlah 20 unit. Kabupaten Agam juga memiliki 307 Lembaga "
        "Perkreditan Desa.", {("13.06", "all", "all", "producer", "count", 20)}, id="lembaga-is-not-a-cooperative"),
]


@pytest.mark.parametrize(("text", "expected"), CONSTRUCTIONS)
def test_constructions(text: str, expected: set[Row]) -> None:
    assert rows(text) == expected


REGIONS = [
    pytest.param("Di Musi Banyuasin ada 200 koperasi.", "16.06", id="Musi Banyuasin is not Banyuasin"),
    pytest.param("Di Banyuasin ada 200 koperasi.", "16.07", id="Banyuasin"),
    pytest.param("Di Solok Selatan ada 200 koperasi.", "13.11", id="Solok Selatan is not Solok"),
    pytest.param("Di Kota Bima ada 200 koperasi.", "52.72", id="Kota Bima is not Kabupaten Bima"),
    pytest.param("Di Kabupaten Bima ada 200 koperasi.", "52.06", id="Kabupaten Bima"),
    pytest.param("Di Kab. Bima ada 200 koperasi.", "52.06", id="abbreviated prefix"),
    pytest.param("Koperasi di Kalsel berjumlah 200 unit.", "63", id="abbreviation"),
    pytest.param("KUPANG – Di Kabupaten Blora ada 200 koperasi.", "33.16", id="dateline is not the subject"),
    pytest.param("Di Kota Banjarbaru, Kalimantan Selatan, ada 200 koperasi.", "63.72",
                 id="a province locating its city"),
    pytest.param("Kota Tangerang Selatan (Tangsel) rajin mendata. Tangsel punya 200 koperasi.", "36.74",
                 id="abbreviation defined in brackets"),
    pytest.param("Kabupaten Blora sedang berbenah. Kecamatan Cepu punya 200 koperasi.", "33.16.05",
                 id="district within the regency"),
    pytest.param("Kalimantan Selatan sedang berbenah. Koperasi di Banua ada 200 unit.", "63",
                 id="epithet in context"),
    pytest.param("Kabupaten Agam sedang berbenah. Tercatat 200 koperasi aktif.", "13.06",
                 id="the region the text is about"),
    pytest.param("Kepala dinas berbicara di Padang, Senin. Kabupaten Agam punya 200 koperasi.", "13.06",
                 id="place of speech is not the subject"),
    pytest.param("Di Kota Tanjungpinang ada 200 koperasi.", "21.72", id="a two-word name written as one"),
    pytest.param("Kabupaten Agam berbenah. Secara nasional, koperasi aktif mencapai 130.119 unit.", "ID",
                 id="secara nasional"),
    pytest.param("Sebanyak 200 koperasi di Agam, Sumatera Barat (Sumbar), tidak aktif.", "13.06",
                 id="an abbreviated locator is not the subject"),
    pytest.param("Kota Padang yang berbatasan dengan Kabupaten Agam memiliki 200 koperasi.", "13.71",
                 id="a neighbour in a relative clause is not the subject"),
    pytest.param("Kabupaten Agam berbenah. Tercatat 200 koperasi aktif di seluruh Indonesia.", "ID",
                 id="di seluruh Indonesia"),
    pytest.param("Perahu melintasi Sungai Kapuas di Kabupaten Agam. Tercatat 200 koperasi aktif.",
                 "13.06", id="a river is not a region"),
    pytest.param("Geliat Koperasi di Pesisir Selatan\n\nKabupaten Malang terus berbenah. Tercatat 200 koperasi aktif.",
                 "35.07", id="a headline region the body never names is a misreading"),
    pytest.param("Koperasi di Sumbar Berbenah\n\nKota Padang ikut berbenah. Tercatat 200 koperasi aktif.",
                 "13", id="a headline region the body names a part of"),
    pytest.param("Kalimantan Utara mencatat 700 koperasi di provinsi termuda di Indonesia itu.", "65",
                 id="a place that only locates a described one"),
    pytest.param("Koperasi di Pematang Raya, Kabupaten Simalungun, terus berbenah. Tercatat 200 koperasi aktif.",
                 "12.08",
                 id="a district name at the end of another name is not the district"),
]


@pytest.mark.parametrize(("text", "code"), REGIONS)
def test_region_resolution(text: str, code: str) -> None:
    assert one(text).region_code == code


def test_an_epithet_without_its_region_resolves_to_nothing() -> None:
    assert figures("Koperasi di Banua terus tumbuh. Tercatat 200 koperasi aktif.") == []


def test_a_district_outside_the_article_regencies_is_not_resolved() -> None:
    gazetteer = default_gazetteer()
    assert {c.region.region_type for c in gazetteer.candidates("Cepu")} == {"kecamatan"}
    assert figures("Di Cepu ada 200 koperasi.") == []


def test_each_figure_takes_the_region_its_phrase_names() -> None:
    text = "Kota Jambi punya 766 koperasi, Kabupaten Tebo 291 koperasi, dan 210 koperasi ada di Kabupaten Bungo."
    assert {(f.region_code, f.value) for f in figures(text)} == {("15.71", 766), ("15.09", 291), ("15.08", 210)}


def test_regions_listed_before_masing_masing_pair_up_with_the_numbers() -> None:
    text = "Kabupaten Agam dan Kabupaten Pasaman masing-masing memiliki 300 dan 200 koperasi."
    assert {(f.region_code, f.value) for f in figures(text)} == {("13.06", 300), ("13.08", 200)}


def test_time_series_in_one_article_gets_one_date_per_value() -> None:
    text = ("Tahun 2011 ada 171 koperasi di Kota Batu, tahun 2012 ada 180 koperasi. "
            "Adapun pada 2013 tercatat 190 koperasi.")
    assert {(f.as_of_date, f.value) for f in figures(text)} == {("2011", 171), ("2012", 180), ("2013", 190)}


def test_a_figure_stated_again_is_one_figure() -> None:
    text = ("300 Koperasi di Kabupaten Agam Tidak Aktif\n\n"
            "Per Desember 2023, sebanyak 300 koperasi di Kabupaten Agam tidak aktif. "
            "Dinas menegaskan, 300 koperasi itu tidak aktif.")
    (figure,) = figures(text)
    assert (figure.value, figure.status, figure.as_of_date) == (300, "inactive", "2023-12")
    assert figure.evidence.startswith("Per Desember 2023")  # the body, not the headline


def test_one_figure_stated_with_two_values_is_kept_twice() -> None:
    text = "Kabupaten Agam punya 300 koperasi aktif. Dinas juga menyebut 310 koperasi aktif di Kabupaten Agam."
    assert sorted(f.value for f in figures(text)) == [300, 310]


def test_a_restatement_with_a_vaguer_date_is_one_figure() -> None:
    text = ("Per Desember 2022 Kabupaten Agam punya 300 koperasi. "
            "Pada 2022, dari total 300 koperasi itu, 120 tidak aktif.")
    assert {(f.status, f.value, f.as_of_date) for f in figures(text)} == {
        ("all", 300, "2022-12"), ("inactive", 120, "2022")}


def test_the_date_of_a_figure() -> None:
    text = "Per 31 Desember 2021, Kabupaten Agam memiliki 300 koperasi."
    assert one(text).as_of_date == "2021-12-31"
    assert extract_figures("x", "Kabupaten Agam memiliki 300 koperasi.", None)[0].as_of_date is None
    written = "Rapat digelar Senin (13/6/2022). Kabupaten Agam memiliki 300 koperasi."
    assert extract_figures("x", written, None)[0].as_of_date == "2022-06-13"


def test_evidence_is_the_sentence_verbatim() -> None:
    text = "PADANG – Kabupaten Agam memiliki  300 koperasi. Yang lain tidak."
    figure = one(text)
    assert figure.evidence == "Kabupaten Agam memiliki  300 koperasi."
    assert figure.evidence in text


def test_see_also_lines_are_not_read() -> None:
    assert figures("Baca Juga: 500 Koperasi di Kabupaten Agam Tidak Aktif\nKabupaten Agam punya 300 koperasi.") \
        == figures("Kabupaten Agam punya 300 koperasi.")


def test_sentences_keep_abbreviations_and_decimals_whole() -> None:
    text = "Kepala Dinas Ir. H. Budi, S.P., M.Si. hadir. Ada 3.027 koperasi, 55.3 persen aktif."
    assert [s.text for s in split_sentences(text)] == [
        "Kepala Dinas Ir. H. Budi, S.P., M.Si. hadir.", "Ada 3.027 koperasi, 55.3 persen aktif."]


@pytest.mark.parametrize(("name", "key"), [
    ("Kab. Banyuasin", "kabupaten banyuasin"), ("Prov Kalsel", "provinsi kalsel"),
    ("KOTA  Tangerang-Selatan", "kota tangerang selatan"),
    ("Kota Adm. Jakarta Pusat", "kota administrasi jakarta pusat"),
])
def test_name_key_matches_the_dbt_macro(name: str, key: str) -> None:
    assert name_key(name) == key
