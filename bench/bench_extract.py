"""Extraction throughput (MB/s) on a large text.

    python3 bench/bench_extract.py [--mb 2] [--repeat 3]

Two corpora, each about ``--mb`` megabytes of UTF-8:

* ``ans``: the sentences of the ANS corpus (``../shared/datasets/ans``; read at
  run time, never copied into the repository) joined into one text, real Arabic
  news headlines repeated to size;
* ``dense``: a paragraph written for this benchmark where nearly every clause has
  a quantity, a date or an entity, the worst case for the extractors.

For each: the baseline in the same run is ``normalize_with_offsets`` plus the
tokenizer alone (the floor every extraction pays), then ``extract``. Reported:
MB/s of UTF-8 input (best of ``--repeat``), mentions found, and how time scales
from a quarter of the text to the whole (≈ 4.0 means linear).
"""

from __future__ import annotations

import argparse
import csv
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tabayyun.extract import extract  # noqa: E402 - after the sys.path line above
from tabayyun.extract.aliases import AliasTable  # noqa: E402
from tabayyun.extract.tokens import prepare  # noqa: E402

DENSE = (
    "قتل نحو 10 آلاف مقاتل في الموصل في حزيران/يونيو 2014، وقال الرئيس الأمريكي جو بايدن إن واشنطن قدمت "
    "436 مليون دولار، فيما ارتفع التضخم إلى 30% في النصف الأول من 2020. About 1,200 families fled Aleppo "
    "on June 28, 2021, the World Health Organization said. "
)


def ans_text() -> str | None:
    base = ROOT.parent / "shared" / "datasets" / "ans"
    parts: list[str] = []
    for sub, cols in (("stance", ("s1", "s2")), ("claim", ("claim",))):
        for split in ("train", "dev", "test"):
            f = base / sub / f"{split}.csv"
            if not f.exists():
                continue
            with f.open(encoding="utf-8", newline="") as h:
                for row in csv.DictReader(h):
                    parts.extend(row[c] for c in cols if row.get(c))
    return ". ".join(parts) + "." if parts else None


def to_size(text: str, mb: float) -> str:
    unit_bytes = len(text.encode())
    reps = max(1, int(mb * 1e6 // unit_bytes) + 1)
    out = text * reps
    return out[: int(len(out) * (mb * 1e6) / len(out.encode()))]


def best(fn: object, text: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn(text)  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=2.0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    AliasTable.default()  # load the gazetteer outside the timing
    extract("تحميل")
    print(f"machine: {platform.machine()}, {platform.processor() or '?'}, Python {platform.python_version()}")
    corpora = [("dense", DENSE)]
    ans = ans_text()
    if ans is not None:
        corpora.insert(0, ("ans", ans))
    else:
        print("(../shared/datasets/ans not found: ans corpus skipped)")
    print(f"{'corpus':<6} {'MB':>5} {'baseline MB/s':>14} {'extract MB/s':>13} {'quantities':>10} "
          f"{'dates':>7} {'entities':>8} {'x4 text → time':>15}")
    for name, unit in corpora:
        text = to_size(unit, args.mb)
        size = len(text.encode()) / 1e6
        t_base = best(prepare, text, args.repeat)
        t_ext = best(extract, text, args.repeat)
        quarter = text[: len(text) // 4]
        t_q = best(extract, quarter, args.repeat)
        x = extract(text)
        print(f"{name:<6} {size:5.2f} {size / t_base:14.2f} {size / t_ext:13.2f} {len(x.quantities):10d} "
              f"{len(x.dates):7d} {len(x.entities):8d} {t_ext / t_q:15.2f}")


if __name__ == "__main__":
    main()
