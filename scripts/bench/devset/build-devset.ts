/** @module Builds the development set: documentation HTML from Debian packages → WARC.gz → `simweb load` → corpus file, plus its known-item queries and a page export for peers. */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { loadCorpus } from "../../../corpus-loader/index.ts";
import { DOC_SOURCES, missingSources, type DocSource } from "./doc-sources.ts";
import { drawDevQueries, type DevQuery } from "./devset-queries.ts";
import { writeDocWarc } from "./write-doc-warc.ts";

/** Files of a built development set. */
export interface Devset {
  dir: string;
  /** The corpus file (pages and links as `simweb load` stores them; the index is rebuilt per configuration). */
  db: string;
  /** Pages as JSONL `{url, title, text}`, for the peers. */
  pagesJsonl: string;
  queries: DevQuery[];
  pages: number;
}

/** Why no development set could be built (a package is missing), or null. */
export function devsetUnavailable(sources: readonly DocSource[] = DOC_SOURCES): string | null {
  const miss = missingSources(sources);
  if (miss.length === 0) return null;
  return `documentation packages not installed: ${miss.map((s) => s.pkg).join(", ")} (apt-get install ${sources.map((s) => s.pkg).join(" ")})`;
}

/**
 * Builds the development set in `dir` (or reuses the one there): writes the packages' HTML as
 * `docs.warc.gz`, loads it with `loadCorpus` into `docs.duckdb`, draws `perSet` queries per set
 * (`devset.jsonl`) and exports the pages (`pages.jsonl`). Same packages and seed → same set.
 */
export async function buildDevset(
  dir: string,
  opts: { perSet?: number; seed?: number; sources?: readonly DocSource[]; log?: (m: string) => void } = {},
): Promise<Devset> {
  const sources = opts.sources ?? DOC_SOURCES;
  const why = devsetUnavailable(sources);
  if (why !== null) throw new Error(why);
  mkdirSync(dir, { recursive: true });
  const db = join(dir, "docs.duckdb");
  const queriesPath = join(dir, "devset.jsonl");
  const pagesJsonl = join(dir, "pages.jsonl");
  const log = opts.log ?? (() => undefined);
  if (!existsSync(queriesPath) || !existsSync(db) || !existsSync(pagesJsonl)) {
    rmSync(db, { force: true });
    const warc = join(dir, "docs.warc.gz");
    log(`writing ${warc}`);
    const n = writeDocWarc(warc, sources);
    log(`loading ${n} records into ${db}`);
    await loadCorpus(db, [warc]);
    const inst = await DuckDBInstance.create(db);
    const conn = await inst.connect();
    try {
      const queries = await drawDevQueries(conn, opts.perSet ?? 400, opts.seed ?? 23);
      writeFileSync(queriesPath, queries.map((q) => JSON.stringify(q)).join("\n") + "\n");
      const rows = (await conn.runAndReadAll(`SELECT url, title, text FROM pages WHERE NOT noindex AND status < 300 ORDER BY id`)).getRowObjectsJS();
      writeFileSync(pagesJsonl, rows.map((r) => JSON.stringify({ url: r.url, title: r.title, text: r.text })).join("\n") + "\n");
    } finally {
      conn.closeSync();
      inst.closeSync();
    }
  }
  const queries = readFileSync(queriesPath, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as DevQuery);
  const pages = readFileSync(pagesJsonl, "utf8")
    .split("\n")
    .filter((l) => l !== "").length;
  return { dir, db, pagesJsonl, queries, pages };
}

// `tsx scripts/bench/devset/build-devset.ts [dir]`: build and print the set's size per query set.
if (process.argv[1]?.endsWith("build-devset.ts")) {
  const dir = process.argv[2] ?? "/tmp/simweb-devset";
  const d = await buildDevset(dir, { log: (m) => process.stderr.write(`${m}\n`) });
  const count = (s: string): number => d.queries.filter((q) => q.set === s).length;
  process.stdout.write(`${d.pages} pages; queries: headings ${count("headings")}, anchors ${count("anchors")}, questions ${count("questions")} (${d.dir})\n`);
}
