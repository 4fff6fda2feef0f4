/** @module compareRuns: the runs of several trajectory logs side by side, overall and by task type and hop count. */
import type { Task } from "../../core/index.ts";
import { correctnessComponent } from "../export/index.ts";
import { LogReader, type EpisodeUsage, type LoggedRun } from "../trajectory/index.ts";
import { CompareError } from "./errors.ts";
import { dominated } from "./frontier.ts";
import { DEFAULT_PRICES, priceOf, type PriceTable } from "./prices.ts";
import { QUALITY_MEASURES, runStats, type QualityMeasure, type RunStats, type StatsContext } from "./run-stats.ts";

/** What a comparison knows of a task: its family and how many pages it needs. */
export type TaskKind = Pick<Task, "type" | "hops">;

/** Looks up the tasks of a log's runs (from the corpus they were made on); unknown ids are left out. */
export type TaskLookup = (logPath: string, runs: readonly LoggedRun[], taskIds: readonly string[]) => Promise<ReadonlyMap<string, TaskKind>>;

/** One log, read. */
export interface RunLog {
  path: string;
  runs: LoggedRun[];
  /** Finished episodes of every run, ordered by (run, group, sample). */
  usage: EpisodeUsage[];
  tasks: ReadonlyMap<string, TaskKind>;
  /** The correctness component that defines success, or null (then success is reward ≥ 1). */
  successComponent: string | null;
}

/** A slice of a run's episodes: one task type or one hop count. */
export interface SliceStats extends RunStats {
  key: string;
}

/** One row of the comparison: a run of a log. */
export interface CompareRow extends RunStats {
  /** Short unique name of the row (the run id, made unique with the log's file name when needed). */
  label: string;
  path: string;
  runId: string;
  /** The policy, with its search budget when it has one (`scripted budget=4`). */
  policy: string;
  /** The model the policy called (`config.policy.model`), or `-` when it calls none. */
  model: string;
  groupSize: number;
  successBy: string;
  /** Another run is at least as good for no more money, and strictly better in one of the two. */
  dominated: boolean;
  byType: SliceStats[];
  byHops: SliceStats[];
}

/** The comparison. */
export interface Comparison {
  rows: CompareRow[];
  /** The prices used (model → prices). */
  prices: PriceTable;
  /** ROI's q₀. */
  baseline: number;
  /** What quality means on the frontier and in the ROI. */
  quality: QualityMeasure;
}

/** Options of {@link compareRuns}. */
export interface CompareOptions {
  prices?: PriceTable;
  /** Quality counted as no gain in the ROI (default 0). */
  baseline?: number;
  /** Quality on the frontier and in the ROI: `reward` (mean reward, the default) or `success` (success rate). */
  quality?: QualityMeasure;
}

/**
 * Reads one log: its runs, the usage of its finished episodes, and (through `tasks`) the type and hops of their tasks.
 * Several logs (a list, or a glob such as `runs/served-*.duckdb`) are read as one, merged by episode id.
 * @example
 * const log = await readRunLog("runs/b4.duckdb", async () => new Map());
 */
export async function readRunLog(logs: string | readonly string[], tasks: TaskLookup): Promise<RunLog> {
  const reader = await LogReader.open(logs);
  try {
    return await runLogOf(reader, typeof logs === "string" ? logs : logs.join(" + "), tasks);
  } finally {
    reader.close();
  }
}

/** {@link readRunLog} over a reader already open (the viewer's); `path` names it in the rows (tasks are looked up beside the reader's first log). */
export async function runLogOf(reader: LogReader, path: string, tasks: TaskLookup): Promise<RunLog> {
  const runs = await reader.runs();
  const { componentNames, taskIds } = await reader.choices();
  const successComponent = correctnessComponent(componentNames);
  const usage = await reader.usage({}, { correctness: successComponent });
  return { path, runs, usage, tasks: await tasks(reader.path, runs, taskIds), successComponent };
}

/** The policy of a run as shown: its name, plus `budget=N` when its config has a budget. */
export function policyLabel(run: LoggedRun): string {
  const p = run.config.policy as Record<string, unknown> | undefined;
  return typeof p?.budget === "number" ? `${run.policy} budget=${p.budget}` : run.policy;
}

