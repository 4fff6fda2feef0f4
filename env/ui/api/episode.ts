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

const json = (s: unknown, fallback: unknown): unknown => {
  if (s === null || s === undefined) return fallback;
  try {
    return JSON.parse(String(s));
  } catch {
    return fallback;
  }
};
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Loads one episode. */
export async function episodeView(db: RunDb, ctx: RunContext, runId: string, episodeId: string): Promise<EpisodeView> {
  const e = (await db.rows(`SELECT * FROM episodes WHERE run_id = $1 AND episode_id = $2`, [runId, episodeId]))[0];
  if (e === undefined) throw new UiError("NOT_FOUND", `no episode ${JSON.stringify(episodeId)} in run ${JSON.stringify(runId)}`);
  const steps = await db.rows(`SELECT * FROM steps WHERE run_id = $1 AND episode_id = $2 ORDER BY idx`, [runId, episodeId]);
  const comps = await db.rows(`SELECT name, value FROM components WHERE run_id = $1 AND episode_id = $2 ORDER BY name`, [runId, episodeId]);
  const siblings = await db.rows(`SELECT episode_id, sample_idx, reward FROM episodes WHERE run_id = $1 AND group_id = $2 ORDER BY sample_idx, episode_id`, [
    runId,
    String(e.group_id),
  ]);
  const details = json(e.reward_details, {}) as Record<string, unknown>;
  const errors = json(e.reward_errors, {}) as Record<string, unknown>;
  const values = new Map(comps.map((c) => [String(c.name), Number(c.value)]));
  const names = [...new Set([...values.keys(), ...Object.keys(details ?? {}), ...Object.keys(errors ?? {})])].sort();
  const reward = Number(e.reward);
  return {
    runId,
    episodeId,
    taskId: String(e.task_id),
    groupId: String(e.group_id),
    sampleIdx: Number(e.sample_idx),
    policy: String(e.policy),
    seed: Number(e.seed),
    split: str(e.split),
    question: str(e.question),
    promptMessages: json(e.prompt_messages, []) as unknown[],
    reward,
    advantage: ctx.advantages.get(episodeKey(runId, episodeId)) ?? null,
    success: isSuccess(ctx, reward, ctx.successComponent === null ? null : (values.get(ctx.successComponent) ?? null)),
    status: String(e.status),
    error: str(e.error),
    endReason: str(e.end_reason),
    simSeconds: Number(e.sim_seconds),
    wallSeconds: Number(e.wall_seconds),
    tokens: { prompt: num(e.tokens_prompt), completion: num(e.tokens_completion) },
    finalAnswer: str(e.final_answer),
    citations: ((e.citations ?? []) as unknown[]).map(String),
    task: ctx.corpus.tasks.get(String(e.task_id)) ?? null,
    verdicts: names.map((name) => ({ name, value: values.get(name) ?? null, details: details?.[name] ?? null, error: errors?.[name] ?? null })),
    steps: steps.map((s) => ({
      idx: Number(s.idx),
      label: actionLabel(str(s.action), str(s.raw_text)),
      action: json(s.action, null),
      rawText: str(s.raw_text),
      content: str(s.content),
      valid: s.valid === true,
      error: str(s.error),
      observation: String(s.observation),
      urls: ((s.urls ?? []) as unknown[]).map(String),
      simSeconds: Number(s.sim_seconds),
      fault: str(s.fault),
    })),
    siblings: siblings.map((s) => ({ episodeId: String(s.episode_id), sampleIdx: Number(s.sample_idx), reward: Number(s.reward) })),
  };
}
