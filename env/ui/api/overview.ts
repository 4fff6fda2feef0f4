/** @module `GET /ui/api/overview`: reward and component histograms, success rates, steps, time and throughput. */
import type { DuckDBValue } from "@duckdb/node-api";
import { histogram, rateTable, type Histogram, type RateRow } from "../histogram.ts";
import type { RunDb } from "../run-store.ts";
import { replaySchedule, throughputOf, type Throughput } from "../throughput.ts";
import { whereOf, type EpisodeFilters } from "./filters.ts";
import { isSuccess, type RunContext } from "./run-context.ts";

/** The run overview. Statistics cover finished (`done`) episodes that pass the filters. */
export interface Overview {
  /** Episodes passing the filters, by status. */
  statuses: Record<string, number>;
  episodes: number;
  groups: number;
  meanReward: number | null;
  successRate: number | null;
  /** What success means: the correctness component's name, or "reward ≥ 1". */
  successBy: string;
  reward: Histogram;
  components: Array<{ name: string; hist: Histogram }>;
  byType: RateRow[];
  byHops: RateRow[];
  endReasons: Record<string, number>;
  steps: Histogram;
  simSeconds: Histogram;
  wallSeconds: Histogram;
  throughput: Throughput;
}

/** Computes the overview of the episodes passing `f`. */
export async function overview(db: RunDb, ctx: RunContext, f: EpisodeFilters): Promise<Overview> {
  const params: DuckDBValue[] = [];
  const where = whereOf(f, params);
  const statusRows = await db.rows(`SELECT status, count(*) AS n FROM episodes e WHERE ${where} GROUP BY 1 ORDER BY 1`, params);
  const doneWhere = `${where} AND e.status = 'done'`;
  const succName = ctx.successComponent;
  const succParams = [...params, succName ?? ""];
  const finishSql = db.episodeColumns.has("finished_at")
    ? `epoch(e.finished_at::TIMESTAMP) - epoch((SELECT started_at FROM runs r WHERE r.run_id = e.run_id)::TIMESTAMP)`
    : `NULL`;
  const eps = await db.rows(
    `SELECT e.run_id, e.task_id, e.group_id, e.sample_idx, e.reward, e.steps, e.sim_seconds, e.wall_seconds, e.end_reason,
       c.value AS correct, ${finishSql} AS finished
     FROM episodes e LEFT JOIN components c ON c.run_id = e.run_id AND c.episode_id = e.episode_id AND c.name = $${succParams.length}
     WHERE ${doneWhere} ORDER BY e.run_id, e.group_id, e.sample_idx`,
    succParams,
  );
  const comps = await db.rows(
    `SELECT c.name, list(c.value) AS vals FROM components c JOIN episodes e ON c.run_id = e.run_id AND c.episode_id = e.episode_id
     WHERE ${doneWhere} GROUP BY c.name ORDER BY c.name`,
    params,
  );
  const rewards = eps.map((e) => Number(e.reward));
  const success = eps.map((e) => isSuccess(ctx, Number(e.reward), e.correct === null ? null : Number(e.correct)));
  const task = (id: unknown) => ctx.corpus.tasks.get(String(id));
  const endReasons: Record<string, number> = {};
  for (const e of eps) {
    const k = e.end_reason === null ? "none" : String(e.end_reason);
    endReasons[k] = (endReasons[k] ?? 0) + 1;
  }
  return {
    statuses: Object.fromEntries(statusRows.map((r) => [String(r.status), Number(r.n)])),
    episodes: eps.length,
    groups: new Set(eps.map((e) => `${String(e.run_id)}\u0000${String(e.group_id)}`)).size,
    meanReward: eps.length > 0 ? rewards.reduce((a, b) => a + b, 0) / eps.length : null,
    successRate: eps.length > 0 ? success.filter(Boolean).length / eps.length : null,
    successBy: succName ?? "reward ≥ 1",
    reward: histogram(rewards),
    components: comps.map((c) => ({ name: String(c.name), hist: histogram((c.vals as unknown[]).map(Number)) })),
    byType: rateTable(eps.map((e, i) => ({ key: task(e.task_id)?.type ?? "unknown", success: success[i] === true, reward: rewards[i] as number }))),
    byHops: rateTable(eps.map((e, i) => ({ key: String(task(e.task_id)?.hops ?? "unknown"), success: success[i] === true, reward: rewards[i] as number }))),
    endReasons,
    steps: histogram(eps.map((e) => Number(e.steps))),
    simSeconds: histogram(eps.map((e) => Number(e.sim_seconds))),
    wallSeconds: histogram(eps.map((e) => Number(e.wall_seconds))),
    throughput: throughputFor(ctx, eps),
  };
}

function throughputFor(ctx: RunContext, eps: ReadonlyArray<Record<string, unknown>>): Throughput {
  if (eps.length > 0 && eps.every((e) => e.finished !== null)) {
    return throughputOf(
      eps.map((e) => Number(e.finished)),
      { estimated: false },
    );
  }
  const finish: number[] = [];
  for (const run of ctx.runs) {
    const mine = eps.filter((e) => String(e.run_id) === run.runId);
    if (mine.length === 0) continue;
    const order = new Map((Array.isArray(run.config.tasks) ? run.config.tasks : []).map((t, i) => [String(t), i]));
    const g = Math.max(1, run.groupSize);
    const sched = mine.map((e) => ({
      order: (order.get(String(e.task_id)) ?? order.size + 1) * g + Number(e.sample_idx),
      wallSeconds: Number(e.wall_seconds),
    }));
    finish.push(...replaySchedule(sched, Number(run.config.concurrency ?? 1)));
  }
  return throughputOf(finish, { estimated: true });
}
