"""Every Cypher statement the Neo4j store runs, as named constants (values only via ``$params``).

Schema: ``graph/SCHEMA.md``. Write rows come from ``graph.common.prepare_document``; each
``UNWIND $rows AS row`` statement writes one batch. ``tests/test_cypher.py`` pins some strings.
"""

from __future__ import annotations

# --- schema ------------------------------------------------------------------------------------

#: unique key constraints (one per label; they also back MERGE lookups)
CONSTRAINTS: tuple[str, ...] = (
    "CREATE CONSTRAINT document_doc_id IF NOT EXISTS FOR (n:Document) REQUIRE n.doc_id IS UNIQUE",
    "CREATE CONSTRAINT clause_clause_id IF NOT EXISTS FOR (n:Clause) REQUIRE n.clause_id IS UNIQUE",
    "CREATE CONSTRAINT agency_name IF NOT EXISTS FOR (n:Agency) REQUIRE n.name IS UNIQUE",
    "CREATE CONSTRAINT target_target_id IF NOT EXISTS FOR (n:Target) REQUIRE n.target_id IS UNIQUE",
    "CREATE CONSTRAINT indicator_name IF NOT EXISTS FOR (n:Indicator) REQUIRE n.name IS UNIQUE",
    "CREATE CONSTRAINT region_name IF NOT EXISTS FOR (n:Region) REQUIRE n.name IS UNIQUE",
    "CREATE CONSTRAINT topic_topic_id IF NOT EXISTS FOR (n:Topic) REQUIRE n.topic_id IS UNIQUE",
    "CREATE CONSTRAINT store_state_key IF NOT EXISTS FOR (n:StoreState) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT document_version_id IF NOT EXISTS FOR (n:DocumentVersion) REQUIRE n.version_id IS UNIQUE",
)

#: secondary range indexes for the lookups queries make
INDEXES: tuple[str, ...] = (
    "CREATE INDEX clause_doc_id IF NOT EXISTS FOR (n:Clause) ON (n.doc_id)",
    "CREATE INDEX agency_canonical IF NOT EXISTS FOR (n:Agency) ON (n.canonical)",
    "CREATE INDEX document_doc_number IF NOT EXISTS FOR (n:Document) ON (n.doc_number)",
    "CREATE INDEX document_title IF NOT EXISTS FOR (n:Document) ON (n.title)",
    "CREATE INDEX target_indicator IF NOT EXISTS FOR (n:Target) ON (n.indicator)",
    "CREATE INDEX document_version_doc_id IF NOT EXISTS FOR (n:DocumentVersion) ON (n.doc_id)",
)

#: one-time migration run at schema setup: document lineage had the agency role's type IMPLEMENTS
#: before it got its own, IMPLEMENTS_DOCUMENT (properties kept; Agency -> Clause IMPLEMENTS untouched).
#: Idempotent: with no old edge left it matches nothing.
MIGRATE_LINEAGE_TYPE = (
    "MATCH (a:Document)-[r:IMPLEMENTS]->(b:Document) "
    "CREATE (a)-[n:IMPLEMENTS_DOCUMENT]->(b) SET n = properties(r) DELETE r "
    "RETURN count(n) AS migrated"
)
COUNT_OLD_LINEAGE = "MATCH (:Document)-[r:IMPLEMENTS]->(:Document) RETURN count(r) AS n"

FULLTEXT_ANALYZERS = "CALL db.index.fulltext.listAvailableAnalyzers() YIELD analyzer RETURN collect(analyzer) AS analyzers"

#: full-text index over the raw clause text, CJK bigram analyzer (Lucene CJKAnalyzer)
FULLTEXT_INDEX_CJK = (
    "CREATE FULLTEXT INDEX clause_text_cjk IF NOT EXISTS FOR (n:Clause) ON EACH [n.heading, n.text] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}"
)
#: full-text index over a jieba-segmented copy (words joined by spaces), whitespace analyzer
FULLTEXT_INDEX_JIEBA = (
    "CREATE FULLTEXT INDEX clause_text_seg IF NOT EXISTS FOR (n:Clause) ON EACH [n.text_seg] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}"
)
FULLTEXT_INDEX_NAMES = {"cjk": "clause_text_cjk", "jieba": "clause_text_seg"}

AWAIT_INDEXES = "CALL db.awaitIndexes($timeout)"

