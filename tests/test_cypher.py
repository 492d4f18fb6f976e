"""Pin the Cypher the Neo4j store sends (a change here must be deliberate)."""

from __future__ import annotations

import re

from graph import cypher as Q


def test_merge_clauses_is_batched_and_parametrised():
    assert Q.MERGE_CLAUSES == "UNWIND $rows AS row MERGE (c:Clause {clause_id: row.clause_id}) SET c = row"


def test_merge_leads_sets_edge_properties():
    assert Q.MERGE_LEADS == (
        "UNWIND $rows AS row MATCH (a:Agency {name: row.agency}), (c:Clause {clause_id: row.clause_id}) "
        "MERGE (a)-[r:LEADS]->(c) SET r = row.props"
    )
    assert set(Q.MERGE_RESPONSIBILITY) == {"LEADS", "CO_RESPONSIBLE", "IMPLEMENTS"}


def test_subregions_walks_within_any_depth():
    assert Q.SUBREGIONS == "MATCH (r:Region {name: $region})<-[:WITHIN*0..]-(s:Region) RETURN DISTINCT s.name AS name"


def test_fulltext_index_uses_cjk_analyzer():
    assert Q.FULLTEXT_INDEX_CJK == (
        "CREATE FULLTEXT INDEX clause_text_cjk IF NOT EXISTS FOR (n:Clause) ON EACH [n.heading, n.text] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}"
    )


def test_constraints_cover_every_label_key():
    assert Q.CONSTRAINTS[0] == (
        "CREATE CONSTRAINT document_doc_id IF NOT EXISTS FOR (n:Document) REQUIRE n.doc_id IS UNIQUE"
    )
    assert len(Q.CONSTRAINTS) == 9  # one per label (DocumentVersion included) + StoreState


def test_no_statement_embeds_values():
    """Every statement takes values as $params: no quoted literals except analyzer/index options."""
    allowed = {"''", "'cjk'", "'whitespace'", "'cosine'"}
    for name, value in vars(Q).items():
        if not name.isupper():
            continue
        for stmt in value if isinstance(value, tuple) else value.values() if isinstance(value, dict) else [value]:
            if not isinstance(stmt, str):
                continue
            assert set(re.findall(r"'[^']*'", stmt)) <= allowed, (name, stmt)
