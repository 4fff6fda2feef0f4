/** @module Search benchmark: simweb engine vs exhaustive BM25 vs DuckDB SQL BM25 vs MiniSearch (one markdown table). */
import { existsSync, rmSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import MiniSearch from "minisearch";
import { buildIndex } from "../../corpus-loader/index.ts";
import { PageStore } from "../../env/pages/index.ts";
import { SearchEngine, exhaustiveTopK, tokenize } from "../../env/search/index.ts";
import { writeSyntheticPages } from "./search-corpus.ts";
import { drawQueries, taskQuestions } from "./search-queries.ts";
import { createSqlBm25, dropSqlBm25 } from "./sql-bm25.ts";
import { buildDevset, devsetUnavailable } from "./devset/build-devset.ts";
import { ablations, engineRow, qualityMarkdown, xapianPython, xapianRow } from "./devset/search-quality.ts";

const OPTIONS = {
  pages: { type: "string", default: "100000", description: "synthetic pages in the corpus" },
  queries: { type: "string", default: "1000", description: "queries for the in-memory systems" },
  "sql-queries": { type: "string", default: "", description: "queries for DuckDB SQL BM25 (default: all up to 10k pages, 100 up to 100k, 20 above)" },
  seed: { type: "string", default: "42", description: "seed of corpus and queries" },
  db: { type: "string", default: "", description: "corpus file (default /tmp/simweb-bench-<pages>.duckdb)" },
  reuse: { type: "boolean", default: false, description: "reuse an existing corpus file (skip generation)" },
  "no-sql": { type: "boolean", default: false, description: "skip the DuckDB SQL baseline" },
  "no-minisearch": { type: "boolean", default: false, description: "skip MiniSearch" },
  "no-build": { type: "boolean", default: false, description: "with --reuse: use the index already in the file (no rebuild)" },
  workers: { type: "string", default: "", description: "index-build tokeniser threads (default min(2, cores))" },
  devset: { type: "string", default: "/tmp/simweb-devset", description: "directory of the real-documentation development set (built there when missing)" },
  "no-quality": { type: "boolean", default: false, description: "skip the quality table on the development set" },
} as const;

interface Row {
  system: string;
  build: string;
  memory: string;
  p50: number;
  p99: number;
  qps: number;
  recall: number;
  queries: number;
}

const log = (msg: string): void => {
  process.stderr.write(`${JSON.stringify({ t: Math.round(performance.now()), msg })}\n`);
};
const mb = (b: number): string => `${(b / 1048576).toFixed(0)} MB`;

/** Warm-up queries (drawn with another seed, not measured): the JIT's steady state is what a server sees. */
let warmUp: readonly string[] = [];

function measure(queries: readonly string[], run: (q: string) => number[], warm = 200): { lat: number[]; ids: number[][] } {
  for (const q of warmUp.slice(0, warm)) run(q);
  const lat: number[] = [];
  const ids: number[][] = [];
  for (const q of queries) {
    const t = performance.now();
    ids.push(run(q));
    lat.push(performance.now() - t);
  }
  return { lat, ids };
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

function recall(got: number[][], want: number[][]): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < got.length; i++) {
    const w = want[i] ?? [];
    if (w.length === 0) continue;
    const g = new Set(got[i]);
    sum += w.filter((d) => g.has(d)).length / w.length;
    n++;
  }
  return n > 0 ? sum / n : 1;
}

function row(system: string, build: string, memory: string, m: { lat: number[]; ids: number[][] }, want: number[][]): Row {
  const mean = m.lat.reduce((a, b) => a + b, 0) / Math.max(1, m.lat.length);
  return { system, build, memory, p50: pct(m.lat, 50), p99: pct(m.lat, 99), qps: 1000 / mean, recall: recall(m.ids, want), queries: m.lat.length };
}