FULLTEXT_QUERY = (
    "CALL db.index.fulltext.queryNodes($index, $query, {limit: $limit}) YIELD node, score "
    "RETURN node.clause_id AS clause_id, score ORDER BY score DESC, clause_id LIMIT $limit"
)

# --- delete / garbage-collect --------------------------------------------------------------------

DELETE_DOC_TARGETS = (
    "MATCH (:Clause {doc_id: $doc_id})-[:SETS_TARGET]->(t:Target) DETACH DELETE t"
)
DELETE_DOC_CLAUSES = "MATCH (c:Clause {doc_id: $doc_id}) DETACH DELETE c"
DELETE_DOC_OUT_EDGES = "MATCH (:Document {doc_id: $doc_id})-[r:COVERS|IMPLEMENTS_DOCUMENT]->() DELETE r"
DELETE_DOC_SUCCESSIONS = (
    "MATCH (:Agency)-[r:SUCCEEDED_BY]->(:Agency) WHERE $doc_id IN r.docs "
    "SET r.docs = [x IN r.docs WHERE x <> $doc_id] "
    "WITH r WHERE size(r.docs) = 0 DELETE r"
)
DELETE_DOCUMENT_NODE = "MATCH (d:Document {doc_id: $doc_id}) DETACH DELETE d"
DELETE_DOC_VERSIONS = "MATCH (v:DocumentVersion {doc_id: $doc_id}) DETACH DELETE v"
#: the document (not a stub) and the lineage edges citing it (from other documents)
GET_DOCUMENT_FOR_REMOVAL = (
    "MATCH (d:Document {doc_id: $doc_id}) WHERE NOT d.stub "
    "RETURN properties(d) AS props, "
    "[(x:Document)-[r:IMPLEMENTS_DOCUMENT]->(d) WHERE x <> d | {source: x.doc_id, target: d.doc_id, props: properties(r)}] "
    "AS citing"
)

GC_STUBS = (
    "MATCH (d:Document) WHERE d.stub AND NOT EXISTS { (:Document)-[:IMPLEMENTS_DOCUMENT]->(d) } DETACH DELETE d"
)
GC_AGENCIES = (
    "MATCH (a:Agency) WHERE NOT EXISTS { (a)-[:LEADS|CO_RESPONSIBLE|IMPLEMENTS|SUCCEEDED_BY]-() } "
    "DETACH DELETE a"
)
GC_TOPICS = "MATCH (t:Topic) WHERE NOT EXISTS { (:Clause)-[:ABOUT]->(t) } DETACH DELETE t"
GC_INDICATORS = "MATCH (i:Indicator) WHERE NOT EXISTS { (:Target)-[:MEASURES]->(i) } DETACH DELETE i"
#: a region stays while something refers to it or to a region within it
GC_REGIONS = (
    "MATCH (r:Region) WHERE NOT EXISTS { (r)<-[:COVERS|FOR_REGION|OF_REGION|MENTIONS]-() } "
    "AND NOT EXISTS { MATCH (r)<-[:WITHIN*1..]-(x:Region) "
    "WHERE EXISTS { (x)<-[:COVERS|FOR_REGION|OF_REGION|MENTIONS]-() } } "
    "DETACH DELETE r"
)

CLEAR_ALL = "MATCH (n) WHERE NOT n:StoreState CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"

# --- store generation: one (:StoreState {key: $key}) node, bumped in every write transaction ---
STORE_STATE_KEY = "store"  # passed as $key
BUMP_GENERATION = (
    "MERGE (s:StoreState {key: $key}) SET s.generation = coalesce(s.generation, 0) + 1 "
    "RETURN s.generation AS generation"
)
GET_GENERATION = "OPTIONAL MATCH (s:StoreState {key: $key}) RETURN coalesce(s.generation, 0) AS generation"

# --- write (one document, one transaction) -------------------------------------------------------

