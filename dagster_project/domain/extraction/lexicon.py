"""The words that give a number its meaning in cooperative news, as compiled patterns.

Each vocabulary maps Indonesian phrases to the `cooperative_figures` vocabulary. Patterns are
matched case-insensitively on analysed text; longer phrases come first so that `tidak aktif`
is never read as `aktif` and `jasa simpan pinjam` never as `jasa`.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache
from typing import Generic, TypeVar

from dagster_project.domain.caseless import caseless
from dagster_project.domain.numbers import NUMBER_START_WORDS
from dagster_project.domain.vocabulary import CooperativeType, Scope, Status

L = TypeVar("L", bound=StrEnum)


def _alternation(phrases: dict[str, L]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    return caseless(r"(?<![\w-])(?:" + "|".join(f"(?P<g{i}>{p})" for i, p in enumerate(ordered))
                      + r")(?![\w])")


class Vocabulary(Generic[L]):
    """Phrases (regex fragments) to a label of one vocabulary; `find` yields (start, end, label)."""

    def __init__(self, phrases: dict[str, L]) -> None:
        ordered = sorted(phrases, key=len, reverse=True)
        self._labels = [phrases[p] for p in ordered]
        self._pattern = _alternation({p: phrases[p] for p in ordered})

    @lru_cache(maxsize=8192)  # noqa: B019 - the vocabularies are module constants
    def find(self, text: str) -> tuple[tuple[int, int, L], ...]:
        found = []
        for match in self._pattern.finditer(text):
            index = int(match.lastgroup[1:])  # type: ignore[index]
            found.append((match.start(), match.end(), self._labels[index]))
        return tuple(found)

    def only(self, text: str) -> L | None:
        """The one label the text names (None when it names none, or several)."""
        labels = {label for _, _, label in self.find(text)}
        return labels.pop() if len(labels) == 1 else None

    def blank(self, text: str) -> str:
        """The text with this vocabulary's phrases blanked (offsets kept)."""
        for start, end, _ in self.find(text):
            text = text[:start] + " " * (end - start) + text[end:]
        return text


def number_words(low: float, high: float) -> str:
    """An alternation of the words that begin a number valued from `low` to `high` (numbers.py)."""
    return "|".join(word for word, value in NUMBER_START_WORDS.items() if low <= value <= high)


# "tidak", and the spoken forms quotes carry ("nggak aktif"; not "ndak", also Malay for "hendak")
_NOT = r"(?:tidak|tdk|tak|belum|nggak|ngga|enggak|gak)"
_ACTIVITY = r"(?:aktif|beroperasi|beraktivitas|berkegiatan|bergerak|berjalan|berfungsi|eksis)"
_AFTER_ITS_NOUN = r"(?:(?<=koperasi\s)|(?<=yang\s)|(?<=unit\s))"

# "baik aktif maupun tidak aktif", "aktif dan pasif": both statuses, so all of them, not either
BOTH_STATUSES_RE = caseless(
    r"(?<![\w-])(?:baik\s+(?:yang\s+)?(?:masih\s+)?aktif\s+(?:dan|maupun|ataupun|atau)"
    r"|(?<!kurang\s)(?<!semi\s)aktif\s+(?:maupun|ataupun))"  # not "kurang aktif maupun tidak aktif"
    r"\s+(?:yang\s+)?(?:(?:tidak|tak)(?:\s+aktif)?|pasif|non[\s-]?aktif|mati\s+suri|vakum)(?![\w-])")
