"""Neo4j write rate of policykg's ingest beside the ceiling of ``neo4j-admin database import`` on the same data.

    .venv/bin/python bench/bench_neo4j_import.py [PATH ...]    (default: data/*.txt + tests/fixtures/corpus)

1. The files are parsed first (not timed).
2. **policykg**: every parsed document is written to a fresh Neo4j 5.26 server (the bundled one, 2 GB heap)
   through ``Neo4jGraphStore.write_document`` — one transaction per document, ``UNWIND`` batches per label
   and relationship type, lineage and garbage collection included — timed end to end.
3. **neo4j-admin import** (the offline bulk importer, from the same Maven artifacts as the launcher:
   ``org.neo4j.cli.AdminTool database import full``): the very graph the store then holds (``dump()``) is written
   as CSV files (one per label, one per relationship type and endpoint labels) and imported into an empty
   database; the importer's own run is timed (JVM start included), CSV writing is not.

Records = nodes + relationships of the resulting graph. Writes bench/results/neo4j_import.json and prints a
markdown table. One run; the 1-minute load average is recorded (the host may be shared).
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timing import free_port, loadavg  # noqa: E402  (bench/ helpers)

OUT = ROOT / "bench" / "results" / "neo4j_import.json"
PASSWORD = "import-bench-password"
LAUNCHER = ROOT / "graph" / "neo4j_launcher" / "target"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_csvs(dump, folder: Path) -> tuple[list[Path], list[Path]]:
    """CSV files for ``neo4j-admin database import`` from a ``GraphDump`` (ids are ``label:key``)."""
    folder.mkdir(parents=True, exist_ok=True)
    by_label: dict[str, list] = defaultdict(list)
    for label, key, props in dump.nodes:
        by_label[label].append((key, props))
    node_files = []
    for label, rows in sorted(by_label.items()):
        cols = sorted({k for _key, p in rows for k in p})
        path = folder / f"nodes-{label}.csv"
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow([f"id:ID({label})", *cols, ":LABEL"])
            for key, props in rows:
                w.writerow([key, *(_cell(props.get(c)) for c in cols), label])
        node_files.append(path)
    by_type: dict[tuple[str, str, str], list] = defaultdict(list)
    for rtype, (la, ka), (lb, kb), props in dump.edges:
        by_type[(rtype, la, lb)].append((ka, kb, props))
    rel_files = []
    for (rtype, la, lb), rows in sorted(by_type.items()):
        cols = sorted({k for _a, _b, p in rows for k in p})
        path = folder / f"rels-{rtype}-{la}-{lb}.csv"
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow([f":START_ID({la})", f":END_ID({lb})", *cols, ":TYPE"])
            for a, b, props in rows:
                w.writerow([a, b, *(_cell(props.get(c)) for c in cols), rtype])
        rel_files.append(path)
    return node_files, rel_files


def admin_import(home: Path, node_files: list[Path], rel_files: list[Path]) -> tuple[float, str]:
    """Run the offline importer into an empty database under ``home``: (seconds, its summary)."""
    (home / "conf").mkdir(parents=True, exist_ok=True)
    (home / "conf" / "neo4j.conf").write_text(f"server.directories.data={home / 'data'}\n", encoding="utf-8")
    cmd = ["java", "-Xmx2g", "-cp", f"{LAUNCHER / 'neo4j-launcher-1.0.0.jar'}:{LAUNCHER / 'lib'}/*",
           "org.neo4j.cli.AdminTool", "database", "import", "full", "neo4j", "--multiline-fields=true",
           f"--report-file={home / 'import.report'}",
           *(f"--nodes={p}" for p in node_files), *(f"--relationships={p}" for p in rel_files)]
    env = {"NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf"), "PATH": "/usr/bin:/bin"}
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=3600)
    seconds = time.perf_counter() - t0
    if proc.returncode:
        raise RuntimeError(f"neo4j-admin import failed: {(proc.stdout + proc.stderr)[-2000:]}")
    summary = " ".join(re.findall(r"IMPORT DONE in [^\n]*|\d+ (?:nodes|relationships|properties)", proc.stdout))
    return seconds, summary


def main() -> None:
    from graph import server
    from graph.neo4j_store import Neo4jGraphStore
    from ingest.errors import PolicyKGError
    from ingest.pipeline import parse_file
    from ingest.readers import iter_files

    paths = [Path(p) for p in sys.argv[1:]] or [*sorted((ROOT / "data").glob("*.txt")), ROOT / "tests" / "fixtures" / "corpus"]
    parsed = []
    for path in iter_files(paths):
        try:
            parsed.append(parse_file(path))
        except PolicyKGError:
            continue
    print(f"{len(parsed)} documents parsed", flush=True)
    work = Path(tempfile.mkdtemp(prefix="policykg-import-"))
    try:
        data_dir, port = work / "server", free_port()
        server.start(data_dir, port=port, password=PASSWORD, timeout=300, heap="2g", pagecache="1g")
        try:
            store = Neo4jGraphStore(f"bolt://127.0.0.1:{port}", "neo4j", PASSWORD)
            t0 = time.perf_counter()
            for p in parsed:
                store.write_document(p)
            write_s = time.perf_counter() - t0
            stats = store.stats()
            dump = store.dump()
            store.close()
        finally:
            server.stop(data_dir, timeout=120)
        records = sum(stats["labels"].values()) + sum(stats["relationships"].values())
        node_files, rel_files = write_csvs(dump, work / "csv")
        import_s, summary = admin_import(work / "import-home", node_files, rel_files)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result = {
        "documents": len(parsed), "nodes": sum(stats["labels"].values()), "relationships": sum(stats["relationships"].values()),
        "policykg_write_s": round(write_s, 1), "policykg_records_per_s": round(records / write_s),
        "admin_import_s": round(import_s, 1), "admin_import_records_per_s": round(records / import_s),
        "admin_import_summary": summary, "loadavg_1m": loadavg(),
    }
    OUT.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=1))
    print("| documents | records | policykg write_document | neo4j-admin database import | ratio |\n|---|---|---|---|---|")
    print(f"| {len(parsed)} | {records:,} | {write_s:.1f} s ({records / write_s:,.0f} records/s) | {import_s:.1f} s "
          f"({records / import_s:,.0f} records/s) | ×{write_s / import_s:.1f} |")


if __name__ == "__main__":
    main()
