/** @module Quality table of bench:search: known-item success@10 and MRR of the engine (full BM25F and one ablation row per field) and of Xapian BM25, on the development set, in one run. */
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildIndex } from "../../../corpus-loader/index.ts";
import { ALL_FIELDS, DEFAULT_FIELDS, SearchEngine, formatFieldSpec, type FieldSpec } from "../../../env/search/index.ts";
import type { Devset } from "./build-devset.ts";
import { QUERY_SETS, type DevQuery } from "./devset-queries.ts";

/** One measured system on the development set. */
export interface QualityRow {
  system: string;
  /** Field spec (engine rows) or the peer's description. */
  config: string;
  /** success@10 per query set. */
  success: Record<string, number>;
  /** MRR@10 per query set. */
  mrr: Record<string, number>;
  /** success@10 over the `test` split only, all sets together. */
  testSuccess: number;
  p50: number;
  p99: number;
}

/** The python interpreter with Xapian bindings (Debian `python3-xapian`), or null. */
export function xapianPython(): string | null {
  for (const py of ["/usr/bin/python3", "python3"]) {
    const r = spawnSync(py, ["-c", "import xapian"], { stdio: "ignore" });
    if (r.status === 0) return py;
  }
  return null;
}

function pct(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

/** success@10, MRR@10 per set and test-split success from each query's ranked URLs. */
function score(system: string, config: string, queries: readonly DevQuery[], ranked: readonly string[][], lat: readonly number[]): QualityRow {
  const success: Record<string, number> = {};
  const mrr: Record<string, number> = {};
  for (const set of QUERY_SETS) {
    let n = 0;
    let hit = 0;
    let rr = 0;
    queries.forEach((q, i) => {
      if (q.set !== set) return;
      n++;
      const at = (ranked[i] ?? []).slice(0, 10).indexOf(q.answer);
      if (at >= 0) {
        hit++;
        rr += 1 / (at + 1);
      }
    });
    success[set] = n > 0 ? hit / n : 0;
    mrr[set] = n > 0 ? rr / n : 0;
  }
  let tn = 0;
  let th = 0;
  queries.forEach((q, i) => {
    if (q.split !== "test") return;
    tn++;
    if ((ranked[i] ?? []).slice(0, 10).includes(q.answer)) th++;
  });
  return { system, config, success, mrr, testSuccess: tn > 0 ? th / tn : 0, p50: pct(lat, 50), p99: pct(lat, 99) };
}

/** Rebuilds the dev corpus's index with `fields` (and `k1`) and runs every query through the engine. */
export async function engineRow(set: Devset, system: string, fields: readonly FieldSpec[], k1 = 1.2): Promise<QualityRow> {
  await buildIndex(set.db, { fields, k1, workers: 1 });
  const engine = await SearchEngine.load(set.db, { cacheSize: 0 });
  for (const q of set.queries.slice(0, 100)) engine.search(q.query, { k: 10, snippets: false }); // warm-up
  const ranked: string[][] = [];
  const lat: number[] = [];
  for (const q of set.queries) {
    const t = performance.now();
    const res = engine.search(q.query, { k: 10, snippets: false });
    lat.push(performance.now() - t);
    ranked.push(res.results.map((r) => r.url));
  }
  return score(system, `${formatFieldSpec(fields)}; k1 ${k1}`, set.queries, ranked, lat);
}

/** Xapian BM25 (default parameters, title + text, English stemmer) on the same queries; null without python3-xapian. */
export function xapianRow(set: Devset): QualityRow | null {
  const py = xapianPython();
  if (py === null) return null;
  const qpath = join(set.dir, "queries-plain.jsonl");
  writeFileSync(qpath, set.queries.map((q) => JSON.stringify({ query: q.query })).join("\n") + "\n");
  const script = new URL("./xapian-peer.py", import.meta.url).pathname;
  if (!existsSync(script)) return null;
  const r = spawnSync(py, [script, set.pagesJsonl, qpath], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`xapian peer failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { build_s: number; results: string[][]; latency_ms: number[] };
  return score(
    "Xapian 1.4 BM25 (python3-xapian, default params)",
    `title + text, English stemmer, OR query; build ${out.build_s.toFixed(1)} s`,
    set.queries,
    out.results,
    out.latency_ms,
  );
}

/**
 * The engine rows: the default fields, every field on (`all`), then `all` with each field left out,
 * then title + body only (no page structure).
 */
export function ablations(all: readonly FieldSpec[] = ALL_FIELDS): Array<{ system: string; fields: FieldSpec[] }> {
  const without = (name: string): FieldSpec[] => all.map((f) => (f.name === name ? { ...f, weight: 0 } : { ...f }));
  return [
    { system: "simweb BM25F, default fields", fields: DEFAULT_FIELDS.map((f) => ({ ...f })) },
    { system: "simweb BM25F, all fields", fields: all.map((f) => ({ ...f })) },
    { system: "all − title", fields: without("title") },
    { system: "all − headings", fields: without("headings") },
    { system: "all − anchors", fields: without("anchors") },
    { system: "all − url", fields: without("url") },
    {
      system: "title + body only (no page structure)",
      fields: all.map((f) => (f.name === "title" || f.name === "body" ? { ...f } : { ...f, weight: 0 })),
    },
  ];
}

/** The markdown table of `rows`. */
export function qualityMarkdown(rows: readonly QualityRow[], set: Devset): string {
  const n = (s: string): number => set.queries.filter((q) => q.set === s).length;
  const head =
    `| System | headings s@10 (${n("headings")}) | anchors s@10 (${n("anchors")}) | questions s@10 (${n("questions")}) | MRR@10 h / a / q | test split s@10 | p50 ms | p99 ms |\n` +
    "|---|---:|---:|---:|---|---:|---:|---:|\n";
  const f = (x: number | undefined): string => (x ?? 0).toFixed(3);
  return (
    head +
    rows
      .map(
        (r) =>
          `| ${r.system} | ${f(r.success.headings)} | ${f(r.success.anchors)} | ${f(r.success.questions)} | ${f(r.mrr.headings)} / ${f(r.mrr.anchors)} / ${f(r.mrr.questions)} | ${f(r.testSuccess)} | ${r.p50.toFixed(3)} | ${r.p99.toFixed(3)} |`,
      )
      .join("\n") +
    "\n"
  );
}