STATUSES = Vocabulary[Status]({
    # inactive first in spirit: every pattern below is longer than the bare "aktif"
    rf"{_NOT}\s+(?:lagi\s+|pernah\s+)?{_ACTIVITY}": Status.INACTIVE,
    # "-nya" only right after the noun it describes ("jumlah koperasi aktifnya tidak mencapai ...");
    # elsewhere it names the state ("memantau aktifnya 300 koperasi"), stating none
    rf"{_AFTER_ITS_NOUN}{_NOT}\s+(?:lagi\s+)?{_ACTIVITY}nya": Status.INACTIVE,
    rf"{_AFTER_ITS_NOUN}aktifnya": Status.ACTIVE,
    r"berhenti\s+(?:beroperasi|beraktivitas|berkegiatan|berusaha)": Status.INACTIVE,
    r"non[\s-]?aktif": Status.INACTIVE,
    r"mati\s+suri": Status.INACTIVE,
    r"(?<!nyaris\s)(?<!hampir\s)gulung\s+tikar": Status.INACTIVE,  # not "nyaris gulung tikar"
    r"vakum": Status.INACTIVE,
    r"pasif": Status.INACTIVE,
    # only a name (a signboard) is left: "tinggal papan namanya saja", "hanya tinggal nama"
    # not wished away ("jangan sampai hanya tinggal nama", "tidak sekadar tinggal nama") nor what
    # is left to do ("tinggal nama pengurusnya yang perlu dilaporkan")
    r"(?<!tidak\s)(?<!tak\s)(?<!bukan\s)(?<!jangan\s)(?<!sekadar\s)(?<!tidak\shanya\s)(?<!jangan\shanya\s)"
    r"(?<!sampai\shanya\s)(?<!bukan\shanya\s)(?<!tak\shanya\s)"
    r"(?:(?:tinggal|hanya|sekadar|cuma)\s+papan\s+namanya|(?:tinggal\s+)?papan\s+nama|tinggal\s+nama(?:nya)?)"
    r"(?!\s+(?:baik|besar|baru|lengkap|resmi|koperasi\w*|pengurus\w*|ketua\w*|anggota\w*|usaha\w*|desa"
    r"|badan\s+hukum|dan\s+(?:akta|alamat|logo))(?![\w-]))": Status.INACTIVE,
    r"aktif": Status.ACTIVE,
    r"(?:tingkat|persentase|rasio|angka)\s+keaktifan(?!\s+anggota)": Status.ACTIVE,  # the active share
    r"masih\s+hidup": Status.ACTIVE,
    # "masih beroperasi", "masih tetap bertahan menjalankan aktivitasnya"
    r"masih\s+(?:tetap\s+)?(?:bertahan\s+)?(?:beroperasi|beraktivitas|berkegiatan|bergerak|berjalan|berfungsi"
    r"|eksis|menjalankan\s+(?:kegiatan\s+)?usaha|menjalankan\s+(?:kegiatan|aktivitas)\w*)": Status.ACTIVE,
    rf"kurang\s+aktif\s*(?:dan|atau|/)\s*{_NOT}\s+aktif": Status.INACTIVE,  # one category of the registers
})

# A status stated by degree, neither active nor inactive: "47 koperasi yang kurang aktif", "tidak
# begitu aktif", "aktif maupun kurang aktif", "tidak berjalan dengan baik"; or joined to health:
# "600 koperasi yang tidak aktif atau tidak sehat" (a wider set than the inactive). Read as a
# status by the words above (or as none: "semi-aktif"); publishing.py holds back a figure whose
# clause has one (annotators read it either way).
# "... atau tidak sehat" after a status: health named beside it (qualifiers.py reads it too)
OR_UNHEALTHY = r"\s*(?:atau|dan/atau|/)\s*(?:tidak|kurang)\s+sehat(?![\w-])"
GRADED_STATUS_RE = caseless(
    r"(?<![\w-])(?:(?:kurang|(?:tidak|tak)\s+(?:begitu|terlalu|sepenuhnya|cukup)|setengah|semi|agak)[\s-]+"
    rf"(?:begitu\s+|terlalu\s+)?|semi)aktif(?![\w-])(?!\s*(?:dan|atau|/)\s*{_NOT}\s+aktif)"  # that category: inactive
    rf"|(?<![\w-])(?:non[\s-]?)?aktif{OR_UNHEALTHY}"
    # "tidak berjalan dengan baik", "tidak lagi berjalan sebagaimana mestinya", "tidak beroperasi
    # secara normal": not running well, or not at all
    rf"|(?<![\w-]){_NOT}\s+(?:lagi\s+)?{_ACTIVITY}\s+(?:(?:dengan|secara)\s+)?(?:baik|lancar|maksimal|optimal"
    r"|efektif|normal|semestinya|seharusnya)(?![\w-])"
    # a running verb (not "aktif"), then the norm it misses: "tidak berjalan sesuai ketentuan / prosedur / AD/ART",
    # "... sebagaimana yang diharapkan"; not a source ("tidak beroperasi sesuai data Dinas", "seperti
    # yang disampaikan Kepala Dinas", "sebagaimana dilaporkan")
    rf"|(?<![\w-]){_NOT}\s+(?:lagi\s+)?(?!aktif(?![\w-])){_ACTIVITY}\s+(?:sebagaimana|seperti|sesuai)(?:\s+dengan)?\s+"
    r"(?!(?:yang\s+)?(?:data|catatan|laporan|hasil|keterangan|informasi|pendataan|penjelasan|pernyataan|rilis"
    r"|disampaikan|dikatakan|disebutkan|dijelaskan|dilaporkan|diungkapkan|diberitakan|dicatat|tercatat)(?![\w-]))"
    r"[a-z]"
    # "aktif" too, before a norm: "tidak aktif sebagaimana mestinya / seperti yang diharapkan / sesuai standar"
    rf"|(?<![\w-]){_NOT}\s+(?:lagi\s+)?aktif\s+(?:sebagaimana|seperti|sesuai)(?:\s+dengan)?\s+(?:yang\s+)?"
    r"(?:ketentuan|aturan|peraturan|harapan|diharapkan|fungsi\w*|tujuan\w*|mestinya|seharusnya|semestinya"
    r"|biasa\w*|standar|prinsip\w*|prosedur|mekanisme|kaidah)(?![\w-])"
    # "200 koperasi di DIY mati" (dead): inactive, but the word has many other senses ("mati-matian",
    # "tidak boleh mati", "mati lampu"): a person decides
    r"|(?<![\w-])mati(?![\w-])(?!\s+suri)")

