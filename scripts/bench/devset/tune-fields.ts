/** @module Tunes the BM25F field weights, per-field b and k1 on the development set's `tune` split by coordinate search, and prints the best spec. */
import { DEFAULT_FIELDS, formatFieldSpec, type FieldSpec } from "../../../env/search/index.ts";
import { buildDevset } from "./build-devset.ts";
import { QUERY_SETS } from "./devset-queries.ts";
import { engineRow } from "./search-quality.ts";

const WEIGHTS = [0, 0.5, 1, 1.5, 2, 3, 5];
const BS = [0.2, 0.4, 0.6, 0.75, 0.9];
const K1S = [0.9, 1.2, 1.6, 2.0];

/**
 * Coordinate search from `DEFAULT_FIELDS`: for each field its weight, then its b, then k1, keeping a
 * change only when the objective (mean success@10 over the sets + ½ mean MRR@10, `tune` split) rises.
 * Two rounds. Prints every step and the final spec; the `test` split is left for the report.
 */
async function main(): Promise<void> {
  const dir = process.argv[2] ?? "/tmp/simweb-devset";
  const full = await buildDevset(dir);
  const set = { ...full, queries: full.queries.filter((q) => q.split === "tune") };
  const objective = async (fields: FieldSpec[], k1: number): Promise<number> => {
    const r = await engineRow(set, "tune", fields, k1);
    const s = QUERY_SETS.reduce((a, x) => a + (r.success[x] ?? 0), 0) / QUERY_SETS.length;
    const m = QUERY_SETS.reduce((a, x) => a + (r.mrr[x] ?? 0), 0) / QUERY_SETS.length;
    return s + 0.5 * m;
  };
  let fields = DEFAULT_FIELDS.map((f) => ({ ...f }));
  let k1 = 1.2;
  let best = await objective(fields, k1);
  process.stdout.write(`start ${formatFieldSpec(fields)} k1 ${k1}: ${best.toFixed(4)}\n`);
  for (let round = 0; round < 2; round++) {
    for (let f = 0; f < fields.length; f++) {
      for (const [key, values] of [
        ["weight", WEIGHTS],
        ["b", BS],
      ] as const) {
        for (const v of values) {
          const cur = fields[f] as FieldSpec;
          if (cur[key] === v || (key === "weight" && v === 0 && cur.name === "body")) continue;
          const trial = fields.map((x, i) => (i === f ? { ...x, [key]: v } : x));
          const o = await objective(trial, k1);
          if (o > best + 1e-9) {
            best = o;
            fields = trial;
            process.stdout.write(`  ${cur.name}.${key} = ${v}: ${best.toFixed(4)}\n`);
          }
        }
      }
    }
    for (const v of K1S) {
      if (v === k1) continue;
      const o = await objective(fields, v);
      if (o > best + 1e-9) {
        best = o;
        k1 = v;
        process.stdout.write(`  k1 = ${v}: ${best.toFixed(4)}\n`);
      }
    }
    process.stdout.write(`round ${round + 1}: ${formatFieldSpec(fields)} k1 ${k1}: ${best.toFixed(4)}\n`);
  }
}

await main();
