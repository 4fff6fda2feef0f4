/** @module The comparison as a flat table (one row per run × slice) for notebooks: Parquet, or JSON. */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { writeParquet, type ColumnSpec, type ExportTable } from "../export/index.ts";
import type { Comparison } from "./compare-runs.ts";
import type { RunStats } from "./run-stats.ts";

const STAT_COLUMNS: Array<[keyof RunStats, ColumnSpec["type"]]> = [
  ["episodes", "int"],
  ["groups", "int"],
  ["successRate", "float"],
  ["meanReward", "float"],
  ["passAt1", "float"],
  ["passAtG", "float"],
  ["g", "int"],
  ["groupsAtG", "int"],
  ["tokensIn", "float"],
  ["tokensOut", "float"],
  ["toolCalls", "float"],
  ["searches", "float"],
  ["pagesOpened", "float"],
  ["simSeconds", "float"],
  ["wallSeconds", "float"],
  ["costUsd", "float"],
  ["quality", "float"],
  ["roi", "float"],
];

const snake = (s: string): string => s.replace(/[A-Z0-9]+/g, (m) => `_${m.toLowerCase()}`).replace("pass_at", "pass_at_");

/** Column name of a statistic (`successRate` → `success_rate`, `passAtG` → `pass_at_g`, `costUsd` → `cost_usd`). */
export function statColumn(k: keyof RunStats): string {
  return snake(k).replace("pass_at__", "pass_at_");
}

/**
 * The flat table: for each run a row with `slice = "all"`, then one per task type (`slice = "type"`) and per hop
 * count (`slice = "hops"`), `slice_key` naming it; every row carries the run's label, log, id, policy, model and
 * whether it is dominated.
 */
export function comparisonTable(c: Comparison): ExportTable {
  const columns: ColumnSpec[] = [
    { name: "label", type: "string" },
    { name: "log", type: "string" },
    { name: "run_id", type: "string" },
    { name: "policy", type: "string" },
    { name: "model", type: "string" },
    { name: "group_size", type: "int" },
    { name: "success_by", type: "string" },
    { name: "dominated", type: "bool" },
    { name: "slice", type: "string" },
    { name: "slice_key", type: "string" },
    ...STAT_COLUMNS.map(([k, type]): ColumnSpec => ({ name: statColumn(k), type })),
  ];
  const rows: Array<Record<string, unknown>> = [];
  for (const r of c.rows) {
    const base = {
      label: r.label,
      log: r.path,
      run_id: r.runId,
      policy: r.policy,
      model: r.model,
      group_size: r.groupSize,
      success_by: r.successBy,
      dominated: r.dominated,
    };
    const stats = (s: RunStats): Record<string, unknown> => Object.fromEntries(STAT_COLUMNS.map(([k]) => [statColumn(k), s[k]]));
    rows.push({ ...base, slice: "all", slice_key: "all", ...stats(r) });
    for (const s of r.byType) rows.push({ ...base, slice: "type", slice_key: s.key, ...stats(s) });
    for (const s of r.byHops) rows.push({ ...base, slice: "hops", slice_key: s.key, ...stats(s) });
  }
  return { columns, rows };
}

/** Writes the flat table as Parquet (key-value metadata: the prices and the ROI baseline). */
export async function writeComparisonParquet(c: Comparison, out: string): Promise<void> {
  mkdirSync(dirname(out), { recursive: true });
  await writeParquet(out, comparisonTable(c), {
    "simweb.compare_version": "1",
    prices: JSON.stringify(c.prices),
    roi_baseline: String(c.baseline),
    quality_measure: c.quality,
    roi: "max(0, quality - roi_baseline) / ((sim_seconds + wall_seconds) * cost_usd)",
  });
}