TYPES = Vocabulary[CooperativeType]({
    r"(?:jasa\s+)?simpan\s+pinjam(?:\s+dan\s+pembiayaan\s+syariah)?": CooperativeType.SAVINGS_LOAN,
    r"KSP|USP|KSPPS": CooperativeType.SAVINGS_LOAN,
    # the name savings-and-loan cooperatives had under Kepmen KUKM 91/2004 (not the Sharia ones,
    # KJKS: `syariah` picks a subset, and the gold counts them with the conventional ones)
    r"koperasi\s+jasa\s+keuangan|KJK": CooperativeType.SAVINGS_LOAN,
    r"produsen|produksi": CooperativeType.PRODUCER,
    r"konsumen|konsumsi": CooperativeType.CONSUMER,
    r"pemasaran": CooperativeType.MARKETING,
    # not financial services ("layanan jasa keuangan", "Otoritas Jasa Keuangan")
    r"jasa(?!\s+keuangan)": CooperativeType.SERVICE,
    r"serba\s+usaha|KSU": CooperativeType.MULTIPURPOSE,
    r"unit\s+desa|KUD": CooperativeType.VILLAGE_UNIT,
})

# The words that name who supervises cooperatives, before the supervisor: "binaan provinsi",
# "kewenangan Pemprov", "di bawah naungan Kementerian" (the scopes below, regions.py's supervisor).
SUPERVISION_WORDS: tuple[str, ...] = (
    "binaan", r"pembinaan(?:nya)?", r"pengawasan(?:nya)?", "kewenangan", "naungan", "dibina", "diawasi")
_SUPERVISION = "|".join(SUPERVISION_WORDS)
# "binaan provinsi", "pembinaannya berada di Dinas PPKUKM Provinsi", "di bawah pengawasan Kementerian"
_SUPERVISED_BY = (rf"(?:di\s+bawah\s+)?(?:{_SUPERVISION}"
                  r"|izin(?:nya)?\s+(?:dikeluarkan|diterbitkan|dari))(?:\s+(?:berada|ada)\s+(?:di\s+bawah|di|pada))?"
                  r"(?:\s+langsung)?(?:\s+oleh)?\s+")
_PROVINCE_OFFICE = r"(?:pemerintah\s+|pem)?(?:provinsi|prov|pemprov)|dinas\s+(?:[a-z]+\s+){0,4}?provinsi"
# Words that state a supervised scope ("membina 58 koperasi ... kewenangan provinsi").
SUPERVISING_RE = caseless(rf"(?<![\w-])(?:membina|{_SUPERVISION}|izin(?:nya)?)(?![\w-])")
SCOPES = Vocabulary[Scope]({
    r"primer": Scope.PRIMARY,
    r"sekunder": Scope.SECONDARY,
    _SUPERVISED_BY + rf"(?:{_PROVINCE_OFFICE})": Scope.PROVINCE_SUPERVISED,
    _SUPERVISED_BY + r"(?:pemerintah\s+|kementerian\s*)?(?:pusat|nasional|kementerian(?:\s+koperasi)?)":
        Scope.NATIONAL_SUPERVISED,
    r"(?:tingkat|skala|level)\s+provinsi|lintas\s+kabupaten(?:\s*/?\s*kota)?": Scope.PROVINCE_LEVEL,
})

# A count that points back at cooperatives named before: "1.253 lembaga koperasi tersebut", "156
# koperasi ini", "40 unit itu"
POINTS_BACK_AFTER_COUNT_RE = caseless(
    r"\s*(?:unit\s+|buah\s+|lembaga\s+)?(?:koperasi|kop|ksp|ksu|kud|kspps)?\s*(?:tersebut|ini|itu)(?![\w-])")
# Heads that make a number a count of cooperatives.
COOPERATIVE_NOUN_RE = caseless(
    r"(?:unit\s+|buah\s+|lembaga\s+|badan\s+(?:usaha|hukum)\s+|total\s+|jumlah\s+)?"  # "747 total koperasi"
    r"(?:koperasi|kop\b|KSP|KSU|KUD|KSPPS)"
    r"|unit(?!\s+usaha)|lembaga|buah")
