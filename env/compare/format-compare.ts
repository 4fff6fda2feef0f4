/** @module The comparison as text: the run table, the tables by task type and hop count, and the frontier as a character plot. */
import type { Comparison, CompareRow, SliceStats } from "./compare-runs.ts";
import { frontierOrder } from "./frontier.ts";

const pct = (x: number | null): string => (x === null ? "-" : `${(x * 100).toFixed(1)}%`);
const fix = (x: number | null, d: number): string => (x === null ? "-" : x.toFixed(d));
const qual = (c: Comparison, x: number): string => (c.quality === "success" ? pct(x) : x.toFixed(3));
const axis = (c: Comparison, x: number): string => (c.quality === "success" ? `${(x * 100).toFixed(1)}%` : x.toFixed(3));
const usd = (x: number): string => `$${x < 0.01 ? x.toFixed(5) : x.toFixed(4)}`;

function table(head: string[], body: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(w[i] ?? 0) : c.padStart(w[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(head), ...body.map(line)].join("\n") + "\n";
}

/** The main table: one line per run (figures per episode). */
export function formatRuns(c: Comparison): string {
  const g = [...new Set(c.rows.map((r) => r.g))];
  const head = ["run", "policy", "model", "eps", "success", "reward", "pass@1", g.length === 1 ? `pass@${g[0]}` : "pass@G", "tok in", "tok out"];
  head.push("calls", "search", "pages", "sim s", "wall s", "$/ep", "ROI", "frontier");
  const body = c.rows.map((r) => [
    r.label,
    r.policy,
    r.model,
    String(r.episodes),
    pct(r.successRate),
    fix(r.meanReward, 3),
    pct(r.passAt1),
    pct(r.passAtG),
    fix(r.tokensIn, 0),
    fix(r.tokensOut, 0),
    fix(r.toolCalls, 2),
    fix(r.searches, 2),
    fix(r.pagesOpened, 2),
    fix(r.simSeconds, 2),
    fix(r.wallSeconds, 3),
    usd(r.costUsd),
    fix(r.roi, 1),
    r.dominated ? "dominated" : "yes",
  ]);
  return table(head, body);
}

/** One table of slices (task type or hop count): success and cost of every run per key. */
export function formatSlices(c: Comparison, by: "byType" | "byHops"): string {
  const keys = [...new Set(c.rows.flatMap((r) => r[by].map((s) => s.key)))];
  const head = [by === "byType" ? "task type" : "hops", ...c.rows.map((r) => r.label)];
  const cell = (s: SliceStats | undefined): string => (s === undefined ? "-" : `${pct(s.successRate)} ${usd(s.costUsd)} (${s.episodes})`);
  return table(
    head,
    keys.map((k) => [k, ...c.rows.map((r) => cell(r[by].find((s) => s.key === k)))]),
  );
}

/**
 * The runs on a cost (x) × quality (y) grid of characters (both axes span the runs' values): each run is its letter (A, B, ...), upper case on the
 * frontier and lower case when dominated; the frontier listed cheapest first below it.
 */
export function formatFrontier(c: Comparison, width = 48, height = 10): string {
  const rows = c.rows;
  const letter = (i: number, r: CompareRow): string => {
    const ch = String.fromCharCode(65 + (i % 26));
    return r.dominated ? ch.toLowerCase() : ch;
  };
  const xs = rows.map((r) => r.costUsd);
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const qs = rows.map((r) => r.quality);
  const pad = Math.max(Math.max(...qs) - Math.min(...qs), 0.01) * 0.15; // the y axis spans the runs' qualities, a little wider
  const qlo = Math.min(...qs) - pad;
  const qhi = Math.max(...qs) + pad;
  const grid = Array.from({ length: height + 1 }, () => Array.from({ length: width + 1 }, () => " "));
  rows.forEach((r, i) => {
    const x = hi > lo ? Math.round(((r.costUsd - lo) / (hi - lo)) * width) : Math.round(width / 2);
    const y = height - Math.round(((r.quality - qlo) / (qhi - qlo || 1)) * height);
    const cellRow = grid[y];
    if (cellRow !== undefined) cellRow[x] = cellRow[x] === " " ? letter(i, r) : "*";
  });
  const top = axis(c, qhi).padStart(6);
  const bottom = axis(c, qlo).padStart(6);
  const lines = grid.map((row, y) => `${y === 0 ? top : y === height ? bottom : "      "} |${row.join("").trimEnd()}`);
  lines.push(`       +${"-".repeat(width + 1)}`);
  lines.push(`        ${usd(lo).padEnd(width - 8)}${usd(hi)}  $/episode`);
  const legend = rows.map(
    (r, i) => `  ${letter(i, r)} ${r.label} (${r.policy}): ${c.quality} ${qual(c, r.quality)} at ${usd(r.costUsd)}${r.dominated ? ", dominated" : ""}`,
  );
  const order = frontierOrder(rows.map((r) => ({ cost: r.costUsd, quality: r.quality })));
  const front = `frontier (cheapest first): ${order.map((i) => (rows[i] as CompareRow).label).join(" → ")}`;
  return [...lines, ...legend, front, ""].join("\n");
}

/** The whole report: runs, by task type, by hop count, the frontier. */
export function formatComparison(c: Comparison): string {
  return [
    formatRuns(c),
    `success by: ${[...new Set(c.rows.map((r) => r.successBy))].join(", ")}; figures are means per episode; quality = ${c.quality === "success" ? "success rate" : "mean reward"}; ROI = max(0, quality − ${c.baseline}) / ((sim s + wall s) × $/ep)\n`,
    formatSlices(c, "byType"),
    formatSlices(c, "byHops"),
    `${c.quality === "success" ? "success rate" : "mean reward"} × cost per episode (upper case: on the frontier)\n` + formatFrontier(c),
  ].join("\n");
}
