"""Extraction throughput on one core, in MB of article text per second.

    .venv/bin/python tests/benchmarks/extraction_throughput.py [--megabytes 100]

The synthetic corpus is generated in memory: articles of news-like prose (paragraphs that
name regions, officials, dates and other numbers) with a few figure sentences each, built
from templates with random regions, values, statuses and types, so no two articles are the
same text. It prints the corpus size, the time and the throughput; it asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import time

from dagster_project.domain.extraction import extract_figures
from dagster_project.domain.extraction.gazetteer import default_gazetteer
from dagster_project.domain.official_regions import official_regions

PROSE = [
    "Kepala Dinas Koperasi dan UKM {region}, {person}, mengatakan pembinaan terus dilakukan.",
    "Rapat koordinasi digelar di {region}, {day} ({date}), dihadiri pejabat dari kementerian.",
    "Menurut dia, koperasi berperan penting bagi perekonomian rakyat dan penciptaan lapangan kerja.",
    "Pemerintah daerah menyiapkan program pelatihan bagi {n} orang pengurus pada tahun {year}.",
    "Ia berharap pengurus koperasi lebih disiplin menggelar rapat anggota tahunan setiap tahun.",
    "Dinas juga mendorong digitalisasi usaha agar produk anggota dapat dipasarkan lebih luas.",
    "Anggaran pembinaan tahun {year} mencapai Rp{n} juta dan akan ditambah tahun depan.",
    "Kegiatan tersebut merupakan bagian dari peringatan Hari Koperasi ke-{n} di {region}.",
]
FIGURES = [
    "Hingga {month} {year}, tercatat {total} koperasi di {region}, {active} di antaranya aktif.",
    "Dari {total} unit koperasi yang terdaftar di {region}, sebanyak {inactive} unit tidak aktif.",
    "Koperasi {type} di {region} berjumlah {active} unit dan sekitar {inactive} unit mati suri.",
    "Sebanyak {pct} persen koperasi di {region} masih aktif, sisanya tinggal papan nama.",
]
TYPES = ["simpan pinjam", "produsen", "konsumen", "pemasaran", "jasa", "serba usaha"]
MONTHS = ["Januari", "Maret", "Juni", "September", "Desember"]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat"]


def synthetic_article(rng: random.Random, names: list[str]) -> str:
    region = rng.choice(names)
    values = {"region": region, "person": rng.choice(["Budi Santoso", "Siti Rahma", "Agus Salim"]),
              "day": rng.choice(DAYS), "date": f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/2024",
              "n": rng.randint(10, 900), "year": rng.randint(2015, 2025), "month": rng.choice(MONTHS),
              "type": rng.choice(TYPES), "pct": rng.randint(30, 90)}
    total = rng.randint(100, 9000)
    values |= {"total": f"{total:,}".replace(",", "."), "active": rng.randint(10, total // 2),
               "inactive": rng.randint(10, total // 2)}
    paragraphs = [f"{region.upper()} – " + rng.choice(FIGURES).format(**values)]
    for _ in range(rng.randint(4, 8)):
        sentences = [rng.choice(PROSE).format(**values) for _ in range(rng.randint(2, 4))]
        if rng.random() < 0.3:
            sentences.append(rng.choice(FIGURES).format(**values))
        paragraphs.append(" ".join(sentences))
    return f"Koperasi di {region} Terus Dibina\n\n" + "\n\n".join(paragraphs) + "\n"


def synthetic_corpus(megabytes: float, seed: int = 20261121) -> tuple[list[str], int]:
    """Synthetic articles until they hold `megabytes` of UTF-8 text; returns them and their bytes."""
    rng = random.Random(seed)
    names = [r.region_name for r in official_regions() if r.region_type in ("provinsi", "kabupaten", "kota")]
    corpus: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        corpus.append(synthetic_article(rng, names))
        size += len(corpus[-1].encode("utf-8"))
    return corpus, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--megabytes", type=float, default=100.0)
    args = parser.parse_args()

    started = time.perf_counter()
    default_gazetteer()  # loaded once per process; not part of the throughput
    load_seconds = time.perf_counter() - started
    corpus, size = synthetic_corpus(args.megabytes)

    started = time.perf_counter()
    figures = sum(len(extract_figures(f"a{i}", text, None)) for i, text in enumerate(corpus))
    seconds = time.perf_counter() - started
    print(f"gazetteer load: {load_seconds:.2f} s (once per process)")
    print(f"corpus: {len(corpus)} synthetic articles, {size / 1e6:.1f} MB")
    print(f"extracted {figures} figures in {seconds:.1f} s on one core: "
          f"{size / 1e6 / seconds:.2f} MB/s ({len(corpus) / seconds:.0f} articles/s)")


if __name__ == "__main__":
    main()