# Heads that make it a count of something else.
OTHER_NOUN_RE = caseless(
    r"(?:orang|jiwa|anggota|peserta|pengurus|pengawas|pengelola|karyawan|pegawai|manajer|tenaga|pekerja"
    r"|warga|nasabah|petani|nelayan|umkm|ukm|ikm|usaha(?:\s+mikro)?|pelaku|wirausaha|ump?km"
    r"|provinsi|kabupaten|kab|kota|kecamatan|kelurahan|desa|kampung|gampong|nagari|dusun|daerah|wilayah"
    r"|negara|pulau|lokasi"
    r"|tahun|bulan|minggu|pekan|hari|jam|menit|kali|periode|triwulan|semester|tahap|angkatan"
    r"|rupiah|dolar|miliar|triliun|ton|kg|hektare|ha|meter|km|kilometer|persegi|poin|bidang|sektor|jenis|produk"
    r"|lembaga(?!\s+koperasi)"
    r"|kelompok|gapoktan|bumdes|sekolah|kantor|dinas|instansi|perusahaan|bank|toko|gerai|outlet"
    r"|pra[\s-]?koperasi"  # groups not yet cooperatives
    r"|program|kegiatan|akun|dokumen|sertifikat|izin|berkas|laporan|kasus|perkara"
    # what a speaker enumerates ("ada tiga penekanan", "Dua Faktor yang Menyebabkan ...") and staff
    # (not "245 masalah utamanya ...", text run on after a count)
    r"|hal|langkah|faktor|penekanan|alasan|penyebab|masalah(?!\s+utama)|permasalahan"
    r"|kendala|persoalan|cara|strategi|kriteria|kategori|aspek|indikator|unsur|prinsip|pilar"
    r"|petugas|penyuluh|koordinator|pendamping|fasilitator|staff?"
    # things counted in units ("dua unit mesin", "5 unit kendaraan")
    r"|mesin|alat|peralatan|kendaraan|mobil|motor|sepeda|truk|traktor|kapal|perahu|armada|gedung|bangunan"
    r"|rumah|kios|lapak|komputer|laptop|ekor)(?![a-z])")
# Numbers that are dates, years, amounts, ordinals (`ke-5`, `semester dua`) or article/regulation references.
NOT_A_COUNT_BEFORE_RE = caseless(  # whole words: "pinjam 70" is not "jam 70"
    r"(?<![a-z])(?:rp\.?|idr|usd|us\$|\$|ke-?|nomor|no\.?|momor|nomer|pasal|ayat|pp|uu|perda|perpres"
    r"|permen\w*|kepmen\w*|pergub|perbup|tahun|thn|th\.?|sejak|pukul|jam|rt|rw|hal\.?|halaman"
    r"|covid|covid-|km|tanggal|tgl\.?|periode|edisi|angka"
    r"|semester|triwulan|kuartal|caturwulan|tahap|gelombang|angkatan|jilid|putaran)\s*$")  # "semester dua"
MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "pebruari": 2, "maret": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8,
    "agu": 8, "agt": 8, "agus": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
    "november": 11, "nov": 11, "nopember": 11, "desember": 12, "des": 12,
}
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))

