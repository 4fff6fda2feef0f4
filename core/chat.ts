/** @module Chat messages in the OpenAI wire shape, and how one environment step extends a conversation. */
import type { ToolCall } from "./trajectory.ts";

/** An OpenAI `tool_calls[]` entry; `arguments` is a JSON string, as on the wire. */
export interface WireToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

/** One chat message (OpenAI chat-completions shape). */
export type ChatMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: string }
  | { role: "assistant"; content: string | null; tool_calls?: WireToolCall[] }
  | { role: "tool"; tool_call_id: string; content: string };

/** What the agent did in one step, as recorded for rebuilding the conversation. */
export interface StepTurn {
  /** The tool call sent (null for a raw-text action). */
  call: ToolCall | null;
  /** Id of the tool call (null for a raw-text action). */
  callId: string | null;
  /** Raw model text of a text action, or the assistant's text accompanying a tool call. */
  text: string | null;
  /** The environment's reply. */
  observation: string;
}

/**
 * Appends one step to a conversation: a tool-call step becomes an assistant message with `tool_calls`
 * followed by a `tool` message; a text step becomes an assistant message with the raw text followed by a
 * `user` message holding the observation (Search-R1 style). The runner and the exporters share this, so
 * exported conversations are exactly what the policy saw.
 * @example
 * const msgs: ChatMessage[] = [{ role: "user", content: "Question: ..." }];
 * appendTurn(msgs, { call: { name: "search", arguments: { query: "x" } }, callId: "call_0", text: null, observation: "..." });
 */
export function appendTurn(messages: ChatMessage[], turn: StepTurn): void {
  if (turn.call !== null && turn.callId !== null) {
    messages.push({
      role: "assistant",
      content: turn.text,
      tool_calls: [{ id: turn.callId, type: "function", function: { name: turn.call.name, arguments: JSON.stringify(turn.call.arguments) } }],
    });
    messages.push({ role: "tool", tool_call_id: turn.callId, content: turn.observation });
  } else {
    messages.push({ role: "assistant", content: turn.text ?? "" });
    messages.push({ role: "user", content: turn.observation });
  }
}