UPSERT_DOCUMENT = "MERGE (d:Document {doc_id: $props.doc_id}) SET d = $props"
MERGE_REGIONS = (
    "UNWIND $rows AS row MERGE (r:Region {name: row.name}) SET r = row "
    "WITH r, row OPTIONAL MATCH (r)-[w:WITHIN]->(old:Region) "
    "WHERE row.parent IS NULL OR old.name <> row.parent DELETE w"
)
MERGE_REGION_REFS = "UNWIND $rows AS row MERGE (:Region {name: row.name})"
MERGE_WITHIN = (
    "UNWIND $rows AS row MATCH (r:Region {name: row.name}), (p:Region {name: row.parent}) "
    "MERGE (r)-[:WITHIN]->(p)"
)
MERGE_TOPICS = "UNWIND $rows AS row MERGE (t:Topic {topic_id: row.topic_id}) SET t = row"
MERGE_TOPIC_REFS = "UNWIND $rows AS row MERGE (:Topic {topic_id: row.topic_id})"
MERGE_AGENCIES = (
    "UNWIND $rows AS row MERGE (a:Agency {name: row.name}) SET a = row "
    "WITH a, row OPTIONAL MATCH (a)-[o:OF_REGION]->(old:Region) "
    "WHERE coalesce(row.region, '') = '' OR old.name <> row.region DELETE o"
)
MERGE_AGENCY_REFS = "UNWIND $rows AS row MERGE (:Agency {name: row.name})"
MERGE_OF_REGION = (
    "UNWIND $rows AS row MATCH (a:Agency {name: row.agency}), (r:Region {name: row.region}) "
    "MERGE (a)-[:OF_REGION]->(r)"
)
MERGE_CLAUSES = "UNWIND $rows AS row MERGE (c:Clause {clause_id: row.clause_id}) SET c = row"
MERGE_HAS_SECTION = (
    "UNWIND $rows AS row MATCH (d:Document {doc_id: $doc_id}), (c:Clause {clause_id: row.clause_id}) "
    "MERGE (d)-[:HAS_SECTION]->(c)"
)
MERGE_HAS_CLAUSE = (
    "UNWIND $rows AS row MATCH (p:Clause {clause_id: row.parent_id}), (c:Clause {clause_id: row.clause_id}) "
    "MERGE (p)-[:HAS_CLAUSE]->(c)"
)
MERGE_ABOUT = (
    "UNWIND $rows AS row MATCH (c:Clause {clause_id: row.clause_id}), (t:Topic {topic_id: row.topic_id}) "
    "MERGE (c)-[:ABOUT]->(t)"
)
MERGE_MENTIONS = (
    "UNWIND $rows AS row MATCH (c:Clause {clause_id: row.clause_id}), (r:Region {name: row.region}) "
    "MERGE (c)-[:MENTIONS]->(r)"
)
# one statement per relationship type: Cypher cannot take a relationship type as a parameter
MERGE_LEADS = (
    "UNWIND $rows AS row MATCH (a:Agency {name: row.agency}), (c:Clause {clause_id: row.clause_id}) "
    "MERGE (a)-[r:LEADS]->(c) SET r = row.props"
)
MERGE_CO_RESPONSIBLE = (
    "UNWIND $rows AS row MATCH (a:Agency {name: row.agency}), (c:Clause {clause_id: row.clause_id}) "
    "MERGE (a)-[r:CO_RESPONSIBLE]->(c) SET r = row.props"
)
MERGE_IMPLEMENTS_RESP = (
    "UNWIND $rows AS row MATCH (a:Agency {name: row.agency}), (c:Clause {clause_id: row.clause_id}) "
    "MERGE (a)-[r:IMPLEMENTS]->(c) SET r = row.props"
)
MERGE_RESPONSIBILITY: dict[str, str] = {
    "LEADS": MERGE_LEADS,
    "CO_RESPONSIBLE": MERGE_CO_RESPONSIBLE,
    "IMPLEMENTS": MERGE_IMPLEMENTS_RESP,
}
MERGE_TARGETS = (
    "UNWIND $rows AS row MATCH (c:Clause {clause_id: row.clause_id}) "
    "MERGE (t:Target {target_id: row.target_id}) SET t = row MERGE (c)-[:SETS_TARGET]->(t)"
)
MERGE_MEASURES = (
    "UNWIND $rows AS row MATCH (t:Target {target_id: row.target_id}) "
    "MERGE (i:Indicator {name: row.indicator}) MERGE (t)-[:MEASURES]->(i)"
)
MERGE_FOR_REGION = (
    "UNWIND $rows AS row MATCH (t:Target {target_id: row.target_id}), (r:Region {name: row.region}) "
    "MERGE (t)-[:FOR_REGION]->(r)"
)
MERGE_COVERS = (
    "UNWIND $rows AS row MATCH (d:Document {doc_id: $doc_id}), (r:Region {name: row.region}) "
    "MERGE (d)-[:COVERS]->(r)"
)
#: doc list kept sorted: insert $doc_id between the smaller and the larger ids
MERGE_SUCCESSIONS = (
    "UNWIND $rows AS row MATCH (a:Agency {name: row.predecessor}), (b:Agency {name: row.successor}) "
    "MERGE (a)-[r:SUCCEEDED_BY]->(b) "
    "SET r.year = coalesce(row.year, r.year), "
    "r.docs = [x IN coalesce(r.docs, []) WHERE x < $doc_id] + [$doc_id] "
    "+ [x IN coalesce(r.docs, []) WHERE x > $doc_id]"
)
#: stored documents a citation could match (by doc_number or title)
CITATION_CANDIDATES = (
    "MATCH (d:Document) WHERE NOT d.stub AND ((d.doc_number <> '' AND d.doc_number IN $numbers) "
    "OR d.title IN $titles) RETURN properties(d) AS props"
)
#: lineage edges (citation as written on the edge); a stub target is created on first use
MERGE_LINEAGE = (
    "UNWIND $rows AS row MATCH (x:Document {doc_id: row.source}) "
    "MERGE (t:Document {doc_id: row.target}) ON CREATE SET t = row.stub "
    "MERGE (x)-[r:IMPLEMENTS_DOCUMENT]->(t) ON CREATE SET r = row.props"
)
DELETE_LINEAGE = (
    "UNWIND $rows AS row MATCH (:Document {doc_id: row.source})-[r:IMPLEMENTS_DOCUMENT]->(:Document {doc_id: row.target}) "
    "DELETE r"
)
#: lineage edges of other documents that may now resolve to (or away from) document $doc_id
AFFECTED_LINEAGE = (
    "MATCH (x:Document)-[r:IMPLEMENTS_DOCUMENT]->(t:Document) WHERE x.doc_id <> $doc_id "
    "AND (t.doc_id = $doc_id OR (r.doc_number <> '' AND r.doc_number = $doc_number) OR r.title = $title) "
    "RETURN x.doc_id AS source, t.doc_id AS target, properties(r) AS props"
)
#: a stub is titled by the smallest citation title pointing at it (independent of write order)
STUB_TITLES = (
    "MATCH (:Document)-[r:IMPLEMENTS_DOCUMENT]->(s:Document) WHERE s.stub "
    "WITH s, min(r.title) AS title SET s.title = title"
)