# Predicates that pick out a subset the vocabulary has no word for (cooperatives that held
# their annual meeting, got a licence, are healthy, are being dissolved, took part in a
# training, received aid, are newly founded, ...): a count in their clause is not a figure.
# Not `berbadan hukum`: every registered cooperative is a legal entity, only `belum berbadan
# hukum` picks a subset.
SUBSET_QUALIFIER_RE = caseless(
    r"(?<![\w-])(?:rat|rapat\s+(?:anggota|tahunan)|nik|nomor\s+induk|sertifikat\w*|bersertifikat"
    r"|sehat|kesehatan|bubar\w*|dibubarkan|pembubaran|membubarkan|(?:di|mem)?bekukan|pembekuan"
    r"|(?:di|men)?coret|pencoretan|mendaftar\s+(?:kembali|ulang)|daftar\s+ulang|transformasi|berstandar"
    r"|(?:di|men|pen)?cabut\w*|izin\w*|(?:belum|tidak|tanpa)\s+(?:berbadan|badan)|belum\s+terdaftar|tidak\s+terdaftar"
    # "belum terdata", "tidak tercatat": those not (yet) recorded; not a total that includes them
    # ("termasuk yang belum terdata"), members not recorded, nor a change not recorded ("tidak
    # tercatat adanya penambahan")
    r"|(?<!termasuk\syang\s)(?<!termasuk\skoperasi\syang\s)(?<!anggota\s)(?<!anggota\syang\s)(?<!anggotanya\s)"
    r"(?<!anggotanya\syang\s)(?:belum|tidak)\s+(?:terdata|tercatat)"
    r"(?!\s+(?:adanya|ada|perubahan|penambahan|pengurangan|kenaikan|penurunan|berubah|bertambah|berkurang"
    r"|naik|turun|mengalami)(?![\w-]))"
    # "yang tidak berada di bawah pengawasan OJK": the ones outside the financial services authority;
    # those registered with or supervised by it, savings cooperatives of a kind (but not "tidak berada
    # di bawah pengawasan OJK" said of them all); the ones in (or linked to) financial services, where
    # no `Koperasi Jasa Keuangan` names the type
    r"|(?<![\w-])yang\s+(?:tidak|tak|bukan|belum)\s+(?:lagi\s+)?(?:terdaftar|tercatat|berada|di)(?![\w-])"
    r"[^.,;]{0,25}?(?:ojk|otoritas\s+jasa\s+keuangan)"
    r"|(?<!tidak\s)(?<!bukan\s)(?<!tidak\sdi\sbawah\s)(?<!bukan\sdi\sbawah\s)(?<!berada\sdi\sbawah\s)"
    r"(?:terdaftar|tercatat|pengawasan|berada)\s+(?:di\s+(?:bawah\s+)?|pada\s+)?(?:pengawasan\s+)?"
    r"(?:ojk|otoritas\s+jasa\s+keuangan)"
    r"|(?<!otoritas\s)jasa\s+keuangan"
    r"|wanita|perempuan|syariah|pegawai|karyawan|mahasiswa|sekolah|pesantren|merah\s+putih"
    r"|pelatihan|peserta|mengikuti|bimtek|sosialisasi|dilatih|didampingi|pendampingan"
    r"|bantuan|hibah|menerima|penerima|mendapat\w*|memperoleh|pinjaman|kredit|dana\w*|lpdb"
    r"|dibentuk|terbentuk|pembentukan|didirikan|pendirian|berdiri|baru\s+berdiri|diverifikasi"
    r"|verifikasi|diaudit|mengaudit|diperiksa|memeriksa|pemeriksaan|dinilai|menilai|penilaian|diawasi"
    r"|(?:di)?target\w*|menarget\w*|rencana\w*"
    # "online": not the ministry's register, "Online Data System (ODS)"
    r"|akan|bakal|diusulkan|usulan|diproses|proses|digitali\w*|online(?!\s+data\s+s[iy]stem)|ekspor|impor|omzet|shu"
    r"|aset|modal|simpanan|menghapus\w*|dihapus\w*|penghapusan|(?:di|me)nonaktifkan|penonaktifan|diaktifkan|mengaktifkan|dihidupkan"
    r"|direvitalisasi|revitalisasi|dibina|membina|pembinaan\s+khusus|bermasalah|tunggakan"
    r"|macet|gagal|terjerat|kasus|ilegal|bodong|investasi|koperasi\s+(?:baru|lama)"
    r"|penghargaan|berprestasi|meraih|juara|teladan|terbaik|pe(?:me)?ringkat\w*|berkualitas|predikat"
    r"|terancam|berpotensi|berisiko|di\s+ambang)(?![\w-])")  # "terancam gulung tikar": the threatened ones
# A line of business the types cannot name ("di bidang usaha karet", "bergerak di sektor riil"): a
# subset of a count that names no type. A named type is blanked before this is looked for ("di
# bidang simpan pinjam" leaves no word here); an office's division ("Kepala Seksi di Bidang
# Kelembagaan", "Dinas Koperasi bidang Pengawasan") is skipped (`OFFICE_BEFORE_RE`).
OFFICE_BEFORE_RE = caseless(r"(?<![\w-])(?:dinas|kepala|kabid|kasi|seksi|kabag|bagian|staf|sekretaris|pejabat)"
                           r"(?:\s+[a-z]+)?\s+$")
LINE_OF_BUSINESS_RE = caseless(
    r"(?<![\w-])(?:di|bergerak|koperasi)\s+(?:di\s+)?(?:bidang|sektor)\s+(?:usaha\s+)?"
    # not a word that names no line ("di bidang yang beragam", "sektor usaha mikro")
    r"(?!(?:usaha|koperasi|perkoperasian|ekonomi|yang|ini|itu|beragam|berbagai|masing|lain|lainnya|mikro|kecil"
    r"|menengah|umkm)(?![\w-]))"
    r"[a-z]{3,}(?![\w-])")
# "Non Koperasi Unit Desa sebanyak 266 unit": all but a type, a subset the vocabulary cannot name
# (not "sektor non pertanian": only before a type)
ALL_BUT_A_TYPE_RE = caseless(
    r"(?<![\w-])non[\s-]*(?:kud|ksp|ksu|kspps|usp|koperasi\s+(?:unit\s+desa|simpan\s+pinjam|serba\s+usaha"
    r"|produsen|konsumen|pemasaran|jasa))(?![\w-])")
# A relative clause after a count ("96 koperasi yang kami datangi", "936 koperasi yang tersisa")
# picks out a subset, unless it only says the cooperatives exist, are registered, are located or
# belong somewhere (or names a status, type or scope, which the vocabularies read).
RELATIVE_AFTER_COUNT_RE = caseless(
    r"\s*(?:(?:unit\s+)?(?:koperasi|kop|ksp|ksu|kud|kspps|unit|lembaga|buah)\b)?(?P<between>[^,;.()]{0,40}?)"
    r"(?<![\w-])yang\s+(?P<predicate>[^,;.()]{0,60})")
