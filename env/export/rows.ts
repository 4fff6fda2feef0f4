/** @module Export styles: openai chat rows, hf messages/prompt/completion rows, one row per step (pairs: `pairs.ts`). */
import { appendTurn, type ChatMessage } from "../../core/index.ts";
import { TOOL_SCHEMAS } from "../episode/index.ts";
import { HF_MESSAGES_TYPE, OPENAI_MESSAGES_TYPE, type ColumnSpec, type ExportTable } from "./columns.ts";
import type { LoggedEpisode } from "../trajectory/index.ts";

/** Export styles. */
export const EXPORT_STYLES = ["openai", "hf", "steps", "pairs"] as const;
/** One of `EXPORT_STYLES`. */
export type ExportStyle = (typeof EXPORT_STYLES)[number];

/**
 * The conversation of an episode exactly as the policy saw it: its opening messages, then for each step an
 * assistant message (`tool_calls` with JSON-string arguments, or raw text) and a `tool` (or `user`) reply.
 */
export function conversationOf(e: LoggedEpisode): ChatMessage[] {
  const msgs: ChatMessage[] = e.promptMessages.map((m) => ({ ...m }));
  for (const s of e.steps) {
    const call = s.rawText !== null ? null : s.action;
    appendTurn(msgs, { call, callId: s.callId, text: s.rawText ?? s.content, observation: s.observation });
  }
  return msgs;
}

/** hf form of a message: `tool_calls[].function.arguments` as objects. */
export function hfMessage(m: ChatMessage): Record<string, unknown> {
  if (m.role !== "assistant" || !m.tool_calls) return { ...m };
  return {
    ...m,
    tool_calls: m.tool_calls.map((tc) => ({ ...tc, function: { name: tc.function.name, arguments: parseArgs(tc.function.arguments) } })),
  };
}

function parseArgs(s: string): Record<string, unknown> {
  try {
    const v = JSON.parse(s) as unknown;
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function commonColumns(components: readonly string[]): ColumnSpec[] {
  return [
    { name: "run_id", type: "string" },
    { name: "episode_id", type: "string" },
    { name: "task_id", type: "string" },
    { name: "group_id", type: "string" },
    { name: "sample_idx", type: "int" },
    { name: "policy", type: "string" },
    { name: "split", type: "string" },
    { name: "question", type: "string" },
    { name: "reward", type: "float" },
    ...components.map((c): ColumnSpec => ({ name: `reward_${c}`, type: "float" })),
    { name: "advantage", type: "float" },
    { name: "end_reason", type: "string" },
    { name: "num_steps", type: "int" },
    { name: "final_answer", type: "string" },
    { name: "tokens_prompt", type: "int" },
    { name: "tokens_completion", type: "int" },
    { name: "sim_seconds", type: "float" },
  ];
}

function commonValues(e: LoggedEpisode, advantage: number, components: readonly string[]): Record<string, unknown> {
  const row: Record<string, unknown> = {
    run_id: e.runId,
    episode_id: e.episodeId,
    task_id: e.taskId,
    group_id: e.groupId,
    sample_idx: e.sampleIdx,
    policy: e.policy,
    split: e.split,
    question: e.question,
    reward: e.reward,
  };
  for (const c of components) row[`reward_${c}`] = e.components[c] ?? null;
  return Object.assign(row, {
    advantage,
    end_reason: e.endReason,
    num_steps: e.steps.length,
    final_answer: e.finalAnswer,
    tokens_prompt: e.tokensPrompt,
    tokens_completion: e.tokensCompletion,
    sim_seconds: e.simSeconds,
  });
}

/**
 * Builds the rows of a style. `openai`: `messages` (wire form) and `tools`; `hf`: `messages` with
 * argument objects, `prompt` (the opening messages) and `completion` (the rest), `tools`; `steps`: one row
 * per step with the action's name and JSON arguments, observation, urls, latency and fault.
 */
export function buildTable(style: ExportStyle, episodes: readonly LoggedEpisode[], advantages: readonly number[], components: readonly string[]): ExportTable {
  const common = commonColumns(components);
  const tools: ColumnSpec = { name: "tools", type: "nested", parquetType: "VARCHAR" };
  if (style === "openai") {
    return {
      columns: [...common, { name: "messages", type: "nested", parquetType: OPENAI_MESSAGES_TYPE }, tools],
      rows: episodes.map((e, i) => ({ ...commonValues(e, advantages[i] ?? 0, components), messages: conversationOf(e), tools: TOOL_SCHEMAS })),
    };
  }
  if (style === "hf") {
    const msgCol = (name: string): ColumnSpec => ({ name, type: "nested", parquetType: HF_MESSAGES_TYPE });
    return {
      columns: [...common, msgCol("messages"), msgCol("prompt"), msgCol("completion"), tools],
      rows: episodes.map((e, i) => {
        const messages = conversationOf(e).map(hfMessage);
        const n = e.promptMessages.length;
        return {
          ...commonValues(e, advantages[i] ?? 0, components),
          messages,
          prompt: messages.slice(0, n),
          completion: messages.slice(n),
          tools: TOOL_SCHEMAS,
        };
      }),
    };
  }
  const stepCols: ColumnSpec[] = [
    { name: "step_idx", type: "int" },
    { name: "action_name", type: "string" },
    { name: "arguments", type: "string" },
    { name: "call_id", type: "string" },
    { name: "content", type: "string" },
    { name: "raw_text", type: "string" },
    { name: "valid", type: "bool" },
    { name: "error", type: "string" },
    { name: "observation", type: "string" },
    { name: "urls", type: "nested", parquetType: "VARCHAR[]" },
    { name: "step_sim_seconds", type: "float" },
    { name: "fault", type: "string" },
  ];
  const rows: Array<Record<string, unknown>> = [];
  episodes.forEach((e, i) => {
    const base = commonValues(e, advantages[i] ?? 0, components);
    for (const s of e.steps) {
      rows.push({
        ...base,
        step_idx: s.index,
        action_name: s.action?.name ?? null,
        arguments: s.action ? JSON.stringify(s.action.arguments) : null,
        call_id: s.callId,
        content: s.content,
        raw_text: s.rawText,
        valid: s.valid,
        error: s.error,
        observation: s.observation,
        urls: s.urls,
        step_sim_seconds: s.simSeconds,
        fault: s.fault,
      });
    }
  });
  return { columns: [...common, ...stepCols], rows };
}