#: garbage collection after every write/remove, in this order
GC_ALL: tuple[str, ...] = (GC_STUBS, STUB_TITLES, GC_AGENCIES, GC_TOPICS, GC_INDICATORS, GC_REGIONS)

# --- document versions (kept earlier versions; never matched by the Document queries) -------------

DOCUMENT_VERSIONS = "MATCH (v:DocumentVersion {doc_id: $doc_id}) RETURN properties(v) AS props ORDER BY v.version"
GET_DOCUMENT_VERSION = "MATCH (v:DocumentVersion {version_id: $version_id}) RETURN properties(v) AS props"
UPSERT_DOCUMENT_VERSION = "MERGE (v:DocumentVersion {version_id: $props.version_id}) SET v = $props"
SUPERSEDE_DOCUMENT_VERSION = (
    "MATCH (v:DocumentVersion {version_id: $version_id}) SET v.superseded_by = $superseded_by"
)
#: institutional reforms, optionally those naming $agency on either side
SUCCESSIONS = (
    "MATCH (a:Agency)-[r:SUCCEEDED_BY]->(b:Agency) "
    "WHERE $agency IS NULL OR a.name = $agency OR b.name = $agency "
    "RETURN a.name AS predecessor, b.name AS successor, r.year AS year ORDER BY predecessor, successor"
)

# --- read ----------------------------------------------------------------------------------------