# Between a count's noun and its relative clause only words that still describe the noun:
# a place ("96 koperasi di Kota Tangsel yang ...") or a type or scope; any other noun
# ("koperasi dengan kondisi yang ...") takes the clause itself.
PLACE_PHRASE_RE = re.compile(r"(?:di|se)[\s-]+(?:(?:[A-Z][\w.]*|dan)\s*)+")
WHOLE_PREDICATE_RE = caseless(
    r"(?<![\w-])(?:ada|terdaftar|tercatat|terdata|terdapat|tersebar|beroperasi|berada|berlokasi"
    r"|berdomisili|berkedudukan|berkantor|bergerak|dimiliki|miliki|memiliki|punya|beranggotakan|berstatus"
    r"|berbentuk|berbadan|berjenis|merupakan)(?![\w])|^(?:di|se)(?![\w])")  # "yang di Kota X"
# Words after which a status is wished for or denied of some, not stated of the count ("agar bisa
# menjadi koperasi yang aktif"; "759 koperasi ... tidak semuanya aktif": not all of them are).
# Not "Untuk jumlah koperasi ... yang aktif": there `untuk` introduces the topic ("as for").
IRREALIS_RE = caseless(r"(?<![\w-])(?:agar|supaya|untuk(?!\s+(?:jumlah|data|koperasi|wilayah|daerah|kabupaten|kota"
                       r"|provinsi|tahun|saat|tingkat)(?![\w-]))|harus|perlu|bisa\s+(?:kembali|menjadi)|belum\s+tentu"
                       r"|kembali|diharapkan|harapkan|didorong|mendorong"
                       rf"|{_NOT}\s+semua(?:nya)?)(?![\w-])")
# "Tidak semua dari 759 koperasi ... aktif": "not all of" right before the count (the text ends
# with it) denies the status after it of some, as IRREALIS_RE's "tidak semuanya" after it does.
NOT_ALL_OF_COUNT_RE = caseless(rf"(?<![\w-]){_NOT}\s+(?:semua|seluruh)(?:nya)?(?:\s+dari)?\s*[\d.,]*$")
# "dari jumlah tersebut", "di antaranya", "terdiri dari": what follows are parts of a whole.
# "dari jumlah keseluruhan (mencapai) 392 unit" names a whole, not "dari jumlah itu" (of that number)
_NOT_BEFORE_A_WHOLE = r"(?!\s+(?:(?:keseluruhan|total|seluruh(?:nya)?)\s+)?(?:(?:mencapai|sebanyak|sejumlah)\s+)?\d)"
PARTITIVE_RE = caseless(
    rf"(?<![\w-])(?:dari\s+(?:jumlah|total)\s+(?:itu|tersebut|ini)|dari\s+jumlah{_NOT_BEFORE_A_WHOLE}|di\s+antara(?:nya)?"
    r"|terdiri\s+(?:dari|atas)|dengan\s+rincian|rinciannya|yakni|yaitu|meliputi|sebagian)(?![\w-])")
REMAINDER_RE = caseless(r"(?<![\w-])(?:sisanya|selebihnya|sisa|lainnya|lain)(?![\w-])")
OTHER_RE = caseless(r"(?<![\w-])(?:lainnya|lain)(?![\w-])")
TOTAL_RE = caseless(r"(?<![\w-])(?:total\w*|jumlah\w*|seluruh\w*|keseluruhan|semua(?:nya)?"
                    r"|berjumlah|sebanyak|mencapai|tercatat|terdata|terdaftar|ada|terdapat"
                    r"|memiliki|punya|mempunyai|dimiliki)(?![\w-])")
# Where a sentence turns: the clause boundaries of a figure.
CLAUSE_BOUNDARY_RE = caseless(
    r"[,;:()]|\s[–—-]\s|(?<![\w-])(?:sedangkan|sementara(?:\s+itu)?|namun|tetapi|tapi"
    r"|sehingga|karena|serta|adapun|maupun|setelah|sesudah|sebelum|akibat|lantaran"
    r"|meskipun|walaupun|padahal)(?![\w-])"
    # "204 koperasi terdaftar ... dengan jumlah koperasi aktif sebanyak 175", "300 koperasi dengan jumlah
    # anggota aktif 12.000": another measure's clause; not "koperasi aktif dengan jumlah 300 unit"
    r"|(?<![\w-])dengan(?=\s+jumlah(?![\w-])(?!\s+(?:sekitar\s+|sebanyak\s+|mencapai\s+|hingga\s+)?\d))"
    # "207 dan akan terus kami bina": the support an office goes on giving them all is another clause
    # (its "akan" picks no subset, its "yang tidak aktif" states no status of the count)
    r"|(?<![\w-])(?:dan|serta)(?=\s+(?:akan\s+)?(?:terus|tetap)\s+(?:kami|kita)\s+(?:bina|dampingi|awasi|pantau"
    r"|fasilitasi|kembangkan|berdayakan)(?![\w-]))")
