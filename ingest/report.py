"""Corpus report: what ingest made of each file (``policykg report PATH``)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ingest.errors import IngestError
from ingest.pipeline import parse_paths
from ingest.readers import DEFAULT_MAX_TEXT_BYTES

TOTAL_FILE = "TOTAL"


def corpus_report(paths: Iterable[Path | str], *, max_text_bytes: int = DEFAULT_MAX_TEXT_BYTES) -> list[dict[str, Any]]:
    """One row per file, then a totals row (``file == "TOTAL"``).

    Per-file keys: file, ok, error, title, level, region, clauses, annotated_clauses
    (clauses with ≥1 responsibility), unreadable_annotations (clauses flagged), task_rows (rows of
    task-division tables), agencies, responsibilities, targets, warnings.
    The totals row sums the counts and adds ``files``, ``parsed`` and ``failed``.
    """
    rows: list[dict[str, Any]] = []
    for path, result in parse_paths(paths, max_text_bytes=max_text_bytes):
        if isinstance(result, IngestError):
            rows.append({"file": str(path), "ok": False, "error": result.reason, "title": "", "level": "", "region": "",
                         "clauses": 0, "annotated_clauses": 0, "unreadable_annotations": 0, "task_rows": 0, "agencies": 0,
                         "responsibilities": 0, "targets": 0,
                         "warnings": []})
            continue
        doc = result.document
        rows.append(
            {
                "file": str(path),
                "ok": True,
                "error": "",
                "title": doc.title,
                "level": doc.level,
                "region": doc.region,
                "clauses": len(result.clauses),
                "annotated_clauses": len({r.clause_id for r in result.responsibilities}),
                "unreadable_annotations": sum(1 for c in result.clauses if c.unreadable_annotation),
                "task_rows": sum(1 for c in result.clauses if c.kind == "task"),
                "data_rows": sum(1 for c in result.clauses if c.kind == "row"),
                "agencies": len(result.agencies),
                "responsibilities": len(result.responsibilities),
                "targets": len(result.targets),
                "warnings": list(result.warnings),
            }
        )
    counts = ("clauses", "annotated_clauses", "unreadable_annotations", "task_rows", "agencies", "responsibilities", "targets")
    total: dict[str, Any] = {"file": TOTAL_FILE, "files": len(rows), "parsed": sum(r["ok"] for r in rows)}
    total["failed"] = total["files"] - total["parsed"]
    total.update({key: sum(r[key] for r in rows) for key in counts})
    return [*rows, total]
