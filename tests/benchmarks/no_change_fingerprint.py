"""How long `koperasi run` takes to see that nothing changed, at any corpus size: the fingerprint
of the articles folder, first with every file read (no digest cache), then with the cache of
the previous run (only the listing and one stat per file).

    .venv/bin/python tests/benchmarks/no_change_fingerprint.py [--articles 40000] [--kb 2.5]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from dagster_project.build_inputs import _RACY_WINDOW_NS, articles_fingerprint


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=40_000)
    parser.add_argument("--kb", type=float, default=2.5, help="size of each article")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder, cache = Path(scratch) / "articles", Path(scratch) / "digests.json"
        folder.mkdir()
        body = ("Di Kabupaten Blora tercatat 120 koperasi aktif. " * int(args.kb * 1024 / 48 + 1))[:int(args.kb * 1024)]
        for i in range(args.articles):
            (folder / f"{i:06d}.txt").write_text(f"TITLE: {i}\n\n{body}", encoding="utf-8")
        megabytes = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        time.sleep(_RACY_WINDOW_NS / 1e9 + 0.5)  # older than the racy window, as after any real build
        for label, digests in (("every file read", None), ("first run with the cache (fills it)", cache),
                               ("no change, with the cache", cache)):
            start = time.perf_counter()
            articles_fingerprint(folder, digests)
            print(f"{args.articles} articles ({megabytes:.0f} MB), {label}: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
