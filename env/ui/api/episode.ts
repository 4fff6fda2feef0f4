/** @module `GET /ui/api/episode?run=&id=`: one episode step by step, with its answer, gold answers and verifier verdicts. */
import { actionLabel } from "../action-label.ts";
import type { TaskMeta } from "../corpus-tasks.ts";
import { UiError } from "../errors.ts";
import type { RunDb } from "../run-store.ts";
import { episodeKey, isSuccess, type RunContext } from "./run-context.ts";
import type { EpisodeMeta } from "../../../core/index.ts";

/** One step as the episode view shows it. */
export interface EpisodeStep {
  idx: number;
  label: string;
  /** The parsed action `{name, arguments}`, or null for an unparseable text action. */
  action: unknown;
  rawText: string | null;
  content: string | null;
  valid: boolean;
  error: string | null;
  /** What the agent saw after the step (browser view text). */
  observation: string;
  urls: string[];
  simSeconds: number;
  fault: string | null;
}

/** A verifier's verdict: its component value, its details and any error it raised. */
export interface Verdict {
  name: string;
  value: number | null;
  details: unknown;
  error: unknown;
}

/** One episode in full. */
export interface EpisodeView extends Omit<EpisodeMeta, "promptMessages"> {
  runId: string;
  promptMessages: unknown[];
  reward: number;
  advantage: number | null;
  success: boolean;
  status: string;
  error: string | null;
  endReason: string | null;
  simSeconds: number;
  wallSeconds: number;
  tokens: { prompt: number | null; completion: number | null };
  finalAnswer: string | null;
  citations: string[];
  task: TaskMeta | null;
  verdicts: Verdict[];
  steps: EpisodeStep[];
  /** The other rollouts of the group, for navigation. */
  siblings: Array<{ episodeId: string; sampleIdx: number; reward: number }>;
}

/** Loads one episode. */
export async function episodeView(db: RunDb, ctx: RunContext, runId: string, episodeId: string): Promise<EpisodeView> {
  const e = await db.log.episode(runId, episodeId);
  if (e === null) throw new UiError("NOT_FOUND", `no episode ${JSON.stringify(episodeId)} in run ${JSON.stringify(runId)}`);
  const siblings = (await db.log.listEpisodes({ run: runId, group: e.groupId }, { offset: 0, limit: 10_000 })).rows;
  const values = new Map(Object.entries(e.components));
  const details = e.rewardDetails;
  const errors = e.rewardErrors;
  const names = [...new Set([...values.keys(), ...Object.keys(details), ...Object.keys(errors)])].sort();
  return {
    runId,
    episodeId,
    taskId: e.taskId,
    groupId: e.groupId,
    sampleIdx: e.sampleIdx,
    policy: e.policy,
    seed: e.seed,
    split: e.split,
    question: e.question,
    promptMessages: e.promptMessages,
    reward: e.reward,
    advantage: ctx.advantages.get(episodeKey(runId, episodeId)) ?? null,
    success: isSuccess(ctx, e.reward, ctx.successComponent === null ? null : (values.get(ctx.successComponent) ?? null)),
    status: e.status,
    error: e.error,
    endReason: e.endReason,
    simSeconds: e.simSeconds,
    wallSeconds: e.wallSeconds,
    tokens: { prompt: e.tokensPrompt, completion: e.tokensCompletion },
    finalAnswer: e.finalAnswer,
    citations: e.citations,
    task: ctx.corpus.tasks.get(e.taskId) ?? null,
    verdicts: names.map((name) => ({ name, value: values.get(name) ?? null, details: details[name] ?? null, error: errors[name] ?? null })),
    steps: e.steps.map((s) => ({
      idx: s.index,
      label: actionLabel(s.action === null ? null : JSON.stringify(s.action), s.rawText),
      action: s.action,
      rawText: s.rawText,
      content: s.content,
      valid: s.valid,
      error: s.error,
      observation: s.observation,
      urls: s.urls,
      simSeconds: s.simSeconds,
      fault: s.fault,
    })),
    siblings: siblings.map((s) => ({ episodeId: s.episodeId, sampleIdx: s.sampleIdx, reward: s.reward })),
  };
}
