"""Parse-only throughput of ingest over the seeds and the corpus PDFs.

    .venv/bin/python bench/bench_parse.py            # 3 runs, median
    .venv/bin/python bench/bench_parse.py --runs 5

Measures, per input set (seeds: data/*.txt; corpus: tests/fixtures/corpus/*.pdf; all):
wall time of ``parse_file`` over every file (the gazetteer and dictionaries are loaded once
before timing), documents/s and clauses/s (median of ``--runs``). Prints a table and writes
bench/results/parse.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest.errors import IngestError  # noqa: E402
from ingest.pipeline import parse_file  # noqa: E402
from ingest.readers import iter_files  # noqa: E402
from ingest.regions import get_gazetteer  # noqa: E402

SETS = {
    "seeds": [ROOT / "data"],
    "corpus": [ROOT / "tests" / "fixtures" / "corpus"],
}


def run_once(files: list[Path]) -> tuple[float, int, int, int]:
    """(seconds, documents parsed, documents failed, clauses) for one pass over files."""
    parsed = failed = clauses = 0
    start = time.perf_counter()
    for path in files:
        try:
            result = parse_file(path)
        except IngestError:
            failed += 1
            continue
        parsed += 1
        clauses += len(result.clauses)
    return time.perf_counter() - start, parsed, failed, clauses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "parse.json")
    args = parser.parse_args()

    get_gazetteer()  # loaded once per process; not part of per-document cost
    parse_file(ROOT / "data" / "taiyuan-shisiwu-jienengjianpai.txt")  # warm imports and dictionaries

    results = {}
    sets = {**SETS, "all": SETS["seeds"] + SETS["corpus"]}
    for name, roots in sets.items():
        files = iter_files(roots)
        runs = [run_once(files) for _ in range(args.runs)]
        times = [r[0] for r in runs]
        median = statistics.median(times)
        _, parsed, failed, clauses = runs[0]
        results[name] = {
            "files": len(files),
            "parsed": parsed,
            "failed": failed,
            "clauses": clauses,
            "runs_s": [round(t, 3) for t in times],
            "median_s": round(median, 3),
            "docs_per_s": round(len(files) / median, 2),
            "clauses_per_s": round(clauses / median, 1),
            "ms_per_doc": round(1000 * median / len(files), 1),
        }

    header = f"{'set':8} {'files':>5} {'ok':>4} {'clauses':>7} {'median s':>9} {'docs/s':>8} {'clauses/s':>10} {'ms/doc':>8}"
    print(header)
    print("-" * len(header))
    for name, r in results.items():
        print(
            f"{name:8} {r['files']:>5} {r['parsed']:>4} {r['clauses']:>7} {r['median_s']:>9.3f} "
            f"{r['docs_per_s']:>8.2f} {r['clauses_per_s']:>10.1f} {r['ms_per_doc']:>8.1f}"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "runs": args.runs,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "processor_count": __import__("os").cpu_count(),
        "results": results,
    }
    args.out.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"wrote {args.out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
