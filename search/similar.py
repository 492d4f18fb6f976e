"""Similar measures: the clauses of *other* documents closest to a clause or a text.

Used for questions like 其他城市有没有类似太原…的要求？ The source clause's stored vector is
used (no re-embedding); a free text is embedded as a query. Results are dense-only (the
vector carries the meaning of the whole measure; BM25 over a long clause adds noise), and
near-duplicates within one document are collapsed so one document cannot fill the list
with its parent clause and the items under it:

* keep only the best hit per (document, heading);
* drop a hit whose stored clause vector has cosine >= ``collapse_threshold`` with an
  already kept hit of the same document.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ingest.records import Clause, Hit

__all__ = ["similar_measures"]

_OVERFETCH = 5


def similar_measures(index: Any, clause_or_text: Clause | str, *, k: int = 10,
                     exclude_doc: str | None = None, collapse_threshold: float = 0.95,
                     **filters: Any) -> list[Hit]:
    """Most similar clauses in other documents, near-duplicates per document collapsed.

    Args:
        index: a :class:`search.index.SearchIndex`.
        clause_or_text: a :class:`Clause`, an indexed clause id, or a free text.
        k: number of hits.
        exclude_doc: document to leave out. When None and the source is a clause (object or
            id), that clause's own document is left out; for a free text nothing is.
        collapse_threshold: cosine at/above which two hits of one document count as
            near-duplicates (only the better one is kept).
        **filters: doc_ids / region / level / year as in ``SearchIndex.search``.

    Returns:
        Hits best first, ``rank`` renumbered from 1, ``score`` = cosine.
    """
    source_id: str | None = None
    if isinstance(clause_or_text, Clause):
        source_doc = clause_or_text.doc_id
        if clause_or_text.clause_id in index:
            source_id = clause_or_text.clause_id
            vec = index.clause_vector(source_id)
        else:
            from search.index import passage_text

            vec = np.asarray(index.embedder.embed_passages([passage_text(clause_or_text)]), dtype=np.float32)[0]
    elif clause_or_text in index:
        source_id = clause_or_text
        source_doc = index.clause_meta(source_id)["doc_id"]
        vec = index.clause_vector(source_id)
    else:
        source_doc = None
        vec = np.asarray(index.embedder.embed_queries([clause_or_text]), dtype=np.float32)[0]
    if exclude_doc is None:
        exclude_doc = source_doc
    raw = index.search_vector(vec, max(k * _OVERFETCH, k + 20), exclude_doc_ids=exclude_doc,
                              exclude_clause_ids=[source_id] if source_id else [], **filters)
    kept: list[Hit] = []
    seen_heading: set[tuple[str, str]] = set()
    kept_vecs: dict[str, list[np.ndarray]] = {}
    for h in raw:
        m = index.clause_meta(h.clause_id)
        key = (m["doc_id"], m.get("heading") or "")
        if key[1] and key in seen_heading:
            continue
        v = index.clause_vector(h.clause_id)
        if any(float(v @ u) >= collapse_threshold for u in kept_vecs.get(m["doc_id"], [])):
            continue
        seen_heading.add(key)
        kept_vecs.setdefault(m["doc_id"], []).append(v)
        kept.append(Hit(h.clause_id, h.score, len(kept) + 1, h.dense_score, h.bm25_score))
        if len(kept) >= k:
            break
    return kept
