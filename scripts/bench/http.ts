/**
 * @module HTTP benchmark: QPS and latency of `/search`, `/retrieve` (batch of 8) and `/page` on simweb
 * vs a DuckDB-SQL baseline serving the same routes, the load generated in a separate process. Each route
 * is run at full load with autocannon (closed loop), then at a constant 70% of the measured QPS with the
 * open-loop generator of `paced-load.ts` (latency from each request's intended send time) for the latency
 * targets. Route `search-miss` is `/search` with every query distinct, so the server's result cache never
 * hits. Prints one markdown table.
 * Route `retrieve-batch` times Search-R1's recipe batch (2,560 queries, topk 3) and probes `/healthz` during a 10,000-query batch.
 * Usage: `tsx scripts/bench/http.ts --pages 100000 [--db file] [--workers 2] [--routes search,search-miss,retrieve,page,retrieve-batch] [--systems simweb,baseline]`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { generateWorld, loadCorpus, loadTasks, buildIndex } from "../../corpus-loader/index.ts";
import { parseQuery } from "../../env/search/index.ts";
import { stream, type Rng } from "../../core/index.ts";
import { pacedLoad, type PacedLoadResult, type PacedRequest } from "./paced-load.ts";
import { benchBatches } from "./retrieve-batch.ts";

const OPTIONS = {
  role: { type: "string", default: "main" },
  /** baseline role: "no" skips the BM25 tables (the `page` route does not need them; at 1M pages they take many minutes) */
  bm25: { type: "string", default: "yes" },
  config: { type: "string", default: "" },
  pages: { type: "string", default: "100000" },
  db: { type: "string", default: "" },
  seed: { type: "string", default: "42" },
  workers: { type: "string", default: "2" },
  duration: { type: "string", default: "10" },
  connections: { type: "string", default: "32" },
  /** `retrieve-batch`: a Search-R1 recipe batch (2,560 distinct queries, topk 3) and a 10,000-query batch with /healthz probed (simweb only). */
  routes: { type: "string", default: "search,search-miss,retrieve,page,retrieve-batch" },
  systems: { type: "string", default: "simweb,baseline" },
  /** Extra open-loop runs at fixed rates (route=qps): the issue's targets are p99 at 70% of 1,500 (/search) and of 10,000 (/page) QPS. */
  "target-rates": { type: "string", default: "search=1050,search-miss=1050,page=7000" },
} as const;

interface LoadConfig {
  url: string;
  connections: number;
  duration: number;
  /** Set: an open-loop run at this many requests/s (plus 1 s of warm-up); unset: autocannon at full load. */
  overallRate?: number;
  /** Index of the first request; with `shared`, one cursor over the list for all connections. */
  start?: number;
  /** autocannon connections take requests from one shared cursor instead of each cycling the whole list. */
  shared?: boolean;
  requests: PacedRequest[];
}
interface LoadResult {
  qps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** Requests issued (lets the next run of a distinct-query workload start after them). */
  sent: number;
}
interface Row {
  system: string;
  route: string;
  full: LoadResult;
  at70: PacedLoadResult;
  atTarget: PacedLoadResult | null;
}

const self = fileURLToPath(import.meta.url);
const log = (msg: string, f: Record<string, unknown> = {}): void =>
  void process.stderr.write(`${JSON.stringify({ t: Math.round(performance.now()), msg, ...f })}\n`);

/** Runs this file in another process with `args` (same Node flags, so tsx keeps working). */
function child(args: string[]): ChildProcess {
  return spawn(process.execPath, [...process.execArgv, self, ...args], { stdio: ["ignore", "pipe", "inherit"] });
}

/** Starts a server role and resolves its URL from the `listening` JSON line. */
function startServer(args: string[]): Promise<{ proc: ChildProcess; url: string }> {
  const proc = child(args);
  return new Promise((resolve, reject) => {
    let buf = "";
    proc.stdout?.on("data", (d: Buffer) => {
      buf += d.toString();
      for (const line of buf.split("\n").slice(0, -1)) {
        try {
          const j = JSON.parse(line) as { msg?: string; url?: string };
          if (j.msg === "listening" && j.url) resolve({ proc, url: j.url });
        } catch {
          /* not a JSON line */
        }
      }
    });
    proc.on("exit", (code) => reject(new Error(`server ${args.join(" ")} exited with ${code}`)));
  });
}

