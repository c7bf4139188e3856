"""Generated bad and hostile article files: wrong encodings, binary, huge, hostile numbers,
links, odd names, impossible dates, injection. Deterministic (seeded), so a failure can be
replayed by its case name.

Each case is written into a folder by `write(folder)` and says what the loader must do with it:
refuse it (`refused=True`, the reason naming the file, and `line` where there is one), or load it
(a hostile but valid text, which the extractor must then read without failing).
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dagster_project.domain.articles import MAX_ARTICLE_BYTES

SENTENCE = "Hingga akhir 2023, tercatat 300 koperasi di Kabupaten Sleman, 250 di antaranya aktif."


@dataclass(frozen=True)
class HostileFile:
    case: str  # also the file stem, unless the case is about names
    refused: bool
    make: Callable[[Path], Path]  # writes the file into a folder, returns its path
    line: int | None = None  # the line a refusal names


def _bytes(name: str, content: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(content)
        return path
    return make


def _text(name: str, text: str) -> Callable[[Path], Path]:
    return _bytes(name, text.encode("utf-8"))


def _encodings() -> Iterator[HostileFile]:
    text = "Koperasi Sleman\n\nDi Sleman ada 300 koperasi; 25% tidak aktif — kata Kepala Dinas “Koperasi”.\n"
    for encoding in ("latin-1", "cp1252", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "shift_jis",
                     "mac_roman", "cp437", "koi8_r"):
        data = text.encode(encoding, errors="replace")
        try:
            data.decode("utf-8")
            continue  # some encodings give valid UTF-8 for this text: not a bad file
        except UnicodeDecodeError:
            pass
        yield HostileFile(f"enc_{encoding}", True, _bytes(f"enc_{encoding}.txt", data))
    rng = random.Random(1)
    for number in range(45):  # one invalid byte somewhere in a valid article
        body = (SENTENCE + "\n") * rng.randint(1, 40)
        position = rng.randrange(len(body))
        data = body[:position].encode() + bytes([rng.choice([0x80, 0xC3, 0xFF, 0xFE, 0xED])]) + body[position:].encode()
        yield HostileFile(f"bad_byte_{number}", True, _bytes(f"bad_byte_{number}.txt", data),
                          line=body[:position].count("\n") + 1)
    yield HostileFile("bom_utf8", False, _bytes("bom_utf8.txt", b"\xef\xbb\xbf" + SENTENCE.encode()))


def _binary() -> Iterator[HostileFile]:
    rng = random.Random(2)
    for number in range(15):
        data = bytes(rng.randrange(256) for _ in range(rng.randint(1, 5000)))
        refused = True
        try:
            refused = not data.decode("utf-8").strip() or "\x00" in data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        yield HostileFile(f"binary_{number}", refused, _bytes(f"binary_{number}.txt", data))
    for name, data in (("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(50)),
                       ("gzip", b"\x1f\x8b\x08\x00" + bytes(40)),
                       ("nul_in_text", SENTENCE.encode() + b"\x00" + SENTENCE.encode()),
                       ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" + bytes([0xFF] * 20))):
        yield HostileFile(f"binary_{name}", True, _bytes(f"binary_{name}.txt", data))
    for name, data in (("empty", b""), ("spaces", b"   \n\t\n  "), ("newlines", b"\n" * 1000),
                       ("header_only", b"TITLE: \nDATE: 2024\n\n"), ("bom_only", b"\xef\xbb\xbf")):
        yield HostileFile(f"empty_{name}", True, _bytes(f"empty_{name}.txt", data))


def _sparse(name: str, size: int) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        with path.open("wb") as handle:
            handle.truncate(size)
        return path
    return make


def _huge() -> Iterator[HostileFile]:
    yield HostileFile("huge_sparse_20mb", True, _sparse("huge_sparse_20mb.txt", 20_000_000))
    yield HostileFile("huge_just_over", True, _text("huge_just_over.txt", "a" * (MAX_ARTICLE_BYTES + 1)))
    yield HostileFile("huge_text_2mb", True, _text("huge_text_2mb.txt", (SENTENCE + "\n") * 25_000))
    yield HostileFile("large_repeated_article", False, _text(
        "large_repeated_article.txt", ((SENTENCE + " ") * 8 + "\n\n") * 300))
    yield HostileFile("long_line", False, _text("long_line.txt", "koperasi " * 20_000 + SENTENCE))


def _numbers() -> Iterator[HostileFile]:
    texts = {
        "digits_5000": "Tercatat " + "9" * 5000 + " koperasi aktif di Sleman.",
        "digits_400": "Ada " + "1" * 400 + " koperasi di Kabupaten Sleman.",
        "dots_2560": "1." * 2560 + " koperasi aktif.",
        "commas_2000": "1," * 2000 + " koperasi aktif.",
        "thousands_groups": "Ada " + "999." * 300 + "999 koperasi di Sleman.",
        "exponent": "Ada 1e999 koperasi dan 1E+308 unit di Sleman.",
        "negative": "Di Sleman ada -5 koperasi aktif dan −12 koperasi tidak aktif dari 300 koperasi.",
        "percent_over_100": "Di Sleman 150 persen koperasi aktif, 250% tidak aktif dari 300 koperasi.",
        "many_percents": "%" * 5000 + " 45 persen koperasi aktif.",
        "many_numbers": " ".join(f"{n} koperasi" for n in range(3000)),
        "zero": "Di Sleman tercatat 0 koperasi, 0 aktif dan 0 tidak aktif.",
        "huge_float": "Ada 3.027,999999999999999999999 koperasi di Kalimantan Selatan.",
        "words_numbers": "Ada seribu sejuta semiliar setriliun sekuadriliun koperasi di Sleman. " * 50,
        "nested_dari": "dari " * 3000 + "300 koperasi di Sleman, 200 di antaranya aktif.",
        "many_regions": "Koperasi di " + ", ".join(["Sleman", "Bantul", "Kulon Progo", "Gunungkidul"] * 600)
                        + " berjumlah 300 unit.",
        "contradiction_sum": "Di Kabupaten Sleman ada 300 koperasi: 450 aktif dan 20 tidak aktif.",
        "contradiction_parts": "Di Kabupaten Sleman ada 300 koperasi, 450 di antaranya aktif.",
        "contradiction_twice": "Di Kabupaten Sleman ada 300 koperasi. Di Kabupaten Sleman ada 310 koperasi.",
        "contradiction_types": "Di Kabupaten Sleman ada 30 koperasi aktif, terdiri dari 40 KSP dan 50 KUD.",
        "contradiction_share": "Di Kabupaten Sleman 300 koperasi, 200 aktif atau 90 persen.",
        "unicode_digits": "Ada ٣٠٠ koperasi dan ３００ koperasi di Sleman.",
        "dates_everywhere": " ".join(f"{d} Januari 2024" for d in range(1, 32)) * 30 + " ada 300 koperasi.",
        "sentence_without_end": "ada 300 koperasi di Sleman dan " * 3000,
        "only_punctuation": ".,;:!?" * 5000,
    }
    for name, text in texts.items():
        yield HostileFile(f"num_{name}", False, _text(f"num_{name}.txt", f"Koperasi Sleman\n\n{text}\n"))


def _headers() -> Iterator[HostileFile]:
    bad_dates = ["2024-13-45", "2024-02-30", "2023-02-29", "2024-00-10", "2024-04-31", "0000", "9999",
                 "1800-01-01", "24-01-01", "2024/01/01", "2024-1-1", "20240101", "2024-01-01T10:00",
                 "kemarin", "2024-12-32", "-2024", "2024-W05", "２０２４"]
    for number, date in enumerate(bad_dates):
        yield HostileFile(f"date_{number}", True, _text(f"date_{number}.txt",
                                                         f"TITLE: Koperasi\nSOURCE: x\nDATE: {date}\n\n{SENTENCE}\n"),
                          line=3)
    for number, header in enumerate(["TITLE: a\nTITLE: b\n\n", "DATE: 2024\nDATE: 2023\n\n"]):
        yield HostileFile(f"header_twice_{number}", True, _text(f"header_twice_{number}.txt", header + SENTENCE),
                          line=2)
    yield HostileFile("header_no_blank", True, _text("header_no_blank.txt", "TITLE: a\n" + SENTENCE), line=2)
    for number, header in enumerate(["title: kecil\n\n", "TITLE:\n\n", "SOURCE: " + "x" * 5000 + "\n\n",
                                     "TITLE: " + "{{ config(materialized='table') }}" + "\n\n",
                                     "DATE: unknown\n\n", "DATE: UNKNOWN\n\n", "TITLE: a\r\nDATE: 2024\r\n\r\n"]):
        yield HostileFile(f"header_odd_{number}", False, _text(f"header_odd_{number}.txt", header + SENTENCE))


def _links() -> Iterator[HostileFile]:
    def link(name: str, target: str | Callable[[Path], Path]) -> Callable[[Path], Path]:
        def make(folder: Path) -> Path:
            path = folder / name
            path.symlink_to(target(folder) if callable(target) else target)
            return path
        return make
    yield HostileFile("link_passwd", True, link("link_passwd.txt", "/etc/passwd"))
    yield HostileFile("link_dangling", True, link("link_dangling.txt", "/nonexistent/article.txt"))
    yield HostileFile("link_dir", True, link("link_dir.txt", "/etc"))
    yield HostileFile("link_dev_zero", True, link("link_dev_zero.txt", "/dev/zero"))
    yield HostileFile("link_sibling", True, link("link_sibling.txt", lambda folder: _text(
        "sibling_target.md", SENTENCE)(folder)))
    yield HostileFile("link_loop", True, link("link_loop.txt", "link_loop.txt"))

    def fifo(folder: Path) -> Path:
        os.mkfifo(folder / "fifo.txt")
        return folder / "fifo.txt"

    def directory(folder: Path) -> Path:
        (folder / "directory.txt").mkdir()
        (folder / "directory.txt" / "inner.txt").write_text(SENTENCE, encoding="utf-8")
        return folder / "directory.txt"
    yield HostileFile("fifo", True, fifo)
    yield HostileFile("directory", True, directory)


def _names() -> Iterator[HostileFile]:
    accepted = {
        "name_space": "berita koperasi sleman.txt",
        "name_quote": "'; drop table raw.articles; --.txt",
        "name_double_quote": 'berita "koperasi".txt',
        "name_unicode": "koperasi-ñ-ü-日本-🙂.txt",
        "name_dash": "-rf.txt",
        "name_long": "k" * 200 + ".txt",
        "name_dots": "a.b.c.txt",
        "name_jinja": "{{ var('x') }}.txt",
        "name_percent": "100%.txt",
        "name_backslash": "a\\b.txt",
        "name_dollar": "$(rm -rf ~).txt",
        "name_upper_ext": "Berita.Koperasi.txt",
    }
    for case, name in accepted.items():
        yield HostileFile(case, False, _text(name, SENTENCE))
    for case, name in {"name_newline": "a\nb.txt", "name_tab": "a\tb.txt", "name_escape": "a\x1b[31mb.txt",
                       "name_cr": "a\rb.txt", "name_del": "a\x7fb.txt"}.items():
        yield HostileFile(case, True, _text(name, SENTENCE))


def _injection() -> Iterator[HostileFile]:
    texts = {
        "sql": "'; drop table marts.fct_cooperative_figures; -- Ada 300 koperasi di Sleman.",
        "jinja": "{{ run_query('drop schema marts cascade') }} {% do adapter.drop_schema() %} Ada 300 koperasi.",
        "markdown_pipes": "| a | b |\n|---|---|\n| Sleman | 300 koperasi |",
        "html": "<script>alert(1)</script><b>300</b> koperasi di <i>Sleman</i>.",
        "control_chars": "Ada\x07 300\x1b[2J koperasi\x0b di\x0c Sleman.",
        "rtl_override": "Ada \u202e300\u202c koperasi di Sleman.",
        "zero_width": "Ada 3\u200b027 koperasi di Kali\u200dmantan Selatan.",
        "nbsp_everywhere": "Ada\u00a03.027\u00a0koperasi\u00a0di\u00a0Kalimantan\u00a0Selatan.",
        "surrogate_like": "Ada 300 koperasi \U0001f600\U0001f600 di Sleman.",
        "combining": "Ada 300 koperasi di Sle\u0301man" + "\u0301" * 500 + ".",
    }
    for name, text in texts.items():
        yield HostileFile(f"inject_{name}", False, _text(f"inject_{name}.txt", f"Judul\n\n{text}\n"))
    rng = random.Random(3)
    words = SENTENCE.split() + ["aktif", "tidak", "koperasi", "unit", "persen", "%", "dari", "di antaranya",
                                "Kalsel", "Banua", "sekitar", "lebih dari", "1.944", "3.027", "enam", "-an"]
    for number in range(40):  # shuffled figure words: any sentence the extractor may meet
        text = " ".join(rng.choice(words) for _ in range(rng.randint(5, 400)))
        yield HostileFile(f"shuffled_{number}", False, _text(f"shuffled_{number}.txt", text + "."))


def hostile_files() -> list[HostileFile]:
    files = [*_encodings(), *_binary(), *_huge(), *_numbers(), *_headers(), *_links(), *_names(), *_injection()]
    assert len({f.case for f in files}) == len(files), "case names are unique"
    return files