GET_DOCUMENT = "MATCH (d:Document {doc_id: $doc_id}) WHERE NOT d.stub RETURN properties(d) AS props"
ALL_DOCUMENTS = "MATCH (d:Document) WHERE NOT d.stub RETURN properties(d) AS props ORDER BY d.doc_id"
DOCUMENTS_IN_REGIONS = (
    "MATCH (d:Document)-[:COVERS]->(r:Region) WHERE NOT d.stub AND r.name IN $regions "
    "RETURN DISTINCT properties(d) AS props ORDER BY props.doc_id"
)
#: names of the regions within $region (any depth), the region itself included
SUBREGIONS = "MATCH (r:Region {name: $region})<-[:WITHIN*0..]-(s:Region) RETURN DISTINCT s.name AS name"
GET_CLAUSE = "MATCH (c:Clause {clause_id: $clause_id}) RETURN properties(c) AS props"
ALL_CLAUSES = "MATCH (c:Clause) RETURN properties(c) AS props ORDER BY c.doc_id, c.order"
DOC_CLAUSES = "MATCH (c:Clause {doc_id: $doc_id}) RETURN properties(c) AS props ORDER BY c.order"
LINEAGE_UP = (
    "MATCH (d:Document {doc_id: $doc_id})-[:IMPLEMENTS_DOCUMENT*1..]->(u:Document) WHERE u <> d "
    "RETURN DISTINCT properties(u) AS props ORDER BY props.doc_id"
)
LINEAGE_DOWN = (
    "MATCH (d:Document {doc_id: $doc_id})<-[:IMPLEMENTS_DOCUMENT*1..]-(u:Document) WHERE u <> d "
    "RETURN DISTINCT properties(u) AS props ORDER BY props.doc_id"
)
CLAUSE_RESPONSIBILITIES = (
    "MATCH (a:Agency)-[r:LEADS|CO_RESPONSIBLE|IMPLEMENTS]->(c:Clause {clause_id: $clause_id}) "
    "RETURN properties(a) AS agency, type(r) AS type, properties(r) AS rel"
)
#: responsibilities filtered by clause, relationship types, agency (name or canonical),
#: document regions and topic (id or name); every filter is skipped when its parameter is null
SELECT_RESPONSIBILITIES = (
    "MATCH (a:Agency)-[r:LEADS|CO_RESPONSIBLE|IMPLEMENTS]->(c:Clause) "
    "WHERE ($clause_id IS NULL OR c.clause_id = $clause_id) "
    "AND ($types IS NULL OR type(r) IN $types) "
    "AND ($agency IS NULL OR a.name = $agency OR a.canonical = $agency) "
    "AND ($regions IS NULL OR EXISTS { MATCH (:Document {doc_id: c.doc_id})-[:COVERS]->(g:Region) "
    "WHERE g.name IN $regions }) "
    "AND ($topic IS NULL OR EXISTS { MATCH (c)-[:ABOUT]->(t:Topic) WHERE t.topic_id = $topic OR t.name = $topic }) "
    "RETURN properties(a) AS agency, type(r) AS type, properties(r) AS rel, properties(c) AS clause"
)
AGENCIES = (
    "MATCH (a:Agency) WHERE $regions IS NULL OR a.region IN $regions RETURN properties(a) AS props ORDER BY a.name"
)
#: a target without its own region applies to its document's region
TARGETS = (
    "MATCH (c:Clause)-[:SETS_TARGET]->(t:Target) "
    "WHERE ($indicator IS NULL OR t.indicator = $indicator OR t.indicator_raw = $indicator) "
    "AND ($year IS NULL OR t.target_year = $year) "
    "AND ($doc_id IS NULL OR c.doc_id = $doc_id) "
    "AND ($clause_id IS NULL OR c.clause_id = $clause_id) "
    "OPTIONAL MATCH (d:Document {doc_id: c.doc_id}) "
    "WITH t, CASE WHEN coalesce(t.region, '') = '' THEN d.region ELSE t.region END AS region "
    "WHERE $regions IS NULL OR region IN $regions "
    "RETURN properties(t) AS props ORDER BY t.target_id"
)
ALL_REGIONS = "MATCH (r:Region) RETURN properties(r) AS props ORDER BY r.name"
CANDIDATE_CLAUSES = (
    "MATCH (c:Clause) "
    "WHERE ($topic IS NULL OR EXISTS { MATCH (c)-[:ABOUT]->(t:Topic) WHERE t.topic_id = $topic OR t.name = $topic }) "
    "AND ($regions IS NULL OR EXISTS { MATCH (:Document {doc_id: c.doc_id})-[:COVERS]->(g:Region) "
    "WHERE g.name IN $regions }) "
    "RETURN properties(c) AS props ORDER BY c.doc_id, c.order"
)
CLAUSE_TOPICS = (
    "UNWIND $clause_ids AS cid MATCH (:Clause {clause_id: cid})-[:ABOUT]->(t:Topic) "
    "RETURN cid AS clause_id, properties(t) AS props"
)
CLAUSE_TARGETS = (
    "UNWIND $clause_ids AS cid MATCH (:Clause {clause_id: cid})-[:SETS_TARGET]->(t:Target) "
    "RETURN cid AS clause_id, properties(t) AS props"
)
#: labels kept out of stats, dumps and exports: store bookkeeping and the search copy (which the
#: embedded store keeps in its index folder, not in the graph)
NOT_GRAPH = "NOT n:StoreState AND NOT n:Passage AND NOT n:ClauseTerms AND NOT n:PlainChunk AND NOT n:CopyBlock AND NOT n:BigramCount"
COUNT_LABELS = f"MATCH (n) WHERE {NOT_GRAPH} UNWIND labels(n) AS label RETURN label, count(*) AS n"
COUNT_RELATIONSHIPS = "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n"
CONTENT_HASH = "MATCH (d:Document {doc_id: $doc_id}) WHERE NOT d.stub RETURN d.content_hash AS content_hash"
DUMP_NODES = f"MATCH (n) WHERE {NOT_GRAPH} RETURN elementId(n) AS id, labels(n)[0] AS label, properties(n) AS props"
DUMP_EDGES = (
    "MATCH (a)-[r]->(b) RETURN type(r) AS type, elementId(a) AS source, elementId(b) AS target, "
    "properties(r) AS props"
)


