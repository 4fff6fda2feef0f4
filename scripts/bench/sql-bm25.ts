/**
 * @module BM25 in DuckDB SQL, as a DuckDB user would write it (an FTS-style table macro over a postings
 * table): the peer of `bench:search` and of the `bench:http` baseline. Both fill `bm_postings(term, doc, tf)`
 * and `bm_docs(doc, len)` their own way (simweb's tokeniser there, DuckDB's regexp split here).
 */
import type { DuckDBConnection } from "@duckdb/node-api";

/** The tables the macro reads. */
export const SQL_BM25_TABLES = ["bm_postings", "bm_docs", "bm_terms", "bm_stats"] as const;

/**
 * From filled `bm_postings` and `bm_docs`: document frequencies, corpus statistics and the macro
 * `bm25_search(terms, k)` (Lucene BM25, k1 = 1.2, b = 0.75; ties by lower doc).
 */
export async function createSqlBm25(conn: DuckDBConnection): Promise<void> {
  await conn.run(`CREATE TABLE bm_terms AS SELECT term, count(*) AS df FROM bm_postings GROUP BY term`);
  await conn.run(`CREATE TABLE bm_stats AS SELECT count(*) AS n, avg(len) AS avgdl FROM bm_docs`);
  await conn.run(`CREATE OR REPLACE MACRO bm25_search(q, k) AS TABLE
    SELECT p.doc, sum(ln(1 + (s.n - t.df + 0.5) / (t.df + 0.5)) * p.tf / (p.tf + 1.2 * (1 - 0.75 + 0.75 * d.len / s.avgdl))) AS score
    FROM bm_postings p JOIN bm_terms t ON t.term = p.term JOIN bm_docs d ON d.doc = p.doc, bm_stats s
    WHERE p.term IN (SELECT unnest(q))
    GROUP BY p.doc ORDER BY score DESC, p.doc LIMIT k`);
}

/** Drops the tables and the macro (a corpus file is left as it was). */
export async function dropSqlBm25(conn: DuckDBConnection): Promise<void> {
  for (const t of SQL_BM25_TABLES) await conn.run(`DROP TABLE IF EXISTS ${t}`);
  await conn.run("DROP MACRO TABLE IF EXISTS bm25_search");
}
