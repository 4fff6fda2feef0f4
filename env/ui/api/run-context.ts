/** @module What every view needs about a log, computed once per open: runs, names, corpus tasks, advantages. */
import { correctnessComponent } from "../../export/index.ts";
import { groupAdvantages } from "../../../verifiers/index.ts";
import { readCorpusTasks, resolveCorpusPath, type CorpusTasks } from "../corpus-tasks.ts";
import type { RunDb } from "../run-store.ts";

/** One run of the log. */
export interface RunInfo {
  runId: string;
  policy: string;
  groupSize: number;
  seed: number;
  config: Record<string, unknown>;
  versions: Record<string, unknown>;
  startedAt: string | null;
  resumedAt: string | null;
}

/** Per-open facts about the log. */
export interface RunContext {
  runs: RunInfo[];
  componentNames: string[];
  policies: string[];
  endReasons: string[];
  statuses: string[];
  corpus: CorpusTasks;
  /** GRPO advantage (TRL "group" scaling, ε = 1e-6, as `simweb export`) of each finished episode, keyed by {@link episodeKey}. */
  advantages: Map<string, number>;
  /** The correctness component that defines success, or null (then success is reward ≥ 1). */
  successComponent: string | null;
}

/** How advantages are computed (shown in the UI). */
export const ADVANTAGE_METHOD = { method: "group", epsilon: 1e-6 } as const;

/** Key of an episode in maps: run id and episode id. */
export const episodeKey = (runId: string, episodeId: string): string => `${runId}\u0000${episodeId}`;

const parse = (s: unknown): Record<string, unknown> => {
  try {
    const v: unknown = JSON.parse(String(s));
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

/** Loads (once per open of the file) the run context; `corpusPath` overrides the run's config. */
export function runContext(db: RunDb, runPath: string, corpusPath: string | null | undefined): Promise<RunContext> {
  return db.memo("context", async () => {
    const runs: RunInfo[] = (await db.rows(`SELECT * FROM runs ORDER BY started_at, run_id`)).map((r) => ({
      runId: String(r.run_id),
      policy: String(r.policy),
      groupSize: Number(r.group_size),
      seed: Number(r.seed),
      config: parse(r.config),
      versions: parse(r.versions),
      startedAt: r.started_at === null ? null : String(r.started_at),
      resumedAt: r.resumed_at == null ? null : String(r.resumed_at),
    }));
    const distinct = async (sql: string): Promise<string[]> => (await db.rows(sql)).map((r) => String(r.v));
    const componentNames = await distinct(`SELECT DISTINCT name AS v FROM components ORDER BY 1`);
    const policies = await distinct(`SELECT DISTINCT policy AS v FROM episodes ORDER BY 1`);
    const endReasons = await distinct(`SELECT DISTINCT coalesce(end_reason, 'none') AS v FROM episodes ORDER BY 1`);
    const statuses = await distinct(`SELECT DISTINCT status AS v FROM episodes ORDER BY 1`);
    const taskIds = await distinct(`SELECT DISTINCT task_id AS v FROM episodes`);
    const corpus = await readCorpusTasks(resolveCorpusPath(corpusPath, runs[0]?.config ?? null, runPath), taskIds);
    const done = await db.rows(`SELECT run_id, group_id, episode_id, reward FROM episodes WHERE status = 'done'`);
    const adv =
      done.length === 0
        ? []
        : groupAdvantages(
            done.map((r) => Number(r.reward)),
            {
              groupIds: done.map((r) => `${String(r.run_id)}\u0000${String(r.group_id)}`),
              scaleRewards: ADVANTAGE_METHOD.method,
              epsilon: ADVANTAGE_METHOD.epsilon,
            },
          );
    const advantages = new Map(done.map((r, i) => [episodeKey(String(r.run_id), String(r.episode_id)), adv[i] as number]));
    return { runs, componentNames, policies, endReasons, statuses, corpus, advantages, successComponent: correctnessComponent(componentNames) };
  });
}

/** Whether an episode counts as a success: its correctness component is ≥ 1, else (no such component) its reward is ≥ 1. */
export function isSuccess(ctx: RunContext, reward: number, correctness: number | null): boolean {
  return ctx.successComponent !== null ? (correctness ?? 0) >= 1 : reward >= 1 - 1e-9;
}
