/** @module `GET /ui/api/group?run=&id=`: the G rollouts of one task side by side, and where their actions diverged. */
import { actionLabel } from "../action-label.ts";
import type { TaskMeta } from "../corpus-tasks.ts";
import { actionKey, firstDivergence, type Divergence } from "../divergence.ts";
import { UiError } from "../errors.ts";
import type { RunDb } from "../run-store.ts";
import { episodeKey, isSuccess, type RunContext } from "./run-context.ts";

/** One step of a rollout, as the group table shows it. */
export interface GroupStep {
  idx: number;
  label: string;
  valid: boolean;
  error: string | null;
}

/** One rollout of the group. */
export interface GroupRollout {
  episodeId: string;
  sampleIdx: number;
  policy: string;
  status: string;
  reward: number;
  advantage: number | null;
  success: boolean;
  endReason: string | null;
  finalAnswer: string | null;
  components: Record<string, number>;
  steps: GroupStep[];
}

/** A GRPO group. */
export interface GroupView {
  runId: string;
  groupId: string;
  taskId: string;
  question: string | null;
  task: TaskMeta | null;
  rollouts: GroupRollout[];
  /** First step where the rollouts' actions differ (null: all identical), and each rollout's branch there. */
  divergence: Divergence;
  componentNames: string[];
}

/** Loads one group (all its rollouts, whatever their status) ordered by sample index. */
export async function groupView(db: RunDb, ctx: RunContext, runId: string, groupId: string): Promise<GroupView> {
  const eps = await db.rows(
    `SELECT * EXCLUDE (prompt_messages, reward_details, reward_errors) FROM episodes WHERE run_id = $1 AND group_id = $2 ORDER BY sample_idx, episode_id`,
    [runId, groupId],
  );
  const first = eps[0];
  if (first === undefined) throw new UiError("NOT_FOUND", `no group ${JSON.stringify(groupId)} in run ${JSON.stringify(runId)}`);
  const steps = await db.rows(
    `SELECT s.episode_id, s.idx, s.action, s.raw_text, s.valid, s.error FROM steps s
     JOIN episodes e ON s.run_id = e.run_id AND s.episode_id = e.episode_id
     WHERE e.run_id = $1 AND e.group_id = $2 ORDER BY s.episode_id, s.idx`,
    [runId, groupId],
  );
  const comps = await db.rows(
    `SELECT c.episode_id, c.name, c.value FROM components c JOIN episodes e ON c.run_id = e.run_id AND c.episode_id = e.episode_id
     WHERE e.run_id = $1 AND e.group_id = $2`,
    [runId, groupId],
  );
  const stepsOf = new Map<string, Array<Record<string, unknown>>>();
  for (const s of steps) {
    const id = String(s.episode_id);
    const list = stepsOf.get(id) ?? [];
    list.push(s);
    stepsOf.set(id, list);
  }
  const compsOf = new Map<string, Record<string, number>>();
  const names = new Set<string>();
  for (const c of comps) {
    const rec = compsOf.get(String(c.episode_id)) ?? {};
    rec[String(c.name)] = Number(c.value);
    names.add(String(c.name));
    compsOf.set(String(c.episode_id), rec);
  }
  const rollouts = eps.map((e): GroupRollout => {
    const id = String(e.episode_id);
    const components = compsOf.get(id) ?? {};
    const reward = Number(e.reward);
    return {
      episodeId: id,
      sampleIdx: Number(e.sample_idx),
      policy: String(e.policy),
      status: String(e.status),
      reward,
      advantage: ctx.advantages.get(episodeKey(runId, id)) ?? null,
      success: isSuccess(ctx, reward, ctx.successComponent === null ? null : (components[ctx.successComponent] ?? null)),
      endReason: e.end_reason === null ? null : String(e.end_reason),
      finalAnswer: e.final_answer === null ? null : String(e.final_answer),
      components,
      steps: (stepsOf.get(id) ?? []).map((s) => ({
        idx: Number(s.idx),
        label: actionLabel(nullable(s.action), nullable(s.raw_text)),
        valid: s.valid === true,
        error: nullable(s.error),
      })),
    };
  });
  const keys = eps.map((e) => (stepsOf.get(String(e.episode_id)) ?? []).map((s) => actionKey(nullable(s.action), nullable(s.raw_text))));
  return {
    runId,
    groupId,
    taskId: String(first.task_id),
    question: nullable(first.question),
    task: ctx.corpus.tasks.get(String(first.task_id)) ?? null,
    rollouts,
    divergence: firstDivergence(keys),
    componentNames: [...names].sort(),
  };
}

function nullable(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}