# --- the search copy (stateless readers: vectors, BM25 terms and plain text inside Neo4j) --------
# One (:Passage) per embedded text (a clause, and each sentence of a multi-sentence clause) and one
# (:ClauseTerms) per clause (its BM25 tokens, space-joined, and its plain text for substring
# counts). They carry doc_id / clause_id, no relationships, and are replaced with their document.

SEARCH_SCHEMA: tuple[str, ...] = (
    "CREATE INDEX passage_doc_id IF NOT EXISTS FOR (n:Passage) ON (n.doc_id)",
    "CREATE INDEX passage_clause_id IF NOT EXISTS FOR (n:Passage) ON (n.clause_id)",
    "CREATE CONSTRAINT clause_terms_id IF NOT EXISTS FOR (n:ClauseTerms) REQUIRE n.clause_id IS UNIQUE",
    "CREATE INDEX clause_terms_doc_id IF NOT EXISTS FOR (n:ClauseTerms) ON (n.doc_id)",
    "CREATE INDEX plain_chunk_doc_id IF NOT EXISTS FOR (n:PlainChunk) ON (n.doc_id)",
    "CREATE CONSTRAINT copy_block_id IF NOT EXISTS FOR (n:CopyBlock) REQUIRE n.doc_id IS UNIQUE",
    "CREATE CONSTRAINT bigram_count_term IF NOT EXISTS FOR (n:BigramCount) REQUIRE n.term IS UNIQUE",
    "CREATE TEXT INDEX plain_chunk_text IF NOT EXISTS FOR (n:PlainChunk) ON (n.text)",
    "CREATE FULLTEXT INDEX clause_terms_bm25 IF NOT EXISTS FOR (n:ClauseTerms) ON EACH [n.tokens, n.doc_id] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}",
)
#: the vector index over passage embeddings; its dimension is the embedder's (passed as $dim)
VECTOR_INDEX = (
    "CREATE VECTOR INDEX passage_embedding IF NOT EXISTS FOR (n:Passage) ON (n.embedding) "
    "OPTIONS {indexConfig: {`vector.dimensions`: toInteger($dim), `vector.similarity_function`: 'cosine'}}"
)
VECTOR_INDEX_NAME = "passage_embedding"
VECTOR_INDEX_DIMENSION = (
    "SHOW VECTOR INDEXES YIELD name, options WHERE name = $name "
    "RETURN options.indexConfig[$setting] AS dim"
)
DROP_VECTOR_INDEX = "DROP INDEX passage_embedding IF EXISTS"
TERMS_INDEX_NAME = "clause_terms_bm25"
VECTOR_PROPERTY = "embedding"
DELETE_ALL_SEARCH = "MATCH (n:Passage|ClauseTerms|PlainChunk|CopyBlock|BigramCount) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
WRITE_PASSAGES = (
    "UNWIND $rows AS row CREATE (p:Passage {clause_id: row.clause_id, doc_id: row.doc_id, seq: row.seq}) "
    "WITH p, row CALL db.create.setNodeVectorProperty(p, $property, row.embedding)"
)
WRITE_CLAUSE_TERMS = (
    "UNWIND $rows AS row MERGE (t:ClauseTerms {clause_id: row.clause_id}) "
    "SET t.doc_id = row.doc_id, t.tokens = row.tokens, t.plain = row.plain, t.n_tokens = row.n_tokens, "
    "t.max_year = row.max_year"
)
#: a document's copy block, what readers need of it in few values: its passage vectors (the clause id
#: of each row, the rows as little-endian float32 bytes: one read per document instead of one row per
#: passage, the same vectors as its (:Passage) nodes) and its character bigrams with the number of its
#: clauses holding each (added into the store-wide (:BigramCount) nodes, subtracted when it goes)
WRITE_COPY_BLOCK = (
    "MERGE (v:CopyBlock {doc_id: $doc_id}) SET v.clause_ids = $clause_ids, v.vectors = $vectors, v.dim = $dim, "
    "v.bigrams = $bigrams, v.bigram_clauses = $bigram_clauses "
    "WITH v UNWIND range(0, size(v.bigrams) - 1) AS i "
    "MERGE (b:BigramCount {term: v.bigrams[i]}) ON CREATE SET b.n = v.bigram_clauses[i] "
    "ON MATCH SET b.n = b.n + v.bigram_clauses[i]"
)
#: take a document's block out of the bigram counts (before its copy is replaced or dropped)
SUBTRACT_COPY_BLOCK = (
    "MATCH (v:CopyBlock {doc_id: $doc_id}) UNWIND range(0, size(coalesce(v.bigrams, [])) - 1) AS i "
    "MATCH (b:BigramCount {term: v.bigrams[i]}) SET b.n = b.n - v.bigram_clauses[i] "
    "WITH b WHERE b.n <= 0 DELETE b"
)
#: a document's search copy dropped (its block's bigrams subtracted first)
DELETE_DOC_SEARCH = (
    f"CALL () {{ {SUBTRACT_COPY_BLOCK} }} "
    "MATCH (n:Passage|ClauseTerms|PlainChunk|CopyBlock {doc_id: $doc_id}) DETACH DELETE n"
)
#: how many clauses' plain text holds each two-character term (the blocks' counts summed)
BIGRAM_COUNTS = "UNWIND $terms AS term OPTIONAL MATCH (b:BigramCount {term: term}) RETURN term, coalesce(b.n, 0) AS n"
COPY_VECTORS = (
    "MATCH (v:CopyBlock) WHERE v.doc_id IN $doc_ids "
    "RETURN v.doc_id AS doc_id, v.clause_ids AS clause_ids, v.vectors AS vectors, v.dim AS dim"
)
COPY_BLOCK_DOCS = "MATCH (v:CopyBlock) RETURN v.doc_id AS doc_id"
#: the latest year each document speaks about (the largest max_year of its clauses' copies)
DOC_HORIZONS = "MATCH (t:ClauseTerms) RETURN t.doc_id AS doc_id, max(t.max_year) AS year"
#: the plain text in overlapping chunks (a TEXT index takes values up to 32 KB; clauses can be longer)
WRITE_PLAIN_CHUNKS = (
    "UNWIND $rows AS row CREATE (:PlainChunk {clause_id: row.clause_id, doc_id: row.doc_id, text: row.text})"
)
#: the documents that have a search copy, with how many clauses it covers (compared with their clause counts)
SEARCH_DOCS = (
    "MATCH (t:ClauseTerms) RETURN t.doc_id AS doc_id, count(t) AS n"
)
COUNT_SEARCH = "MATCH (p:Passage) RETURN count(p) AS passages"
#: exact max-pooled cosine over the passages of the given documents (Neo4j's cosine is (1 + cos) / 2)
DENSE_IN_DOCS = (
    "MATCH (p:Passage) WHERE p.doc_id IN $doc_ids "
    "WITH p.clause_id AS clause_id, max(vector.similarity.cosine(p.embedding, $vector)) AS s "
    "RETURN clause_id, 2 * s - 1 AS score ORDER BY score DESC, clause_id LIMIT $limit"
)
DENSE_FOR_CLAUSES = (
    "MATCH (p:Passage) WHERE p.clause_id IN $clause_ids "
    "WITH p.clause_id AS clause_id, max(vector.similarity.cosine(p.embedding, $vector)) AS s "
    "RETURN clause_id, 2 * s - 1 AS score"
)
#: approximate nearest passages over the whole store (HNSW vector index)
DENSE_ANN = (
    "CALL db.index.vector.queryNodes($index, $fetch, $vector) YIELD node, score "
    "RETURN node.clause_id AS clause_id, node.doc_id AS doc_id, 2 * score - 1 AS score"
)
CLAUSE_VECTOR = (
    "MATCH (p:Passage {clause_id: $clause_id}) RETURN p.embedding AS embedding ORDER BY p.seq LIMIT 1"
)
#: BM25 over the clauses' jieba tokens (Lucene's BM25 in the whitespace full-text index)
TERMS_QUERY = (
    "CALL db.index.fulltext.queryNodes($index, $query, {limit: $limit}) YIELD node, score "
    "RETURN node.clause_id AS clause_id, node.doc_id AS doc_id, score"
)
#: how many clauses' plain text holds a term: chunks through the TEXT index (terms up to the chunk
#: overlap), the whole text otherwise (a scan)
COUNT_CONTAINING = "MATCH (t:PlainChunk) WHERE t.text CONTAINS $term RETURN count(DISTINCT t.clause_id) AS n"
COUNT_CONTAINING_LONG = "MATCH (t:ClauseTerms) WHERE t.plain CONTAINS $term RETURN count(t) AS n"
COUNT_CLAUSE_TERMS = "MATCH (t:ClauseTerms) RETURN count(t) AS n"
CLAUSES_OF_DOCS = (
    "MATCH (c:Clause) WHERE c.doc_id IN $doc_ids RETURN properties(c) AS props ORDER BY c.doc_id, c.order"
)
TARGETS_OF_DOCS = (
    "MATCH (c:Clause)-[:SETS_TARGET]->(t:Target) WHERE c.doc_id IN $doc_ids "
    "RETURN properties(t) AS props ORDER BY t.target_id"
)
CLAUSE_COUNTS = "MATCH (c:Clause) RETURN c.doc_id AS doc_id, count(c) AS n"
RESPONSIBILITIES_OF_DOCS = (
    "MATCH (a:Agency)-[r:LEADS|CO_RESPONSIBLE|IMPLEMENTS]->(c:Clause) WHERE c.doc_id IN $doc_ids "
    "RETURN c.clause_id AS clause_id, properties(a) AS agency, type(r) AS type, properties(r) AS rel"
)
COUNT_CONTAINING_MANY = (
    "UNWIND $terms AS term OPTIONAL MATCH (t:PlainChunk) WHERE t.text CONTAINS term "
    "RETURN term, count(DISTINCT t.clause_id) AS n"
)
PASSAGE_COUNTS = "MATCH (p:Passage) RETURN p.doc_id AS doc_id, count(p) AS n"
#: the embedding model the search copy's vectors come from (kept on a StoreState node of its own)
SEARCH_COPY_KEY = "search_copy"  # passed as $key
GET_COPY_MODEL = "OPTIONAL MATCH (s:StoreState {key: $key}) RETURN s.model AS model"
SET_COPY_MODEL = "MERGE (s:StoreState {key: $key}) SET s.model = $model"
#: each document's opening text: its first clauses' texts, in order (a doc number not read into the metadata)
OPENING_TEXTS = (
    "MATCH (c:Clause) WHERE c.doc_id IN $doc_ids WITH c ORDER BY c.order "
    "WITH c.doc_id AS doc_id, collect(c.text)[..$n] AS texts RETURN doc_id, texts"
)
#: each document's first clause (its opening), for listing documents without reading them whole
FIRST_CLAUSES = (
    "MATCH (c:Clause) WHERE c.doc_id IN $doc_ids WITH c ORDER BY c.order "
    "WITH c.doc_id AS doc_id, collect(properties(c))[0] AS props RETURN doc_id, props"
)