# "dan", "atau", "lalu", "kemudian" and "sisanya" separate clauses only when a new number follows ("219 aktif
# dan 213 non aktif", "7.142 tidak aktif dan hanya 770 aktif", "aktif sebanyak 2.797 dan tidak aktif 2.083",
# "897 tidak aktif sisanya 263 aktif"; not "38 sisanya sudah tidak aktif"); otherwise they join
# words or are adverbs ("312 koperasi kemudian dibubarkan").
CONJUNCTION_BEFORE_NUMBER_RE = caseless(
    r"(?<![\w-])(?:dan|atau|lalu|kemudian|sisanya|selebihnya)(?=\s+(?:(?:yang\s+|koperasi\s+){0,2}(?:(?:non|"
    + _NOT + r")[\s-]*)?aktif\s+"
    r"|yang\s+[a-z]+\s+)?"  # "dan yang bersertifikat hanya 308": another subset's own count
    r"(?:(?:sekitar|hanya|cuma|tinggal|baru|sebanyak|ada|berjumlah|mencapai|tercatat)\s+)?(?:\d|(?:"
    + number_words(1, 1000) + r")(?![\w-])))")  # a count from one to a thousand
# "Koperasi aktif itu terdiri atas 64 KSP, 48 KSU ...": what the head names, each item is.
# What separates two items of a list: "4.448, 4.369, dan 4.299", "aktif dan 150 tidak aktif"
LIST_SEPARATOR = r"(?:,\s*(?:dan\s+|serta\s+)?|(?<![\w-])(?:dan|serta)\s+)"
# "652 dan yang tidak aktif kira-kira 10 persen", "188.181 unit dan koperasi yang aktif meningkat menjadi
# 133.666": "dan (koperasi) yang" opens the next number's noun phrase,
# and what follows it is that number's ("serta" ends the clause already)
AND_THE_ONES_RE = caseless(r"(?<![\w-])dan\s+(?:koperasi\s+)?yang(?![\w-])")
LIST_INTRODUCER_RE = caseless(r"(?<![\w-])(?:terdiri\s+(?:dari|atas)|meliputi|dengan\s+rincian|rinciannya"
                              r"|yakni|yaitu|di\s+antaranya|antara\s+lain|didominasi)(?![\w-])")
# A sentence that breaks down the figure before it: "Rinciannya, Kabupaten A 12 koperasi, ...".
BREAKDOWN_OPENER_RE = caseless(r"^\W*(?:(?:adapun|dengan)\s+)?(?:rincian(?:nya)?|perincian(?:nya)?|sebarannya"
                               r"|tersebar\s+di)(?![\w-])")
# "Terdiri dari KSU 80 buah, ...": what the figure before is made of, when it is that sentence's one figure
COMPOSITION_OPENER_RE = caseless(r"^\W*terdiri\s+(?:dari|atas)(?![\w-])")
# A sentence that goes on with the previous one's list: "Berikutnya koperasi serba usaha 201 unit".
LIST_CONTINUES_RE = caseless(r"^\W*(?:berikutnya|selanjutnya|selebihnya|disusul|kemudian|lalu|serta"
                             r"|ada\s+(?:juga|pula))(?![\w-])")
CONTRAST_RE = caseless(r"(?<![\w-])(?:sedangkan|sementara|namun|tetapi|adapun)(?![\w-])")
APPOSITION_RE = caseless(r"^\W*(?:atau|setara(?:\s+dengan)?|sekitar|yakni|yaitu|sebesar"
                         r"|alias|sama\s+dengan)\b")
# Kinds of cooperative the vocabulary has no type for ("Koperasi Wanita", "kopkar"): a count
# of one of them is a subset, not a figure.
_SUBTYPES = (
    r"(?:wanita|perempuan|pertanian|tani|pasar|pemuda|pertambangan|perkebunan|peternakan|perikanan"
    r"|nelayan|angkutan|transportasi|karyawan|pegawai|sekolah|siswa|mahasiswa|pesantren|pondok"
    r"|syariah|veteran|pensiunan|polri|tni|industri|kerajinan|perumahan|listrik|kesehatan|keluarga"
    r"|desa\s+merah\s+putih|kelurahan\s+merah\s+putih|merah\s+putih"
    # programmes and rankings (not "koperasi besar dan kecil": all of them)
    r"|modern|besar(?!\s*(?:dan|maupun|,|hingga|sampai)\s*(?:yang\s+)?(?:kecil|menengah))"
    r"|unggulan|percontohan|berprestasi|teladan)(?![\w-])")
