"""policykg search layer: offline embeddings, hybrid index, question answering, the PolicyKG facade.

Public API (imported lazily, so ``import search`` does not load torch)::

    from search import PolicyKG, Answer, SearchIndex, SentenceTransformerEmbedder, build_model, evaluate
    from search import diff_documents, build_map   # what changed between plans; national → local map
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "PolicyKG": "search.service",
    "IngestReport": "search.service",
    "SearchResult": "search.service",
    "Answer": "search.answer",
    "SearchIndex": "search.index",
    "EmbeddingCache": "search.index",
    "similar_measures": "search.similar",
    "Embedder": "search.embedder",
    "SentenceTransformerEmbedder": "search.embedder",
    "HashingEmbedder": "search.embedder",
    "build_model": "search.model",
    "verify_model": "search.model",
    "parse_question": "search.question",
    "answer_question": "search.qa",
    "evaluate": "search.eval",
    "DocumentDiff": "search.diff",
    "diff_documents": "search.diff",
    "ImplementationMap": "search.implmap",
    "build_map": "search.implmap",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use."""
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'search' has no attribute {name!r}")
