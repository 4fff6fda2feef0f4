/** @module Preference pairs for DPO: per GRPO group, a chosen and a rejected trajectory in TRL's conversational preference format. */
import { TOOL_SCHEMAS } from "../episode/index.ts";
import { HF_MESSAGES_TYPE, type ColumnSpec, type ExportTable } from "./columns.ts";
import { ExportError } from "./errors.ts";
import { conversationOf, hfMessage } from "./rows.ts";
import type { LoggedEpisode } from "../trajectory/index.ts";

/** How pairs are drawn from a group. */
export interface PairOptions {
  /**
   * Unset: one pair per group, its best episode (highest reward, earliest sample on a tie) against its worst
   * (lowest reward, latest sample), when they differ. Set: every pair of episodes whose rewards differ by more
   * than `margin`.
   */
  margin?: number;
}

/** What the pairs table may say about a task beyond the log (from the corpus): its family and hops. */
export type PairTaskInfo = ReadonlyMap<string, { type: string; hops: number }>;

/** A chosen and a rejected episode of one group. */
export interface Pair {
  chosen: LoggedEpisode;
  rejected: LoggedEpisode;
}

const groupKey = (e: LoggedEpisode): string => `${e.runId}\u0000${e.groupId}`;

/**
 * The pairs of `episodes`: grouped by (run, group id), in log order; the chosen reward always exceeds the rejected
 * one (groups whose rewards are all equal give none).
 * @example
 * pairsOf(episodes)               // best vs worst of each group
 * pairsOf(episodes, { margin: 0.5 }) // every pair more than 0.5 apart
 */
export function pairsOf(episodes: readonly LoggedEpisode[], o: PairOptions = {}): Pair[] {
  if (o.margin !== undefined && !(Number.isFinite(o.margin) && o.margin >= 0)) {
    throw new ExportError("BAD_OPTION", `margin must be a number ≥ 0, got ${String(o.margin)}`);
  }
  const groups = new Map<string, LoggedEpisode[]>();
  for (const e of episodes) {
    const list = groups.get(groupKey(e));
    if (list === undefined) groups.set(groupKey(e), [e]);
    else list.push(e);
  }
  const out: Pair[] = [];
  for (const members of groups.values()) {
    const sorted = [...members].sort((a, b) => b.reward - a.reward || a.sampleIdx - b.sampleIdx);
    if (o.margin === undefined) {
      const best = sorted[0];
      const worst = sorted[sorted.length - 1];
      if (best !== undefined && worst !== undefined && best.reward > worst.reward) out.push({ chosen: best, rejected: worst });
      continue;
    }
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const [a, b] = [sorted[i] as LoggedEpisode, sorted[j] as LoggedEpisode];
        if (a.reward - b.reward > o.margin) out.push({ chosen: a, rejected: b });
      }
    }
  }
  return out;
}

/**
 * The `pairs` table, in TRL's conversational preference format with an explicit prompt: `prompt` (the opening
 * messages, shared by the group), `chosen` and `rejected` (each episode's turns after the prompt: assistant tool
 * calls with argument objects, and tool replies), `tools`; then `reward_gap`, both rewards, components and
 * episode ids, and the task's id, split, question (and type and hops when `tasks` knows them).
 */
export function buildPairsTable(pairs: readonly Pair[], components: readonly string[], tasks: PairTaskInfo = new Map()): ExportTable {
  const msgs = (name: string): ColumnSpec => ({ name, type: "nested", parquetType: HF_MESSAGES_TYPE });
  const side = (s: "chosen" | "rejected"): ColumnSpec[] => [
    { name: `${s}_episode_id`, type: "string" },
    { name: `${s}_sample_idx`, type: "int" },
    { name: `${s}_reward`, type: "float" },
    ...components.map((c): ColumnSpec => ({ name: `${s}_reward_${c}`, type: "float" })),
    { name: `${s}_final_answer`, type: "string" },
    { name: `${s}_num_steps`, type: "int" },
  ];
  const columns: ColumnSpec[] = [
    msgs("prompt"),
    msgs("chosen"),
    msgs("rejected"),
    { name: "tools", type: "nested", parquetType: "VARCHAR" },
    { name: "reward_gap", type: "float" },
    { name: "run_id", type: "string" },
    { name: "group_id", type: "string" },
    { name: "task_id", type: "string" },
    { name: "split", type: "string" },
    { name: "question", type: "string" },
    { name: "task_type", type: "string" },
    { name: "task_hops", type: "int" },
    { name: "policy", type: "string" },
    ...side("chosen"),
    ...side("rejected"),
  ];
  const rows = pairs.map(({ chosen, rejected }) => {
    const c = conversationOf(chosen).map(hfMessage);
    const r = conversationOf(rejected).map(hfMessage);
    const n = chosen.promptMessages.length;
    const task = tasks.get(chosen.taskId);
    const row: Record<string, unknown> = {
      prompt: c.slice(0, n),
      chosen: c.slice(n),
      rejected: r.slice(rejected.promptMessages.length),
      tools: TOOL_SCHEMAS,
      reward_gap: chosen.reward - rejected.reward,
      run_id: chosen.runId,
      group_id: chosen.groupId,
      task_id: chosen.taskId,
      split: chosen.split,
      question: chosen.question,
      task_type: task?.type ?? null,
      task_hops: task?.hops ?? null,
      policy: chosen.policy,
    };
    for (const [s, e] of [
      ["chosen", chosen],
      ["rejected", rejected],
    ] as const) {
      row[`${s}_episode_id`] = e.episodeId;
      row[`${s}_sample_idx`] = e.sampleIdx;
      row[`${s}_reward`] = e.reward;
      for (const k of components) row[`${s}_reward_${k}`] = e.components[k] ?? null;
      row[`${s}_final_answer`] = e.finalAnswer;
      row[`${s}_num_steps`] = e.steps.length;
    }
    return row;
  });
  return { columns, rows };
}
