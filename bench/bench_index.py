"""Benchmark of search/index.py: build time, query latency, retrieval quality.

    .venv/bin/python bench/bench_index.py                 # real model (multilingual-e5-small)
    .venv/bin/python bench/bench_index.py --hashing       # fast: HashingEmbedder (no meaning)
    .venv/bin/python bench/bench_index.py --corpus        # also the PDFs in tests/fixtures/corpus

Measures, over the four seed documents (data/*.txt):

* parse time, cold build time (empty embedding cache), warm rebuild time (all cached: the
  embedder must be called zero times), save/load time and index size;
* hybrid query latency p50/p95 (warm, every seed question x ``--repeat``);
* evidence@3 per mode (dense / bm25 / hybrid) for the lead_agency and target_value
  seed questions: the gold evidence substring is in one of the top-3 clauses of the gold
  document (search filtered to that document), plus the unfiltered variant (top-3 of the
  whole index) and the mean rank of the first evidence clause;
* the same with and without sentence-level vectors (the ablation that decides whether
  they are kept).

Writes bench/results/index.json and prints a table.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from search.index import EmbeddingCache, SearchIndex, doc_meta_from_parsed  # noqa: E402

INTENTS = ("lead_agency", "target_value")
MODES = ("dense", "bm25", "hybrid")


def _norm(s: str) -> str:
    return "".join(unicodedata.normalize("NFKC", s or "").split())


class CountingEmbedder:
    """Wraps an embedder and counts passage texts embedded."""

    def __init__(self, inner):
        self.inner = inner
        self.passage_texts = 0

    def __getattr__(self, item):
        return getattr(self.inner, item)

    def embed_passages(self, texts):
        self.passage_texts += len(texts)
        return self.inner.embed_passages(texts)

    def embed_queries(self, texts):
        return self.inner.embed_queries(texts)


def parse_paths(paths: list[Path]):
    """(clauses, doc_meta, user_words, parser used)."""
    try:
        from ingest.pipeline import parse_file
    except ImportError:
        parse_file = None
    if parse_file is not None:
        parsed = []
        for p in paths:
            try:
                parsed.append(parse_file(p))
            except Exception as e:  # a bad corpus PDF must not stop the bench
                print(f"  skip {p.name}: {e}", file=sys.stderr)
        clauses = [c for pd in parsed for c in pd.clauses]
        words = {a.name for pd in parsed for a in pd.agencies} | {a.canonical for pd in parsed for a in pd.agencies}
        words |= {r.name for pd in parsed for r in pd.regions}
        words |= {t.name for pd in parsed for t in pd.topics}
        return clauses, doc_meta_from_parsed(parsed), words, "ingest.pipeline.parse_file", parsed
    # ingest.pipeline not there yet: reader + repair + clause splitter directly
    from ingest.readers import read_text
    from ingest.repair import repair_text
    from ingest.structure import split_clauses

    clauses = []
    for p in paths:
        doc_id = unicodedata.normalize("NFKC", p.stem)
        clauses.extend(split_clauses(repair_text(read_text(p)), doc_id, source=p.name))
    return clauses, {}, set(), "ingest.structure.split_clauses (fallback)", None


def evaluate(idx: SearchIndex, by_id: dict, questions: list[dict], doc_id_of) -> dict:
    out = {}
    for mode in MODES:
        ok = ok_global = 0
        ranks = []
        misses = []
        for q in questions:
            doc = doc_id_of(q["doc"])
            ev = _norm(q["evidence"])
            hits = idx.search(q["question"], k=20, doc_ids=[doc], mode=mode)
            rank = next((h.rank for h in hits if ev in _norm(by_id[h.clause_id].text)), None)
            ranks.append(rank if rank is not None else 21)
            if rank is not None and rank <= 3:
                ok += 1
            else:
                misses.append(q["id"])
            g = idx.search(q["question"], k=3, mode=mode)
            ok_global += any(by_id[h.clause_id].doc_id == doc and ev in _norm(by_id[h.clause_id].text) for h in g)
        n = max(1, len(questions))
        out[mode] = {"evidence@3": round(ok / n, 3), "evidence@3_global": round(ok_global / n, 3),
                     "mean_rank": round(statistics.mean(ranks), 2), "misses": misses}
    return out


def latency(idx: SearchIndex, queries: list[str], repeat: int) -> dict:
    idx.search(queries[0], k=10)  # warm-up (model, jieba)
    times = []
    for _ in range(repeat):
        for q in queries:
            t0 = time.perf_counter()
            idx.search(q, k=10)
            times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {"n": len(times), "p50_ms": round(times[len(times) // 2], 2),
            "p95_ms": round(times[int(len(times) * 0.95) - 1], 2), "max_ms": round(times[-1], 2)}


def build_timed(clauses, embedder, cache, **kw):
    counting = CountingEmbedder(embedder)
    t0 = time.perf_counter()
    idx = SearchIndex.build(clauses, counting, cache=cache, **kw)
    idx.embedder = embedder
    return idx, time.perf_counter() - t0, counting.passage_texts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hashing", action="store_true", help="HashingEmbedder instead of the real model")
    ap.add_argument("--corpus", action="store_true", help="also index tests/fixtures/corpus/*.pdf")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--out", type=Path, default=ROOT / "bench/results/index.json")
    ap.add_argument("--cache", type=Path, default=None,
                    help="embedding cache file to reuse (default: a fresh temporary one -> cold build)")
    args = ap.parse_args(argv)

    if args.hashing:
        from search.embedder import HashingEmbedder

        embedder = HashingEmbedder(dim=64)
    else:
        from search.embedder import load_default_embedder

        embedder = load_default_embedder()
    seeds = sorted((ROOT / "data").glob("*.txt"))
    questions = [json.loads(line) for line in (ROOT / "data/eval/seed_questions.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()]
    eval_qs = [q for q in questions if q["intent"] in INTENTS]
    all_queries = [q["question"] for q in questions]

    t0 = time.perf_counter()
    clauses, doc_meta, words, parser, parsed = parse_paths(seeds)
    t_parse = time.perf_counter() - t0
    by_id = {c.clause_id: c for c in clauses}
    src_to_doc = {pd.document.source: pd.document.doc_id for pd in parsed} if parsed else {}

    def doc_id_of(src):
        return src_to_doc.get(src, unicodedata.normalize("NFKC", Path(src).stem))

    result: dict = {
        "embedder": embedder.name, "dim": embedder.dim, "parser": parser,
        "machine": {"python": platform.python_version(), "cpu": platform.processor() or platform.machine()},
        "seeds": {"docs": len(seeds), "clauses": len(clauses), "parse_s": round(t_parse, 2)},
        "questions": len(eval_qs),
    }
    variants = {}
    with tempfile.TemporaryDirectory() as tmp:
        cache = EmbeddingCache(args.cache or Path(tmp) / "emb.sqlite")
        result["cache"] = "reused " + str(args.cache) if args.cache else "fresh (cold build)"
        for sentence_level in (True, False):
            idx, t_build, n_emb = build_timed(clauses, embedder, cache, user_words=words, doc_meta=doc_meta,
                                              sentence_level=sentence_level)
            _, t_rebuild, n_re = build_timed(clauses, embedder, cache, user_words=words, doc_meta=doc_meta,
                                             sentence_level=sentence_level)
            t0 = time.perf_counter()
            path = idx.save(Path(tmp) / f"idx-{sentence_level}")
            t_save = time.perf_counter() - t0
            t0 = time.perf_counter()
            loaded = SearchIndex.load(path, embedder)
            t_load = time.perf_counter() - t0
            size = sum(p.stat().st_size for p in path.iterdir())
            v = {
                "vectors": idx.manifest["vectors"], "faiss_kind": idx.faiss_kind,
                "build_s": round(t_build, 2), "texts_embedded": n_emb,
                "rebuild_cached_s": round(t_rebuild, 2), "rebuild_texts_embedded": n_re,
                "save_s": round(t_save, 3), "load_s": round(t_load, 3), "size_bytes": size,
                "latency_hybrid": latency(loaded, all_queries, args.repeat),
                "quality": evaluate(loaded, by_id, eval_qs, doc_id_of),
            }
            variants["sentence_level" if sentence_level else "clause_only"] = v
            print(f"  {('sentence_level' if sentence_level else 'clause_only')}: built in {t_build:.1f}s "
                  f"({n_emb} texts), hybrid e@3={v['quality']['hybrid']['evidence@3']}", flush=True)
        result["variants"] = variants

        if args.corpus:
            pdfs = sorted((ROOT / "tests/fixtures/corpus").glob("*.pdf"))
            t0 = time.perf_counter()
            c2, m2, w2, parser2, _ = parse_paths(pdfs)
            t_parse2 = time.perf_counter() - t0
            allc = clauses + [c for c in c2 if c.clause_id not in by_id]
            idx, t_build, n_emb = build_timed(allc, embedder, cache, user_words=words | w2,
                                              doc_meta={**doc_meta, **m2})
            result["corpus"] = {"pdfs": len(pdfs), "clauses": len(allc), "parse_s": round(t_parse2, 2),
                                "vectors": idx.manifest["vectors"], "faiss_kind": idx.faiss_kind,
                                "build_s": round(t_build, 2), "texts_embedded": n_emb,
                                "latency_hybrid": latency(idx, all_queries, args.repeat)}

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")

    print(f"\nembedder {result['embedder']} (dim {result['dim']}), parser: {parser}")
    print(f"seeds: {len(seeds)} docs, {len(clauses)} clauses, parsed in {t_parse:.2f}s; "
          f"{len(eval_qs)} lead_agency/target_value questions\n")
    hdr = f"{'variant':<15}{'vectors':>8}{'build s':>9}{'rebuild s':>10}{'p50 ms':>8}{'p95 ms':>8}"
    hdr += "".join(f"{'e@3 ' + m:>12}" for m in MODES) + f"{'e@3 glob hyb':>14}"
    print(hdr)
    for name, v in variants.items():
        row = (f"{name:<15}{v['vectors']:>8}{v['build_s']:>9.1f}{v['rebuild_cached_s']:>10.2f}"
               f"{v['latency_hybrid']['p50_ms']:>8.1f}{v['latency_hybrid']['p95_ms']:>8.1f}")
        row += "".join(f"{v['quality'][m]['evidence@3']:>12.3f}" for m in MODES)
        row += f"{v['quality']['hybrid']['evidence@3_global']:>14.3f}"
        print(row)
    for name, v in variants.items():
        for m in MODES:
            q = v["quality"][m]
            print(f"  {name} {m}: mean rank {q['mean_rank']}, misses {q['misses']}")
    if "corpus" in result:
        c = result["corpus"]
        print(f"\ncorpus: {c['pdfs']} PDFs -> {c['clauses']} clauses, {c['vectors']} vectors ({c['faiss_kind']}), "
              f"parse {c['parse_s']}s, build {c['build_s']}s, hybrid p50 {c['latency_hybrid']['p50_ms']} ms "
              f"p95 {c['latency_hybrid']['p95_ms']} ms")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
