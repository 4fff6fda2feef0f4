/** @module `GET /ui/api/overview`: reward and component histograms, success rates, steps, time and throughput. */
import { histogram, rateTable, type Histogram, type RateRow } from "../histogram.ts";
import type { RunDb } from "../run-store.ts";
import { replaySchedule, throughputOf, timelineOf, type Throughput, type Timeline } from "../throughput.ts";
import type { EpisodeFilters } from "./filters.ts";
import type { EpisodeOutcome } from "../../trajectory/index.ts";
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
  /** Reward and failures by end time (every status), or null when the log keeps no end times (schema 1). */
  timeline: Timeline | null;
  /** Failed (`error`) and interrupted (`closed`) episodes passing the filters. */
  failures: { error: number; closed: number; reasons: Array<{ reason: string; n: number }> };
}

/** Computes the overview of the episodes passing `f`. */
export async function overview(db: RunDb, ctx: RunContext, f: EpisodeFilters): Promise<Overview> {
  const statuses = await db.log.statusCounts(f);
  const succName = ctx.successComponent;
  const eps = await db.log.outcomes(f, { correctness: succName });
  const comps = await db.log.componentValues(f);
  const all = db.log.hasEndTimes ? await db.log.outcomes(f, { status: null }) : [];
  const rewards = eps.map((e) => e.reward);
  const success = eps.map((e) => isSuccess(ctx, e.reward, e.correctness));
  const task = (id: string) => ctx.corpus.tasks.get(id);
  const endReasons: Record<string, number> = {};
  for (const e of eps) {
    const k = e.endReason ?? "none";
    endReasons[k] = (endReasons[k] ?? 0) + 1;
  }
  return {
    statuses,
    episodes: eps.length,
    groups: new Set(eps.map((e) => `${e.runId}\u0000${e.groupId}`)).size,
    meanReward: eps.length > 0 ? rewards.reduce((a, b) => a + b, 0) / eps.length : null,
    successRate: eps.length > 0 ? success.filter(Boolean).length / eps.length : null,
    successBy: succName ?? "reward ≥ 1",
    reward: histogram(rewards),
    components: comps.map((c) => ({ name: c.name, hist: histogram(c.values) })),
    byType: rateTable(eps.map((e, i) => ({ key: task(e.taskId)?.type ?? "unknown", success: success[i] === true, reward: rewards[i] as number }))),
    byHops: rateTable(eps.map((e, i) => ({ key: String(task(e.taskId)?.hops ?? "unknown"), success: success[i] === true, reward: rewards[i] as number }))),
    endReasons,
    steps: histogram(eps.map((e) => e.stepCount)),
    simSeconds: histogram(eps.map((e) => e.simSeconds)),
    wallSeconds: histogram(eps.map((e) => e.wallSeconds)),
    throughput: throughputFor(ctx, eps),
    timeline: db.log.hasEndTimes ? timelineOf(all.map((e) => ({ t: e.finishedAfter ?? -1, reward: e.reward, failed: e.status !== "done" }))) : null,
    failures: { error: statuses.error ?? 0, closed: statuses.closed ?? 0, reasons: await db.log.failureReasons(f) },
  };
}

function throughputFor(ctx: RunContext, eps: readonly EpisodeOutcome[]): Throughput {
  if (eps.length > 0 && eps.every((e) => e.finishedAfter !== null)) {
    return throughputOf(
      eps.map((e) => e.finishedAfter as number),
      { estimated: false },
    );
  }
  const finish: number[] = [];
  for (const run of ctx.runs) {
    const mine = eps.filter((e) => e.runId === run.runId);
    if (mine.length === 0) continue;
    const order = new Map((Array.isArray(run.config.tasks) ? run.config.tasks : []).map((t, i) => [String(t), i]));
    const g = Math.max(1, run.groupSize);
    const sched = mine.map((e) => ({
      order: (order.get(e.taskId) ?? order.size + 1) * g + e.sampleIdx,
      wallSeconds: e.wallSeconds,
    }));
    finish.push(...replaySchedule(sched, Number(run.config.concurrency ?? 1)));
  }
  return throughputOf(finish, { estimated: true });
}