_SECTOR = r"(?:(?:sub)?sektor\s+)?"  # "koperasi subsektor perkebunan"
SUBTYPE_AFTER_RE = caseless(rf"^{_SECTOR}{_SUBTYPES}")
SUBTYPE_WORD_RE = caseless(r"(?<![\w-])(?:kopkar|kopwan|kopeg|kopontren|kopsis|kopma|primkop\w*"
                           r"|prinkop\w*|inkop\w*|puskop\w*|kdmp|kkmp)(?![\w-])")
# A kind of cooperative named anywhere: "koperasi peternakan", "Kopkar".
SUBTYPE_NAME_RE = caseless(rf"(?<![\w-])(?:koperasi|kop)\s+{_SECTOR}{_SUBTYPES}|{SUBTYPE_WORD_RE.pattern}")
# People counted ("5.224 dan 4.826 orang"): a list of numbers that ends with one counts people.
PEOPLE_NOUN_RE = caseless(r"(?:orang|jiwa|anggota|peserta|pengurus|karyawan|pegawai|nasabah|warga|petani|nelayan"
                          r"|pria|wanita|perempuan|laki-laki)(?![\w-])")
# A year as news writes one, and a period named by it ("pada tahun 2023", "2023").
YEAR = r"(?:19|20)\d\d"
A_PERIOD = rf"(?:pada\s+)?(?:tahun\s+)?{YEAR}"
# Verbs of a quantity changing ("naik", "menyusut").
CHANGE_VERBS = r"(?:naik|turun|bertambah|berkurang|meningkat|menurun|melonjak|menyusut|tumbuh)"
# "naik dari 3.287 unit", "lalu menjadi 675 unit", "bertambah lagi hingga 885 unit", "lalu 355 unit
# pada 2021": the same measure at another time.
CONTINUATION_BEFORE_RE = caseless(
    rf"(?:{CHANGE_VERBS}(?:\s+lagi)?"
    r"\s+(?:dari|menjadi|jadi|hingga|sampai|ke)|menjadi|dibanding(?:kan)?|dari\s+sebelumnya"
    r"|(?<![\w-])(?:lalu|kemudian|selanjutnya)(?:\s+(?:menjadi|jadi))?)"
    # "turun dari jumlah 350 unit pada tahun lalu", "menjadi lebih dari 130.000 unit"
    r"\s+(?:jumlah\s+)?(?:sebanyak\s+|sekitar\s+|hampir\s+|(?:lebih|kurang)\s+dari\s+)?$")

# A sentence opening with a change to a new level, after at most its period ("Pada tahun 2010
# meningkat menjadi 320 koperasi", "Turun menjadi 66 unit pada 2022"): it has no subject of its own.
CHANGE_WITHOUT_SUBJECT_RE = caseless(
    rf"^\W*(?:{A_PERIOD}\s*,?\s*)?{CHANGE_VERBS}"
    r"(?:\s+(?:lagi|terus|tajam|drastis))*\s+(?:menjadi|jadi)\s+(?:(?:sebanyak|sekitar|hanya)\s+)?")
# What may follow a level that goes on with another measure: its unit and cooperatives, a period,
# an apposed count, and the clause's end ("menjadi 320 koperasi.", "66 unit pada 2022,", "29,99% atau
# 40.145 unit"); not another noun ("320 unit usaha"), predicate or region.
BARE_LEVEL_AFTER_RE = caseless(
    r"\s*(?:(?:%|persen(?![\w-]))\s*)?(?:(?:unit|buah)(?![\w-])\s*)?(?:koperasi(?![\w-])\s*)?"
    rf"(?:(?:pada|di)\s+(?:tahun\s+)?{YEAR}\s*)?(?:[.,;:!?\"”]|atau\s|$)")
PERIOD_RE = caseless(rf"(?<![\d.,]){YEAR}(?!\d|[.,]\d)")  # a year, not "2.000" or "2000,5"

# Areas news counts cooperatives in that are no region with a code ("4.150 koperasi di Soloraya"):
# a figure placed there is dropped, never moved to a region the text names elsewhere.
AREA_WITHOUT_CODE_RE = re.compile(
    r"(?<![\w-])(?:Solo\s?[Rr]aya|SOLORAYA|Subosukawonosraten|Jabodetabek|Jabotabek|Bodetabek|Jabodetabekpunjur"
    r"|Pulau\s+(?:Jawa|Sumatera|Sumatra|Kalimantan|Sulawesi|Papua)|Kawasan\s+Timur\s+Indonesia"
    r"|(?<!Waktu\s)Indonesia\s+(?:Timur|Barat|Tengah)|Pantura|Jawa-Bali|Bali\s+Nusra|Tapal\s+Kuda|Mataraman|Priangan\s+Timur)(?![\w-])")
