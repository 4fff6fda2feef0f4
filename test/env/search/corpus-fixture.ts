/** @module Test helper: a small synthetic corpus in a temp DuckDB file, indexed. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { buildIndex, type BuildIndexOptions, type IndexBuildStats } from "../../../corpus-loader/index-build/index.ts";
import { writeSyntheticPages, type SyntheticOptions } from "../../../scripts/bench/search-corpus.ts";

/** Hand-written pages appended after the synthetic ones (ids follow them). */
export const HAND_PAGES = [
  { host: "docs.python.example", title: "hashlib — Secure hashes", text: "Use hashlib.pbkdf2_hmac() for key derivation. New in Python 3.11: file_digest()." },
  { host: "blog.example", title: "Café culture in São Paulo", text: "The CAFÉ scene is naïve about résumé writing. State of the art coffee." },
  { host: "www.news.example", title: "New York pizza", text: "The best pizza in New York is sold near the station. York is also a city in England." },
  { host: "news.example", title: "York minster", text: "A new guide to York, England, with pizza recommendations for new visitors." },
];

/** A temp corpus: path, the vocabulary it was drawn from, and cleanup. */
export interface Fixture {
  dir: string;
  path: string;
  vocabulary: string[];
  /** Id of the first HAND_PAGES entry. */
  handStart: number;
  stats: IndexBuildStats;
  cleanup(): void;
}

/** Creates and indexes a corpus of `pages` synthetic pages plus `HAND_PAGES`. */
export async function makeFixture(syn: Partial<SyntheticOptions> = {}, build: BuildIndexOptions = {}): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), "simweb-search-"));
  const path = join(dir, "corpus.duckdb");
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  const pages = syn.pages ?? 1500;
  const { vocabulary } = await writeSyntheticPages(conn, {
    seed: 11,
    pages,
    vocab: 2000,
    medianWords: 80,
    hosts: 20,
    noindexRate: 0.02,
    errorRate: 0.02,
    ...syn,
  });
  let id = pages;
  for (const p of HAND_PAGES) {
    await conn.run(
      `INSERT INTO pages (id, url, host, title, text, status, mime, digest, noindex, source_file, source_offset)
       VALUES ($1, $2, $3, $4, $5, 200, 'text/html', 'x', false, 'hand', 0)`,
      [id, `https://${p.host}/${id}`, p.host, p.title, p.text],
    );
    id++;
  }
  conn.closeSync();
  instance.closeSync();
  const stats = await buildIndex(path, build);
  return { dir, path, vocabulary, handStart: pages, stats, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