async function buildSqlTables(conn: DuckDBConnection, engine: SearchEngine, stem: boolean, boost: number): Promise<number> {
  const t0 = performance.now();
  await dropSqlBm25(conn);
  await conn.run(`CREATE TABLE bm_postings (term VARCHAR, doc INTEGER, tf INTEGER)`);
  await conn.run(`CREATE TABLE bm_docs (doc INTEGER, len DOUBLE)`);
  const ap = await conn.createAppender("bm_postings");
  const ad = await conn.createAppender("bm_docs");
  const opts = { stem };
  for (let d = 0; d < engine.index.docSpan; d++) {
    if (engine.index.docHost[d] === 0xffffffff) continue;
    const tf = new Map<string, number>();
    const title = tokenize(engine.pages.title(d), opts);
    const body = tokenize(engine.pages.text(d), opts);
    for (const t of title) tf.set(t, (tf.get(t) ?? 0) + boost);
    for (const t of body) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, f] of tf) {
      ap.appendVarchar(t);
      ap.appendInteger(d);
      ap.appendInteger(f);
      ap.endRow();
    }
    ad.appendInteger(d);
    ad.appendDouble(title.length * boost + body.length);
    ad.endRow();
  }
  ap.closeSync();
  ad.closeSync();
  await createSqlBm25(conn);
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: OPTIONS, strict: true });
  const pages = Number(values.pages);
  const nq = Number(values.queries);
  const seed = Number(values.seed);
  if (!Number.isInteger(pages) || pages <= 0 || !Number.isInteger(nq) || nq <= 0) {
    process.stderr.write("usage: tsx scripts/bench/search.ts --pages N [--queries N] [--sql-queries N] [--seed S] [--reuse]\n");
    process.exit(1);
  }
  const path = values.db || `/tmp/simweb-bench-${pages}.duckdb`;
  if (!values.reuse || !existsSync(path)) {
    rmSync(path, { force: true });
    const inst = await DuckDBInstance.create(path);
    const conn = await inst.connect();
    log(`generating ${pages} pages`);
    await writeSyntheticPages(conn, { seed, pages, vocab: Math.max(50_000, Math.round(pages * 1.5)), zipf: 1.05, hosts: Math.max(50, pages / 100) });
    conn.closeSync();
    inst.closeSync();
  }
  const rssBefore = process.memoryUsage().rss;
  let build: Awaited<ReturnType<typeof buildIndex>> | null = null;
  if (!(values.reuse && values["no-build"])) {
    log("building index");
    const workers = values.workers ? { workers: Number(values.workers) } : {};
    build = await buildIndex(path, { ...workers, onProgress: (n) => log(`indexed ${n}`) });
    log(`built: ${JSON.stringify(build)}`);
  }
  const buildPeak = process.resourceUsage().maxRSS * 1024 - rssBefore;
  // Page texts from the off-heap page store, as `simweb serve` uses them: holding millions of page
  // strings on the JS heap instead (MemoryTextSource) makes every scavenge take ~15 ms at 1M pages.
  const pageStore = await PageStore.load(path, { html: "lazy" });
  const tl = performance.now();
  const engine = await SearchEngine.load(path, { cacheSize: 0, textSource: pageStore });
  const loadMs = performance.now() - tl;
  const st = engine.stats();
  // peers that scale badly (DuckDB SQL, MiniSearch) run by default up to 100k pages of the corpus actually loaded
  const corpusPages = values.db ? st.pages : pages;
  const sqlQ = values["sql-queries"] ? Number(values["sql-queries"]) : corpusPages <= 10_000 ? nq : corpusPages <= 100_000 ? 100 : 20;
  const questions = await taskQuestions(path);
  const queries = drawQueries(engine, nq, seed, questions);
  warmUp = drawQueries(engine, 200, seed + 1, questions);
  const rows: Row[] = [];

  log("exhaustive");
  const exh = measure(
    queries,
    (q) => {
      const plan = engine.plan(engine.parse(q));
      return exhaustiveTopK(engine.index, plan, 10, 0, engine.verifier(plan)).hits.map((h) => h.doc);
    },
    10,
  );
  const want = exh.ids;
  log("engine");
  const eng = measure(queries, (q) => engine.search(q, { k: 10, snippets: false }).results.map((r) => r.pageId));
  const engSnip = measure(queries, (q) => engine.search(q, { k: 10 }).results.map((r) => r.pageId));
  const buildCell =
    build === null ? `built earlier (load ${(loadMs / 1000).toFixed(1)} s)` : `${(build.buildMs / 1000).toFixed(1)} s (load ${(loadMs / 1000).toFixed(1)} s)`;
  const memCell = `${mb(st.indexBytes)} (${st.bytesPerPage.toFixed(0)} B/page, ${st.bytesPerPosting.toFixed(2)} B/posting); build peak +${mb(buildPeak)}`;
  rows.push(row("simweb engine (block-max MaxScore)", buildCell, memCell, eng, want));
  rows.push(row("simweb engine + snippets", "same", "+ page text", engSnip, want));
  rows.push(row("exhaustive BM25, same arrays (oracle)", "same index", `+ ${mb(engine.index.docSpan * 9)} scratch`, exh, want));

  for (const r of rows) log(`row: ${JSON.stringify(r)}`); // printed early: the peers below can take long
  if (!values["no-sql"] && sqlQ > 0) {
    log("duckdb sql tables");
    const inst = await DuckDBInstance.create(path);
    const conn = await inst.connect();
    await conn.run("SET threads = 1");
    const sqlBuildMs = await buildSqlTables(conn, engine, st.params.stem === true, 2); // plain BM25 with a title boost of 2 (no BM25F fields)
    await conn.run("CHECKPOINT");
    const sizeRows = (await conn.runAndReadAll(`SELECT sum(estimated_size)::BIGINT AS b FROM duckdb_tables() WHERE table_name LIKE 'bm_%'`)).getRowObjectsJS();
    const sub = queries.slice(0, sqlQ);
    const lat: number[] = [];
    const ids: number[][] = [];
    for (const q of sub.slice(0, 5)) await sqlSearch(conn, engine, q);
    for (const q of sub) {
      const t = performance.now();
      ids.push(await sqlSearch(conn, engine, q));
      lat.push(performance.now() - t);
    }
    await dropSqlBm25(conn); // leave the corpus file as it was
    await conn.run("CHECKPOINT");
    conn.closeSync();
    inst.closeSync();
    rows.push(
      row(
        "DuckDB SQL BM25 macro (1 thread)",
        `${(sqlBuildMs / 1000).toFixed(1)} s`,
        `~${mb(Number(sizeRows[0]?.b ?? 0) * 16)} table est.`,
        { lat, ids },
        want.slice(0, sub.length),
      ),
    );
  }

  if (!values["no-minisearch"] && corpusPages <= 100_000) {
    log("minisearch");
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const opts = { stem: st.params.stem === true };
    const ms = new MiniSearch<{ id: number; title: string; text: string }>({
      fields: ["title", "text"],
      tokenize: (s) => tokenize(s, opts),
      processTerm: (t) => t,
      searchOptions: { boost: { title: 2 }, combineWith: "OR" },
    });
    for (let d = 0; d < engine.index.docSpan; d++) {
      if (engine.index.docHost[d] === 0xffffffff) continue;
      ms.add({ id: d, title: engine.pages.title(d), text: engine.pages.text(d) });
    }
    const msBuild = performance.now() - t0;
    gc?.();
    const heap = process.memoryUsage().heapUsed - heap0;
    const m = measure(
      queries,
      (q) =>
        ms
          .search(q)
          .slice(0, 10)
          .map((r) => r.id as number),
      30,
    );
    rows.push(row("MiniSearch 7 (BM25+, same tokeniser)", `${(msBuild / 1000).toFixed(1)} s`, gc ? mb(heap) : "n/a (run with --expose-gc)", m, want));
  }

  const sqlRow = rows.find((r) => r.system.startsWith("DuckDB"));
  const corpusName = values.db ? `${st.pages.toLocaleString("en")} indexed pages of ${values.db}` : `${pages.toLocaleString("en")} synthetic pages`;
  const mix = questions.length > 0 ? "half task questions (≤ 8 words), half title/text spans (1–8 words)" : "title/text spans (1–8 words)";
  process.stdout.write(`\n### Search benchmark: ${corpusName}, ${nq} seeded queries (${mix}), top-10, one core\n\n`);
  process.stdout.write(
    "| System | Build | Memory | p50 ms | p99 ms | QPS (1 core) | Recall@10 vs exhaustive | Queries |\n|---|---|---|---:|---:|---:|---:|---:|\n",
  );
  for (const r of rows) {
    process.stdout.write(
      `| ${r.system} | ${r.build} | ${r.memory} | ${r.p50.toFixed(3)} | ${r.p99.toFixed(3)} | ${r.qps.toFixed(0)} | ${r.recall.toFixed(3)} | ${r.queries} |\n`,
    );
  }
  if (build !== null) {
    process.stdout.write(
      `\nIndex: ${build.pages} pages, ${build.terms} terms, ${build.postings} postings, ${build.blocks} blocks; ` +
        `tokeniser ${(build.tokens / (build.tokenizeMs / 1000) / 1e6).toFixed(2)} M tokens/s (incl. DuckDB read); stored ${mb(build.storedBytes)}; file ${mb(statSync(path).size)}.\n`,
    );
  } else {
    process.stdout.write(`\nIndex: ${st.pages} pages, ${st.terms} terms, ${st.postings} postings, ${st.blocks} blocks; file ${mb(statSync(path).size)}.\n`);
  }
  pageStore.close();
  if (sqlRow) {
    // the same queries on both sides: SQL ran on the first `sqlRow.queries` of the set
    const engSub = eng.lat.slice(0, sqlRow.queries);
    const engMean = engSub.reduce((a, b) => a + b, 0) / Math.max(1, engSub.length);
    process.stdout.write(
      `Engine vs DuckDB SQL on the same ${sqlRow.queries} queries: ${(sqlRow.p50 / pct(engSub, 50)).toFixed(0)}× at p50, ` +
        `${(1000 / sqlRow.qps / engMean).toFixed(0)}× in mean time.\n`,
    );
  }
  if (!values["no-quality"]) await quality(values.devset);
}

