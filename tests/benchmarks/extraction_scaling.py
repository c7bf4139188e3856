"""How extraction time grows with the article's size, on adversarial inputs (issue 13, fault 3).

    .venv/bin/python tests/benchmarks/extraction_scaling.py [--only dots,repeat,...] [--scale 1]

Each case builds one article at doubling sizes and times `extract_figures` on it, printing the
seconds and the ratio to the size before: about 2 means linear, 4 quadratic. It asserts
nothing. `--scale` multiplies every size (0.25 for a quick look).

- dots: `1.` repeated, one sentence of thousands of numbers (1 to 32 KB)
- repeat: a source article repeated (100 KB to 1.6 MB)
- regions: region names one after the other (`Kabupaten Bogor, Kota Bandung, ...`)
- digits: one number of ever more digits, then a count
- percents: `5%` repeated after a count of active cooperatives
- dari: `dari 12 koperasi` repeated, every count a whole of the next
- runon: a prose line without a sentence end, a count now and then
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from dagster_project.domain.extraction import extract_figures
from dagster_project.domain.extraction.gazetteer import default_gazetteer

ARTICLE = Path(__file__).resolve().parents[2] / "data" / "articles" / "000_fad78c50e3a376a4.txt"
KB = 1024


def repeated(unit: str, size: int, head: str = "Koperasi di Banyuasin\n\n", tail: str = " koperasi aktif.") -> str:
    return head + unit * max(1, (size - len(head) - len(tail)) // len(unit)) + tail


CASES: dict[str, tuple[Callable[[int], str], list[int]]] = {
    "dots": (lambda n: repeated("1.", n), [KB * 2**i for i in range(6)]),
    "repeat": (lambda n: (ARTICLE.read_text(encoding="utf-8") * (n // 2000 + 1))[:n],
               [100_000 * 2**i for i in range(5)]),
    "regions": (lambda n: repeated("Kabupaten Bogor, Kota Bandung, Sleman, Provinsi Jawa Timur, ", n,
                                   "Ada 120 koperasi aktif di ", ""), [8 * KB * 2**i for i in range(5)]),
    "digits": (lambda n: repeated("7", n, "Tercatat ", " koperasi aktif di Banyuasin."), [8 * KB * 2**i for i in range(5)]),
    "percents": (lambda n: repeated(" 5%", n, "Ada 300 koperasi aktif di Banyuasin, atau", "."),
                 [8 * KB * 2**i for i in range(5)]),
    "dari": (lambda n: repeated("dari 12 koperasi ", n, "Di Banyuasin, ", "aktif."), [8 * KB * 2**i for i in range(5)]),
    "runon": (lambda n: repeated("pengurus koperasi di daerah itu berjumlah 25 unit dan terus dibina dinas ", n),
              [32 * KB * 2**i for i in range(5)]),
}


def timed(text: str) -> tuple[float, int]:
    started = time.perf_counter()
    figures = extract_figures("scaling", text, None)
    return time.perf_counter() - started, len(figures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=",".join(CASES), help="comma-separated cases")
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    default_gazetteer()  # loaded once per process; not part of any timing
    print(f"{'case':<9} {'size':>10} {'seconds':>8} {'ratio':>6} {'figures':>7}")
    for name in args.only.split(","):
        build, sizes = CASES[name]
        before: float | None = None
        for size in (int(s * args.scale) for s in sizes):
            text = build(size)
            seconds, figures = timed(text)
            ratio = f"{seconds / before:.1f}" if before else ""
            print(f"{name:<9} {len(text.encode('utf-8')):>10} {seconds:>8.2f} {ratio:>6} {figures:>7}", flush=True)
            before = max(seconds, 1e-3)


if __name__ == "__main__":
    main()