/** The model a run's policy called, or `-`. */
export function modelOf(run: LoggedRun): string {
  const m = (run.config.policy as Record<string, unknown> | undefined)?.model;
  return typeof m === "string" && m !== "" ? m : "-";
}

function slices(eps: readonly EpisodeUsage[], keyOf: (e: EpisodeUsage) => string, ctx: StatsContext): SliceStats[] {
  const by = new Map<string, EpisodeUsage[]>();
  for (const e of eps) {
    const k = keyOf(e);
    const list = by.get(k);
    if (list === undefined) by.set(k, [e]);
    else list.push(e);
  }
  const keys = [...by.keys()].sort((a, b) => {
    const na = Number(a);
    const nb = Number(b);
    return Number.isFinite(na) && Number.isFinite(nb) ? na - nb : a.localeCompare(b);
  });
  return keys.map((key) => ({ key, ...runStats(by.get(key) ?? [], ctx) }));
}

/**
 * Compares every run of the given logs: one row per run with its success rate, mean reward, pass@1 and pass@G over
 * its GRPO groups, use (tokens, tool calls, searches, pages, simulated and wall seconds), dollar cost at `prices`,
 * Agentic ROI, whether the cost–quality frontier dominates it (quality: mean reward, or success rate), and the same figures by task type and hop count.
 * Runs without finished episodes are left out; `NO_RUNS` when none is left.
 * @example
 * const cmp = compareRuns([await readRunLog("runs/b2.duckdb", lookup), await readRunLog("runs/b8.duckdb", lookup)]);
 * cmp.rows.map((r) => [r.label, r.successRate, r.costUsd, r.dominated]);
 */
export function compareRuns(logs: readonly RunLog[], o: CompareOptions = {}): Comparison {
  const prices = o.prices ?? DEFAULT_PRICES;
  const baseline = o.baseline ?? 0;
  const quality = o.quality ?? "reward";
  if (!Number.isFinite(baseline)) throw new CompareError("BAD_OPTION", `baseline must be a finite number, got ${baseline}`);
  if (!(QUALITY_MEASURES as readonly string[]).includes(quality))
    throw new CompareError("BAD_OPTION", `quality must be one of ${QUALITY_MEASURES.join(", ")}, got ${JSON.stringify(quality)}`);
  const rows: Array<Omit<CompareRow, "label" | "dominated">> = [];
  for (const log of logs) {
    for (const run of log.runs) {
      const eps = log.usage.filter((e) => e.runId === run.runId);
      if (eps.length === 0) continue;
      const model = modelOf(run);
      const comp = log.successComponent;
      const ctx: StatsContext = {
        price: priceOf(prices, model),
        groupSize: Math.max(1, run.groupSize),
        baseline,
        quality,
        success: (e) => (comp !== null ? (e.correctness ?? 0) >= 1 : e.reward >= 1 - 1e-9),
      };
      rows.push({
        path: log.path,
        runId: run.runId,
        policy: policyLabel(run),
        model,
        groupSize: run.groupSize,
        successBy: comp ?? "reward ≥ 1",
        ...runStats(eps, ctx),
        byType: slices(eps, (e) => log.tasks.get(e.taskId)?.type ?? "unknown", ctx),
        byHops: slices(eps, (e) => String(log.tasks.get(e.taskId)?.hops ?? "unknown"), ctx),
      });
    }
  }
  if (rows.length === 0)
    throw new CompareError("NO_RUNS", `no finished episode in ${logs.map((l) => l.path).join(", ") || "(no log given)"}: nothing to compare`);
  const dom = dominated(rows.map((r) => ({ cost: r.costUsd, quality: r.quality })));
  const clash = new Set(rows.map((r) => r.runId).filter((id, i, all) => all.indexOf(id) !== i));
  return {
    rows: rows.map((r, i) => ({ label: clash.has(r.runId) ? `${baseName(r.path)}:${r.runId}` : r.runId, ...r, dominated: dom[i] === true })),
    prices,
    baseline,
    quality,
  };
}

function baseName(p: string): string {
  return (p.split(/[\\/]/).pop() ?? p).replace(/\.duckdb$/, "");
}