/** The quality table on the real-documentation development set (skipped with a message when the doc packages are missing). */
async function quality(dir: string): Promise<void> {
  process.stdout.write(`\n### Search quality: known-item success@10 on real documentation pages\n\n`);
  const why = devsetUnavailable();
  if (why !== null) {
    process.stdout.write(`Skipped: ${why}.\n`);
    return;
  }
  const set = await buildDevset(dir, { log });
  const rows = [];
  for (const a of ablations()) {
    log(`quality: ${a.system}`);
    rows.push(await engineRow(set, a.system, a.fields));
  }
  log("quality: xapian");
  const x = xapianRow(set);
  if (x !== null) rows.push(x);
  const hosts = "git-doc, postgresql-doc-15, python3.11-doc";
  process.stdout.write(
    `${set.pages.toLocaleString("en")} pages of Debian ${hosts} HTML (written as WARC, loaded with simweb load), ` +
      `${set.queries.length} seeded known-item queries; one core; the engine's index is rebuilt per row (fields: name:weight:b).\n\n`,
  );
  process.stdout.write(qualityMarkdown(rows, set));
  process.stdout.write("\n");
  for (const r of rows) process.stdout.write(`- ${r.system}: ${r.config}\n`);
  if (x === null)
    process.stdout.write(
      `- Xapian row skipped: ${xapianPython() === null ? "python3-xapian is not installed (apt-get install python3-xapian)" : "peer script missing"}\n`,
    );
}

async function sqlSearch(conn: DuckDBConnection, engine: SearchEngine, q: string): Promise<number[]> {
  const terms = engine.parse(q).terms;
  if (terms.length === 0) return [];
  const list = terms.map((t) => `'${t.replace(/'/g, "''")}'`).join(", ");
  const r = await conn.runAndReadAll(`SELECT doc FROM bm25_search([${list}], 10)`);
  return r.getRowObjectsJS().map((o) => Number(o.doc));
}

await main();
