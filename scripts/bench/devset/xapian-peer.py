"""Xapian peer of bench:search's quality table: plain BM25 (default parameters), in-process, in-memory.

Reads pages (JSONL: url, title, text) and queries (JSONL: query), indexes title + text with
Xapian's TermGenerator (English stemmer, the default STEM_SOME), answers each query with the default
QueryParser (OR of the terms) under BM25Weight() defaults, and prints one JSON object:
{"build_s": float, "results": [[url, ...top 10], ...], "latency_ms": [float, ...]}.
"""
import json
import sys
import time

import xapian


def main() -> None:
    pages_path, queries_path = sys.argv[1], sys.argv[2]
    t0 = time.perf_counter()
    db = xapian.WritableDatabase("", xapian.DB_BACKEND_INMEMORY)
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("english"))
    urls = []
    with open(pages_path, encoding="utf-8") as f:
        for line in f:
            p = json.loads(line)
            doc = xapian.Document()
            tg.set_document(doc)
            tg.index_text(p["title"])
            tg.increase_termpos()
            tg.index_text(p["text"])
            doc.set_data(p["url"])
            db.add_document(doc)
            urls.append(p["url"])
    build_s = time.perf_counter() - t0
    qp = xapian.QueryParser()
    qp.set_stemmer(xapian.Stem("english"))
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    qp.set_database(db)
    enquire = xapian.Enquire(db)
    enquire.set_weighting_scheme(xapian.BM25Weight())
    results = []
    lat = []
    with open(queries_path, encoding="utf-8") as f:
        queries = [json.loads(line)["query"] for line in f]
    for q in queries:
        t = time.perf_counter()
        try:
            query = qp.parse_query(q)
        except xapian.QueryParserError:
            query = qp.parse_query(q, 0)
        enquire.set_query(query)
        mset = enquire.get_mset(0, 10)
        results.append([m.document.get_data().decode("utf-8") for m in mset])
        lat.append((time.perf_counter() - t) * 1000)
    json.dump({"build_s": build_s, "results": results, "latency_ms": lat}, sys.stdout)


if __name__ == "__main__":
    main()
