"""policykg ingest layer: Chinese policy documents -> frozen records (``ingest.records``).

Public API (imported lazily, so ``import ingest`` stays cheap)::

    from ingest import parse_file, parse_paths, corpus_report, ParsedDocument
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "parse_file": "ingest.pipeline",
    "parse_paths": "ingest.pipeline",
    "read_text": "ingest.readers",
    "iter_files": "ingest.readers",
    "repair_text": "ingest.repair",
    "corpus_report": "ingest.report",
    "Gazetteer": "ingest.regions",
    "Agency": "ingest.records",
    "Citation": "ingest.records",
    "Clause": "ingest.records",
    "Document": "ingest.records",
    "Hit": "ingest.records",
    "ParsedDocument": "ingest.records",
    "Region": "ingest.records",
    "Responsibility": "ingest.records",
    "Succession": "ingest.records",
    "Target": "ingest.records",
    "Topic": "ingest.records",
    "PolicyKGError": "ingest.errors",
    "IngestError": "ingest.errors",
    "ConfigError": "ingest.errors",
    "GraphStoreError": "ingest.errors",
    "IndexNotBuiltError": "ingest.errors",
    "NotFoundError": "ingest.errors",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use."""
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'ingest' has no attribute {name!r}")
