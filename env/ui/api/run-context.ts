/** @module What every view needs about a log, computed once per open: runs, names, corpus tasks, advantages. */
import { correctnessComponent } from "../../export/index.ts";
import { groupAdvantages } from "../../../verifiers/index.ts";
import { readCorpusTasks, resolveCorpusPath, type CorpusTasks } from "../corpus-tasks.ts";
import type { RunDb } from "../run-store.ts";
import type { LoggedRun, LogSource } from "../../trajectory/index.ts";

/** One run of the log. */
export type RunInfo = LoggedRun;

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
  /** What was read: the log, or the live snapshot of the process writing it. */
  source: LogSource;
}

/** How advantages are computed (shown in the UI). */
export const ADVANTAGE_METHOD = { method: "group", epsilon: 1e-6 } as const;

/** Key of an episode in maps: run id and episode id. */
export const episodeKey = (runId: string, episodeId: string): string => `${runId}\u0000${episodeId}`;

/** Loads (once per open of the file) the run context; `corpusPath` overrides the run's config. */
export function runContext(db: RunDb, runPath: string, corpusPath: string | null | undefined): Promise<RunContext> {
  return db.memo("context", async () => {
    const runs = await db.log.runs();
    const { componentNames, policies, endReasons, statuses, taskIds } = await db.log.choices();
    const corpus = await readCorpusTasks(resolveCorpusPath(corpusPath, runs[0]?.config ?? null, runPath), taskIds);
    const done = await db.log.outcomes({});
    const adv =
      done.length === 0
        ? []
        : groupAdvantages(
            done.map((r) => r.reward),
            {
              groupIds: done.map((r) => `${r.runId}\u0000${r.groupId}`),
              scaleRewards: ADVANTAGE_METHOD.method,
              epsilon: ADVANTAGE_METHOD.epsilon,
            },
          );
    const advantages = new Map(done.map((r, i) => [episodeKey(r.runId, r.episodeId), adv[i] as number]));
    return {
      runs,
      componentNames,
      policies,
      endReasons,
      statuses,
      corpus,
      advantages,
      successComponent: correctnessComponent(componentNames),
      source: db.log.source,
    };
  });
}

/** Whether an episode counts as a success: its correctness component is ≥ 1, else (no such component) its reward is ≥ 1. */
export function isSuccess(ctx: RunContext, reward: number, correctness: number | null): boolean {
  return ctx.successComponent !== null ? (correctness ?? 0) >= 1 : reward >= 1 - 1e-9;
}
