/** @module `GET /ui/api/group?run=&id=`: the G rollouts of one task side by side, and where their actions diverged. */
import { actionLabel } from "../action-label.ts";
import type { TaskMeta } from "../corpus-tasks.ts";
import { actionKey, firstDivergence, type Divergence } from "../divergence.ts";
import { UiError } from "../errors.ts";
import type { RunDb } from "../run-store.ts";
import { episodeKey, isSuccess, type RunContext } from "./run-context.ts";
import type { StepAction } from "../../trajectory/index.ts";

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
  const members = await db.log.group(runId, groupId);
  const first = members[0];
  if (first === undefined) throw new UiError("NOT_FOUND", `no group ${JSON.stringify(groupId)} in run ${JSON.stringify(runId)}`);
  const actionJson = (a: StepAction): string | null => (a.action === null ? null : JSON.stringify(a.action));
  const names = new Set<string>();
  const rollouts = members.map((m): GroupRollout => {
    for (const n of Object.keys(m.components)) names.add(n);
    return {
      episodeId: m.episodeId,
      sampleIdx: m.sampleIdx,
      policy: m.policy,
      status: m.status,
      reward: m.reward,
      advantage: ctx.advantages.get(episodeKey(runId, m.episodeId)) ?? null,
      success: isSuccess(ctx, m.reward, ctx.successComponent === null ? null : (m.components[ctx.successComponent] ?? null)),
      endReason: m.endReason,
      finalAnswer: m.finalAnswer,
      components: m.components,
      steps: m.actions.map((a) => ({ idx: a.index, label: actionLabel(actionJson(a), a.rawText), valid: a.valid, error: a.error })),
    };
  });
  const keys = members.map((m) => m.actions.map((a) => actionKey(actionJson(a), a.rawText)));
  return {
    runId,
    groupId,
    taskId: first.taskId,
    question: first.question,
    task: ctx.corpus.tasks.get(first.taskId) ?? null,
    rollouts,
    divergence: firstDivergence(keys),
    componentNames: [...names].sort(),
  };
}
