"""Cost of one question as its length grows: is question processing linear, whatever the shape?

    .venv/bin/python bench/bench_question_length.py                    # seeds ingested into a temp store
    .venv/bin/python bench/bench_question_length.py --store /path/to/store

For each adversarial shape (a run of one character, a repeated real question, region names
listed over and over, regex-hostile punctuation, a long document title repeated) and each length
(125 … 16,000 characters), times ``PolicyKG.ask`` (``max_question_chars`` lifted for the run so
the work itself is measured, not the refusal) and reports the median of ``--runs`` runs in ms and
the ratio of time to the time at the shortest length. Linear processing shows a time ratio close
to the length ratio (or flat, when the embedder's 512-token truncation dominates); a quadratic
step shows the square. Writes bench/results/question_length.json. One run; medians within it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ui.config import load_settings  # noqa: E402
from ui.factory import open_policykg  # noqa: E402
from timing import loadavg  # noqa: E402  (bench/ helpers)

OUT = ROOT / "bench" / "results" / "question_length.json"
LENGTHS = (125, 500, 2000, 8000, 16000)
SHAPES = {
    "one character": "节",
    "real question repeated": "太原市挥发性有机物综合整治由哪个部门牵头？",
    "regions listed": "太原市、大同市、山西省、江苏省、成都市、武汉市、",
    "regex-hostile punctuation": "（（【〔“《(((]]]**??++..\\\\||{{}}》”〕】））",
    "title repeated": "关于加快建立健全绿色低碳循环发展经济体系的实施方案",
}


def shaped(unit: str, length: int) -> str:
    """``unit`` repeated to exactly ``length`` characters."""
    return (unit * (length // len(unit) + 1))[:length]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, default=None, help="an existing store (default: seeds in a temp store)")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or Path(tmp) / "store"
        service = open_policykg(load_settings(store=store, max_question_chars=10**7))
        if args.store is None:
            service.ingest(sorted((ROOT / "data").glob("*.txt")))
        service.ask("太原市挥发性有机物综合整治由哪个部门牵头？")  # warm: model and indexes loaded
        rows = []
        for shape, unit in SHAPES.items():
            base = None
            for length in LENGTHS:
                q = shaped(unit, length)
                times = []
                for _ in range(args.runs):
                    t0 = time.perf_counter()
                    service.ask(q)
                    times.append(time.perf_counter() - t0)
                med = statistics.median(times)
                base = base or med
                rows.append({"shape": shape, "chars": length, "median_ms": round(med * 1000, 1),
                             "time_ratio": round(med / base, 2), "length_ratio": round(length / LENGTHS[0], 1)})
                print(f"{shape:28s} {length:>6d} chars  {med * 1000:9.1f} ms  x{med / base:6.2f}", flush=True)
        service.close()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"loadavg_1m": loadavg(), "runs": args.runs, "rows": rows}, ensure_ascii=False,
                              indent=1), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