function stop(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null) return resolve();
    proc.removeAllListeners("exit");
    proc.once("exit", () => resolve());
    proc.kill("SIGTERM");
  });
}

/** Runs the load generator in a child process: autocannon, or the paced generator when `overallRate` is set. */
function load(cfg: LoadConfig & { overallRate: number }): Promise<PacedLoadResult>;
function load(cfg: LoadConfig): Promise<LoadResult>;
function load(cfg: LoadConfig): Promise<LoadResult | PacedLoadResult> {
  const file = join(tmpdir(), `simweb-bench-http-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(cfg)); // too big for argv
  const proc = child(["--role", "loadgen", "--config", file]);
  let out = "";
  proc.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) =>
    proc.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`loadgen exited ${code}`)))),
  );
}

async function loadgen(cfg: LoadConfig): Promise<void> {
  if (cfg.overallRate) {
    // autocannon paces by releasing requests in bursts (and times them from the actual send), which
    // made its "p99 at 70%" worse than at full load: the open-loop generator measures what a client sees
    const r = await pacedLoad({
      url: cfg.url,
      requests: cfg.requests,
      rate: cfg.overallRate,
      durationS: cfg.duration,
      warmupS: 1,
      connections: cfg.connections,
      start: cfg.start,
    });
    return void process.stdout.write(JSON.stringify(r));
  }
  type Result = { requests: { average: number; sent: number }; latency: { p50: number; p99: number }; errors: number; timeouts: number; non2xx: number };
  const autocannon = createRequire(import.meta.url)("autocannon") as (o: object) => Promise<Result>;
  const asRequest = (q: PacedRequest): object => ({
    method: q.method,
    path: q.path,
    body: q.body,
    headers: { "content-type": "application/json", ...q.headers },
  });
  let cursor = cfg.start ?? 0;
  const r = await autocannon({
    url: cfg.url,
    connections: cfg.connections,
    duration: cfg.duration,
    pipelining: 1,
    // each autocannon connection cycles through `requests` from the start; a shared cursor keeps every request distinct
    requests: cfg.shared
      ? [{ setupRequest: (req: object) => ({ ...req, ...asRequest(cfg.requests[cursor++ % cfg.requests.length] as PacedRequest) }) }]
      : cfg.requests.map(asRequest),
  });
  const res: LoadResult = {
    qps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    sent: r.requests.sent,
  };
  process.stdout.write(JSON.stringify(res));
}

/** simweb's search cache hit ratio since start, as reported by a few `/metrics` scrapes (one value per worker answering). */
async function cacheHitRatios(url: string): Promise<number[]> {
  const seen = new Set<number>();
  for (let i = 0; i < 4; i++) {
    const m = /^simweb_search_cache_hit_ratio (\S+)$/m.exec(await (await fetch(`${url}/metrics`)).text());
    if (m) seen.add(Math.round(Number(m[1]) * 1000) / 1000);
  }
  return [...seen];
}

/** Builds the corpus file when missing: generated world, tasks, index. */
async function ensureCorpus(db: string, pages: number, seed: number): Promise<void> {
  if (existsSync(db)) return;
  const dir = join(db, "..", "world");
  mkdirSync(dir, { recursive: true });
  log("generating world", { pages });
  await generateWorld({ seed, pages, outDir: dir });
  await loadCorpus(db, [dir]);
  await loadTasks(db, join(dir, "tasks.jsonl"));
  await buildIndex(db);
}

const titleWords = (title: string): string[] =>
  title
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .split(/\s+/)
    .filter((w) => w.length > 2);

/** The bench's query shape: 1–4 consecutive words of a title. */
function titleWindow(words: string[], rng: Rng): string {
  const n = Math.min(words.length, 1 + rng.int(4));
  const at = rng.int(Math.max(1, words.length - n + 1));
  return words.slice(at, at + n).join(" ");
}

interface Workload {
  urls: string[];
  queries: string[];
  /** Pairwise distinct queries for `search-miss` (empty unless that route runs). */
  unique: string[];
}

/** Deterministic workload: page URLs (indexable, not redirects) and queries made of title words. */
async function workload(db: string, seed: number, uniqueCount: number): Promise<Workload> {
  const inst = await DuckDBInstance.create(db, { access_mode: "READ_ONLY" });
  const conn = await inst.connect();
  const r = await conn.runAndReadAll(`SELECT url, title FROM pages WHERE status = 200 AND redirect_to IS NULL ORDER BY hash(id) LIMIT 2000`);
  const rows = r.getRowObjectsJS().map((o) => ({ url: String(o.url), title: String(o.title) }));
  const rng = stream(seed, "bench", "http", "queries");
  const queries = rows.slice(0, 1000).map((row) => titleWindow(titleWords(row.title), rng) || "the");
  let unique: string[] = [];
  if (uniqueCount > 0) {
    const all = await conn.runAndReadAll(`SELECT title FROM pages WHERE status = 200 AND redirect_to IS NULL ORDER BY id`);
    const titles = all
      .getRowObjectsJS()
      .map((o) => titleWords(String(o.title)))
      .filter((t) => t.length > 0);
    const questions = (await conn.runAndReadAll(`SELECT question FROM tasks ORDER BY id`)).getRowObjectsJS().map((o) => String(o.question));
    const stem = (await conn.runAndReadAll(`SELECT value FROM meta WHERE key = 'index.stem'`)).getRowObjectsJS()[0]?.value === "true";
    // the server's own cache key: queries that differ only by stopwords, stems or case would share an entry
    const cacheKey = (q: string): string | null => {
      const p = parseQuery(q, { stem });
      return p.terms.length > 0 ? p.key : null;
    };
    unique = uniqueQueries(titles, questions, uniqueCount, stream(seed, "bench", "http", "unique-queries"), cacheKey);
  }
  conn.closeSync();
  return { urls: rows.map((x) => x.url), queries, unique };
}

/**
 * `n` queries no two of which share a `cacheKey` (null: no scoring terms, skipped), so the server's
 * result cache never answers one: title windows as in the cached workload, with the task questions
 * spread evenly among them; a window already drawn gets words of other titles appended until it is new.
 */
function uniqueQueries(titles: string[][], questions: string[], n: number, rng: Rng, cacheKey: (q: string) => string | null): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (q: string): boolean => {
    const key = cacheKey(q);
    if (key === null || seen.has(key)) return false;
    seen.add(key);
    out.push(q);
    return true;
  };
  rng.shuffle(questions);
  let qi = 0;
  while (out.length < n) {
    if (qi < questions.length && rng.chance(questions.length / n)) {
      add(questions[qi++] as string);
      continue;
    }
    let q = titleWindow(rng.pick(titles), rng);
    while (!add(q)) q += ` ${rng.pick(rng.pick(titles))}`;
  }
  return out;
}

function requestsFor(route: string, w: Workload): LoadConfig["requests"] {
  const enc = encodeURIComponent;
  if (route === "search") return w.queries.map((q) => ({ method: "GET", path: `/search?q=${enc(q)}&k=10` }));
  if (route === "search-miss") return w.unique.map((q) => ({ method: "GET", path: `/search?q=${enc(q)}&k=10` }));
  if (route === "page") return w.urls.map((u) => ({ method: "GET", path: `/page?url=${enc(u)}` }));
  const out: LoadConfig["requests"] = [];
  for (let i = 0; i + 8 <= w.queries.length; i += 8)
    out.push({ method: "POST", path: "/retrieve", body: JSON.stringify({ queries: w.queries.slice(i, i + 8), topk: 3, return_scores: true }) });
  return out;
}

async function main(v: Record<string, string | boolean>): Promise<void> {
  const pages = Number(v.pages);
  const seed = Number(v.seed);
  const db = (v.db as string) || `/tmp/simweb-bench-http-${pages}/corpus.duckdb`;
  mkdirSync(join(db, ".."), { recursive: true });
  await ensureCorpus(db, pages, seed);
  const duration = Number(v.duration);
  const connections = Number(v.connections);
  const routes = String(v.routes).split(",");
  // enough distinct queries for warm-up, full and paced runs up to ~5,000 QPS
  const w = await workload(db, seed, routes.includes("search-miss") ? 12_000 * duration + 30_000 : routes.includes("retrieve-batch") ? 30_000 : 0);
  const want = String(v.systems).split(",");
  // each system's server arguments for one route
  const systems: [string, (route: string) => string[]][] = [];
  if (want.includes("simweb"))
    systems.push([`simweb (${v.workers} worker${v.workers === "1" ? "" : "s"})`, () => ["--role", "simweb", "--db", db, "--workers", String(v.workers)]]);
  // the page route needs no BM25 tables (at 1M pages they take many minutes)
  if (want.includes("baseline"))
    systems.push(["DuckDB SQL baseline", (route) => ["--role", "baseline", "--db", db, ...(route === "page" ? ["--bm25", "no"] : [])]]);
  const targetRates = new Map(
    String(v["target-rates"])
      .split(",")
      .filter((x) => x.includes("="))
      .map((x) => {
        const [route, qps] = x.split("=") as [string, string];
        return [route, Number(qps)] as const;
      }),
  );
  const rows: Row[] = [];
  const batchRows: ({ system: string } & Awaited<ReturnType<typeof benchBatches>>)[] = [];
  for (const [name, argsFor] of systems) {
    for (const route of routes) {
      if (route === "retrieve-batch") {
        if (!name.startsWith("simweb")) continue;
        const srv = await startServer(argsFor(route));
        try {
          const f = await benchBatches(srv.url, w.unique.length > 0 ? w.unique.slice(-30_000) : w.queries);
          log("measured", { system: name, route, ...f });
          batchRows.push({ system: name, ...f });
        } finally {
          await stop(srv.proc);
        }
        continue;
      }
      // a fresh server per route: a slow route's backlog must not spill into the next one
      log("starting", { system: name, route });
      const srv = await startServer(argsFor(route));
      try {
        const requests = requestsFor(route, w);
        // cache-miss runs continue the one query list where the previous run stopped
        const shared = route === "search-miss";
        let start = 0;
        start += (await load({ url: srv.url, connections, duration: 2, requests, shared, start })).sent; // warm-up
        const full = await load({ url: srv.url, connections, duration, requests, shared, start: shared ? start : 0 });
        start += full.sent;
        const overallRate = Math.max(1, Math.round(full.qps * 0.7));
        const at70 = await load({ url: srv.url, connections, duration, requests, start: shared ? start : 0, overallRate });
        if (shared && start + overallRate * (duration + 1) > requests.length)
          log("distinct queries ran out: some were repeated", { route, needed: start + overallRate * (duration + 1), have: requests.length });
        start += Math.round(overallRate * (duration + 1)); // the paced run issued its warm-up second and the measured ones
        const fixed = targetRates.get(route);
        const atTarget =
          fixed === undefined ? null : await load({ url: srv.url, connections, duration, requests, start: shared ? start : 0, overallRate: fixed });
        log("measured", {
          system: name,
          route,
          full,
          at70,
          atTarget,
          ...(route.startsWith("search") && name.startsWith("simweb") ? { cacheHitRatio: await cacheHitRatios(srv.url) } : {}),
        });
        rows.push({ system: name, route, full, at70, atTarget });
      } finally {
        await stop(srv.proc);
      }
    }
  }
  const f = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
  const label: Record<string, string> = {
    search: "GET /search (k=10)",
    "search-miss": "GET /search (k=10), cache-miss",
    retrieve: "POST /retrieve (8 queries, topk 3)",
    page: "GET /page (text)",
  };
  process.stdout.write(
    `\nHTTP benchmark: ${v.db ? String(v.db) : `${pages.toLocaleString("en-US")} generated pages`}, ${connections} connections, ${duration} s per run, load generator in its own process, ${process.platform} ${(await import("node:os")).cpus().length} cores. ` +
      `Max: autocannon, closed loop. At 70%: open loop at a constant rate of 70% of max QPS, latency from each request's intended send time, 1 s warm-up excluded; ` +
      `"late": requests issued > 10 ms after their time. Cache-miss: every query distinct.\n\n`,
  );
  process.stdout.write(
    "| system | route | max QPS | p50 ms | p99 ms | 70% target QPS | achieved QPS | p50 ms | p90 ms | p99 ms | max ms | late | errors |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
  );
  for (const r of rows) {
    const a = r.at70;
    process.stdout.write(
      `| ${r.system} | ${label[r.route] ?? r.route} | ${f(r.full.qps)} | ${f(r.full.p50)} | ${f(r.full.p99)} | ${f(a.targetQps)} | ${f(a.qps)} | ${f(a.p50)} | ${f(a.p90)} | ${f(a.p99)} | ${f(a.max)} | ${a.late} | ${r.full.errors + r.full.non2xx + a.errors + a.non2xx} |\n`,
    );
  }
  if (batchRows.length > 0) {
    process.stdout.write(
      "\nSearch-R1 recipe batches (`POST /retrieve`, topk 3, passages, every query distinct; 5 runs after a warm-up), and `/healthz` from another connection while one 10,000-query batch runs:\n\n",
    );
    process.stdout.write(
      "| system | 2,560 queries: median ms | max ms | MB | 10,000 queries ms | /healthz p50 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for (const b of batchRows) {
      const sorted = [...b.runs].sort((x, y) => x - y);
      process.stdout.write(
        `| ${b.system} | ${f(sorted[Math.floor(sorted.length / 2)] ?? 0)} | ${f(sorted[sorted.length - 1] ?? 0)} | ${(b.bytes / 1e6).toFixed(1)} | ${f(b.bigMs)} | ${f(b.probeP50)} | ${f(b.probeP99)} | ${f(b.probeMax)} |\n`,
      );
    }
  }
  const fixedRows = rows.filter((r) => r.atTarget !== null);
  if (fixedRows.length > 0) {
    process.stdout.write(
      "\nOpen loop at fixed target rates (the issue's latency targets: `/search` p99 ≤ 25 ms at 1,050 QPS, `/page` p99 ≤ 5 ms at 7,000 QPS):\n\n",
    );
    process.stdout.write(
      "| system | route | target QPS | achieved QPS | p50 ms | p90 ms | p99 ms | max ms | late | errors |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for (const r of fixedRows) {
      const a = r.atTarget as PacedLoadResult;
      process.stdout.write(
        `| ${r.system} | ${label[r.route] ?? r.route} | ${f(a.targetQps)} | ${f(a.qps)} | ${f(a.p50)} | ${f(a.p90)} | ${f(a.p99)} | ${f(a.max)} | ${a.late} | ${a.errors + a.non2xx} |\n`,
      );
    }
  }
}

const { values } = parseArgs({ options: OPTIONS, strict: true });
if (values.role === "loadgen") await loadgen(JSON.parse(readFileSync(values.config, "utf8")) as LoadConfig);
else if (values.role === "simweb") {
  const { serve } = await import("../commands/serve.ts");
  await serve({
    db: values.db,
    port: 0,
    host: "127.0.0.1",
    faults: "none",
    seed: "0",
    realLatency: false,
    workers: Number(values.workers),
    maxSessions: 256,
    html: "lazy",
  });
} else if (values.role === "baseline") {
  const { startBaseline } = await import("./http-baseline.ts");
  const b = await startBaseline(values.db, 0, 4, { bm25: values.bm25 !== "no" });
  process.stdout.write(`${JSON.stringify({ msg: "listening", url: b.url, buildSeconds: b.buildSeconds })}\n`);
  process.once("SIGTERM", () => void b.close().then(() => process.exit(0)));
} else await main(values as Record<string, string | boolean>);
