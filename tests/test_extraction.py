"""The extractor on sentences of our own: numbers, words, regions, dates and merging.

Each case is a short article and the figures a careful reader takes from it, written by hand;
none of these sentences is from a corpus. The constructions (parts and wholes, lists,
remainders, ...) have their examples next to them, as data, run by test_construction_examples.py.
"""

from __future__ import annotations

import pytest

from dagster_project.domain.extraction import ExtractedFigure, extract_figures
from dagster_project.domain.extraction.gazetteer import default_gazetteer, name_key
from dagster_project.domain.extraction.text import dateline, mask_article, split_sentences


def figures(text: str, published: str | None = "2024-03-01") -> list[ExtractedFigure]:
    return extract_figures("case", text, published)


def one(text: str) -> ExtractedFigure:
    found = figures(text)
    assert len(found) == 1, found
    return found[0]


NUMBERS = [
    ("Di Kabupaten Blora tercatat 3.027 koperasi.", 3027),
    ("Di Kabupaten Blora tercatat 4282 koperasi.", 4282),
    ("Di Kabupaten Blora tercatat 32 ribu koperasi.", 32000),
    ("Di Kabupaten Blora tercatat 0,1 juta koperasi.", 100_000),  # not more than Indonesia ever had
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
    ("sudah tidak lagi aktif", "inactive"), ("berhenti beroperasi", "inactive"), ("gulung tikar", "inactive"),
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


# Texts the extractor does not read at all (an article must name a cooperative); what it reads and
# drops is in the qualifiers' examples (domain/extraction/constructions/examples/qualifiers.toml).
NOT_READ = [
    "Peringatan Hari Koperasi ke-76 digelar di Kabupaten Agam.",  # an ordinal is no number
    "Kopwan itu tersebar di Kabupaten Agam sebanyak 35 unit.",  # no cooperative named
    "Lembaga Perkreditan Desa (LPD) di Kabupaten Agam berjumlah 80 unit.",
    "Kabupaten Agam\nNusantara511 Unit Koperasi di Agam tak...\n",  # a teaser of another story
]


@pytest.mark.parametrize("text", NOT_READ)
def test_what_is_not_read(text: str) -> None:
    assert figures(text) == []


REGIONS = [
    pytest.param("Di Musi Banyuasin ada 200 koperasi.", "16.06", id="Musi Banyuasin is not Banyuasin"),
    pytest.param("Di Banyuasin ada 200 koperasi.", "16.07", id="Banyuasin"),
    pytest.param("Di Solok Selatan ada 200 koperasi.", "13.11", id="Solok Selatan is not Solok"),
    pytest.param("Di Kota Bima ada 200 koperasi.", "52.72", id="Kota Bima is not Kabupaten Bima"),
    pytest.param("Di Kabupaten Bima ada 200 koperasi.", "52.06", id="Kabupaten Bima"),
    pytest.param("Di Kab. Bima ada 200 koperasi.", "52.06", id="abbreviated prefix"),
    pytest.param("Koperasi di Kalsel berjumlah 200 unit.", "63", id="abbreviation"),
    pytest.param("KUPANG – Di Kabupaten Blora ada 200 koperasi.", "33.16", id="dateline is not the subject"),
    pytest.param("Blora sedang berbenah.\nMedan, (HR)-Sebanyak 200 koperasi tidak aktif.", "33.16",
                 id="a title-case dateline with its agency is not the subject"),
    pytest.param("Blora sedang berbenah.\nMUNGKID—Sebanyak 200 koperasi tidak aktif.", "33.16",
                 id="a dateline before an em dash without spaces"),
    pytest.param("Blora sedang berbenah.\nPOS-KUPANG.COM | KUPANG - Sebanyak 200 koperasi tidak aktif.", "33.16",
                 id="a dateline after the site's name and a bar"),
    pytest.param("POS-KUPANG.COM | LEMBATA - Dinas mencatat sebanyak 200 koperasi di daerah ini tidak aktif.", "53.13",
                 id="the place of a dateline is the one after the bar, not the site's"),
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
    pytest.param("Kepala Dinas Koperasi Kabupaten Agam saat dihubungi dari Padang, Senin, mengatakan ada 200 "
                 "koperasi di daerah itu.", "13.06", id="where the reporter reached the speaker is not the subject"),
    pytest.param("Di Kota Tanjungpinang ada 200 koperasi.", "21.72", id="a two-word name written as one"),
    pytest.param("Di Palangka Raya ada 200 koperasi.", "62.71", id="a one-word name written as two (an alias)"),
    pytest.param("Kabupaten Agam berbenah. Secara nasional, koperasi aktif mencapai 130.119 unit.", "ID",
                 id="secara nasional"),
    pytest.param("Sebanyak 200 koperasi di Agam, Sumatera Barat (Sumbar), tidak aktif.", "13.06",
                 id="an abbreviated locator is not the subject"),
    pytest.param("Koperasi di Kabupaten Kotawaringin Timur (Kotim), Provinsi Kalimantan Tengah (Kalteng), ada 200 "
                 "unit.", "62.02", id="a locator after an abbreviated regency is not the subject"),
    pytest.param("Kota Padang yang berbatasan dengan Kabupaten Agam memiliki 200 koperasi.", "13.71",
                 id="a neighbour in a relative clause is not the subject"),
    pytest.param("Kabupaten Agam berbenah. Tercatat 200 koperasi aktif di seluruh Indonesia.", "ID",
                 id="di seluruh Indonesia"),
    pytest.param("Jawa Timur menjadi provinsi dengan jumlah koperasi terbanyak di Indonesia, yakni 12.358 unit.", "35",
                 id="the place a superlative ranks within is not the subject"),
    pytest.param("Untuk di Bali, jumlahnya lebih kecil dibandingkan provinsi lainnya di Indonesia, yakni 400 koperasi.",
                 "51", id="the place a comparison is made within is not the subject"),
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


@pytest.mark.parametrize("text", [
    "Di DIY terdapat 2.000 koperasi. Koperasi paling banyak di Kabupaten Bantul sebanyak 500 unit.",
    "Koperasi aktif di Kabupaten Sleman 500 unit, dibandingkan dengan di Kabupaten Bantul yang hanya 300 unit.",
], ids=["a superlative's place when the region before is not in it", "the place compared with"])
def test_a_place_of_a_comparison_is_the_subject_of_its_own_count(text: str) -> None:
    assert figures(text)[-1].region_code == "34.02"  # Kabupaten Bantul


def test_an_epithet_without_its_region_resolves_to_nothing() -> None:
    assert figures("Koperasi di Banua terus tumbuh. Tercatat 200 koperasi aktif.") == []


def test_a_district_outside_the_article_regencies_is_not_resolved() -> None:
    gazetteer = default_gazetteer()
    assert {c.region.region_type for c in gazetteer.candidates("Cepu")} == {"kecamatan"}
    assert figures("Di Cepu ada 200 koperasi.") == []


def test_each_figure_takes_the_region_its_phrase_names() -> None:
    text = "Kota Jambi punya 766 koperasi, Kabupaten Tebo 291 koperasi, dan 210 koperasi ada di Kabupaten Bungo."
    assert {(f.region_code, f.value) for f in figures(text)} == {("15.71", 766), ("15.09", 291), ("15.08", 210)}


def test_a_dateline_of_a_place_and_a_domain_name_is_no_subject_and_names_the_place() -> None:
    text = "PALEMBANG, iNews.id - Sekitar 50 persen dari total 8.600 koperasi di Kabupaten Agam tidak aktif."
    assert {(f.region_code, f.value) for f in figures(text)} == {("13.06", 50), ("13.06", 8600)}
    for line, place in (("TABANAN, BALIPOST.com –", "TABANAN"), ("Jakarta, Kompas.com -", "Jakarta"),
                        ("Liputan6.com, Jakarta -", "Jakarta"), ("MATARAM, www.lombokpost.net -", "MATARAM"),
                        ("JAMBI, jambi.antaranews.com -", "JAMBI"), ("BAU-BAU, kompas.com -", "BAU-BAU"),
                        ("LEWOLEBA, POS-KUPANG.COM -", "LEWOLEBA"), ("MAKASSAR, FAJAR.CO.ID -", "MAKASSAR")):
        text = f"{line} Dinas mencatat sebanyak 200 koperasi di daerah ini tidak aktif."
        assert dateline(text, mask_article(text)) == place, line
    for prose in ("BPS, melalui data.go.id - 300 koperasi aktif.", "Kota Padang, 2023 - 300 koperasi aktif."):
        assert dateline(prose, mask_article(prose)) == "", prose
    # a place and a word that may be a site's name or a second place: both go to the region reader,
    # which takes the first that is no district (a dateline's region is held back: a person decides)
    for line, region in (("Lubuk Basung, Agam –", "13.06"), ("Padang, Antara -", "13.71"),
                         ("AMBON, Siwalimanews –", "81.71"), ("Agam, InfoPublik -", "13.06"),
                         ("Sleman, Harian Jogja -", "34.04"),
                         ("Cibinong, Bogor -", "32.01")):  # a regency's seat, a district: the regency
        text = f"{line} Dinas Koperasi mencatat sebanyak 118 koperasi tidak aktif."
        assert dateline(text, mask_article(text)) == line.rstrip(" –-"), line
        assert [(f.region_code, f.is_published) for f in figures(text)] == [(region, False)], line
    # further down, a line of a place and a site is no dateline: its region is read
    text = ("Data koperasi di Nusa Tenggara Timur tahun 2023 per daerah, dihimpun dari sumber resmi daerah.\n\n"
            "KABUPATEN KUPANG, Diskop.id - 300 koperasi aktif.")
    assert dateline(text, mask_article(text)) == "" and [f.region_code for f in figures(text)] == ["53.01"]


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


def test_a_sentence_hard_wrapped_over_lines_is_read_whole() -> None:
    """A PDF flattened to text breaks sentences anywhere, and a page puts `Advertisement` between."""
    text = ("Koperasi di Agam\n"
            "Pada tahun 2013 jumlah koperasi aktif di Kabupaten Agam tercatat\n"
            "Advertisement\n"
            "143 unit bertambah menjadi 147 unit pada\n"
            "2014.\n"
            "\n"
            "lalu sebuah paragraf baru yang panjang dan tidak berakhir dengan titik\n"
            "Lebih Separuh Koperasi di Kabupaten Agam tak Aktif Sejak Lama\n"
            "dinas mencatat 300 koperasi.")
    assert [s.text for s in split_sentences(text)] == [
        "Koperasi di Agam",
        "Pada tahun 2013 jumlah koperasi aktif di Kabupaten Agam tercatat\nAdvertisement\n"
        "143 unit bertambah menjadi 147 unit pada\n2014.",
        "lalu sebuah paragraf baru yang panjang dan tidak berakhir dengan titik",  # an empty line ends it
        "Lebih Separuh Koperasi di Kabupaten Agam tak Aktif Sejak Lama",  # a heading in title case
        "dinas mencatat 300 koperasi."]
    assert [(f.status, f.value) for f in figures(text)][:2] == [("active", 143), ("active", 147)]


@pytest.mark.parametrize(("name", "key"), [
    ("Kab. Banyuasin", "kabupaten banyuasin"), ("Prov Kalsel", "provinsi kalsel"),
    ("KOTA  Tangerang-Selatan", "kota tangerang selatan"),
    ("Kota Adm. Jakarta Pusat", "kota administrasi jakarta pusat"),
])
def test_name_key_matches_the_dbt_macro(name: str, key: str) -> None:
    assert name_key(name) == key


def test_a_headline_repeated_atop_the_body_is_still_the_headline() -> None:
    """Saved pages often open the body with the headline again: it echoes the body's figure,
    which keeps the body's date, rather than stating a second one of the article's date."""
    headline = "Sebanyak 2.966 Koperasi di Kaltim Tercatat Tidak Aktif"
    text = (f"{headline}\n\n{headline}\nJumlah koperasi di Kaltim mencapai 6.095 unit per akhir tahun 2023. "
            "Sisanya, yaitu sebanyak 2.966 koperasi di Kaltim berada dalam kondisi tidak aktif.")
    assert [s.is_title for s in split_sentences(text)] == [True, True, False, False]
    inactive = [f for f in figures(text) if f.status == "inactive"]
    assert [(f.value, f.as_of_date) for f in inactive] == [(2966, "2023-12")]


@pytest.mark.parametrize("verb", ["menarget", "menargetkan", "ditargetkan", "target"])
def test_a_count_set_as_a_target_is_no_figure(verb: str) -> None:
    text = f"Setiap tahun Dinas Koperasi Kabupaten Agam {verb} 2 persen koperasi yang tidak aktif bisa hidup kembali."
    assert figures(text) == []


def test_html_markup_a_page_kept_is_no_part_of_the_story() -> None:
    """Saved pages may keep their markup: a tag ends no word, and between two sentences it still
    ends the first; a colon inside a tag introduces no list."""
    text = ('Sebanyak 120 koperasi di Kabupaten Agam tidak aktif. <p style="text-align: justify;">'
            '"Saat ini jumlah koperasi di Kabupaten Agam terdapat 300 unit," kata Kepala Dinas.'
            '<br /><br />Dari jumlah itu, Kecamatan Lubuk Basung memiliki 40 unit.')
    assert [s.text for s in split_sentences(text)] == [
        "Sebanyak 120 koperasi di Kabupaten Agam tidak aktif.",
        '"Saat ini jumlah koperasi di Kabupaten Agam terdapat 300 unit," kata Kepala Dinas.',
        "Dari jumlah itu, Kecamatan Lubuk Basung memiliki 40 unit."]
    assert ("all", 300) in [(f.status, f.value) for f in figures(text)]


def test_a_headline_that_leaves_out_the_status_is_the_bodys_figure() -> None:
    """`Tinggal 735 Unit` over the body's `yang aktif ... tinggal 735 unit`: one figure, active;
    not a second one of all cooperatives."""
    text = "Koperasi di Kota Bandung Menyusut Tinggal 735 Unit\n\nSaat ini koperasi yang aktif di Kota Bandung hanya " \
           "tinggal 735 unit."
    assert [(f.status, f.value) for f in figures(text)] == [("active", 735)]
    # a headline whose value the body gives two statuses stays a figure of its own
    text = "Tinggal 735 Unit Koperasi di Kota Bandung\n\nDi Kota Bandung ada 735 koperasi aktif dan 735 koperasi " \
           "tidak aktif."
    assert sorted(f.status for f in figures(text)) == ["active", "all", "inactive"]


def test_a_count_that_points_back_without_its_status_is_the_earlier_figure() -> None:
    """`1.253 lembaga koperasi tersebut` after `1.253 lembaga koperasi ... mati suri`: one figure,
    inactive; not a second one of all cooperatives. Without the demonstrative it is a figure of
    its own (the source may state the total and the inactive alike), and a count that points
    back at a value of two statuses stays too."""
    said = "Sekitar 1.253 lembaga koperasi di Kabupaten Bojonegoro mati suri. "
    assert [(f.status, f.value) for f in figures(said + "Penyebab bobroknya 1.253 lembaga koperasi tersebut "
                                                 "belum jelas.")] == [("inactive", 1253)]
    total_alike = said + "Jumlah koperasi di Kabupaten Bojonegoro 1.253 unit."
    assert sorted((f.status, f.value) for f in figures(total_alike)) == [("all", 1253), ("inactive", 1253)]
    both = "Di Kabupaten Bojonegoro ada 300 koperasi aktif dan 300 koperasi tidak aktif. Dari 300 koperasi itu, "
    assert sorted(f.status for f in figures(both + "sebagian bergerak di bidang simpan pinjam.")) == \
        ["active", "all", "inactive"]



def test_a_list_counts_people_only_when_people_are_named_before_it() -> None:
    """`laki-laki sebanyak 5.224 dan 4.826 orang perempuan` counts members, not cooperatives;
    `koperasi ... sebanyak 300 dan 4.000 orang anggota` still counts 300 cooperatives."""
    members = "Jumlah anggota koperasi di Kota Kupang mencapai 10.050 orang yang terdiri dari laki-laki sebanyak " \
              "5.224 dan 4.826 orang perempuan."
    assert figures(members) == []
    both = "Kota Kupang memiliki koperasi yang terdaftar di dinas hingga tahun ini sebanyak 300 dan 4.000 orang anggota."
    assert [int(f.value) for f in figures(both)] == [300]
