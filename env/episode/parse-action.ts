/** @module Validates actions at the boundary: tool calls (object or JSON-string arguments) and raw model text. */
import type { ToolCall } from "../../core/index.ts";
import { findFirstBlock, stripThinkBlocks } from "./text-tags.ts";

/** A validated action. */
export type Action =
  | { name: "search"; query: string; k: number }
  | { name: "open"; url: string | null; id: number | null; loc: number | null; numLines: number | null }
  | { name: "find"; pattern: string }
  | { name: "answer"; answer: string; citations: string[] };

/** Where an action came from: a structured tool call, Search-R1 tags, or a `<tool_call>` block in text. */
export type ActionSource = "tool_call" | "search_r1_tags" | "hermes_tool_call";

/** Result of parsing: the action and the normalised tool call, or why it is invalid. */
export type ParsedAction = { ok: true; action: Action; call: ToolCall; source: ActionSource } | { ok: false; message: string; call: ToolCall | null };

/** Bounds enforced on arguments. */
export const ACTION_LIMITS = { maxQueryChars: 2000, maxK: 50, defaultK: 10, maxPatternChars: 500, maxAnswerChars: 4000, maxCitations: 20, maxNumLines: 500 };

/**
 * Validates a tool call `{name, arguments}` where arguments is an object or a JSON string.
 * @example
 * parseToolCall({ name: "search", arguments: '{"query":"tallest tower"}' });
 * // → { ok: true, action: { name: "search", query: "tallest tower", k: 10 }, ... }
 */
export function parseToolCall(raw: unknown, source: ActionSource = "tool_call"): ParsedAction {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return bad("action must be an object {name, arguments}", null);
  const r = raw as Record<string, unknown>;
  // OpenAI's full tool_call shape {type:"function", function:{name, arguments}} is accepted too
  const fn = r.function && typeof r.function === "object" ? (r.function as Record<string, unknown>) : r;
  const name = fn.name;
  if (typeof name !== "string") return bad("action.name must be a string", null);
  let args: unknown = fn.arguments ?? fn.parameters ?? {};
  if (typeof args === "string") {
    try {
      args = args.trim() === "" ? {} : JSON.parse(args);
    } catch {
      return bad(`arguments of ${name} are not valid JSON`, { name, arguments: {} });
    }
  }
  if (args === null || typeof args !== "object" || Array.isArray(args)) {
    return bad(`arguments of ${name} must be an object`, { name, arguments: {} });
  }
  const a = args as Record<string, unknown>;
  const call: ToolCall = { name, arguments: a };
  const L = ACTION_LIMITS;
  switch (name) {
    case "search": {
      if (typeof a.query !== "string" || a.query.trim() === "") return bad("search needs a non-empty string `query`", call);
      if (a.query.length > L.maxQueryChars) return bad(`search query is longer than ${L.maxQueryChars} characters`, call);
      const k = optInt(a.k, 1, L.maxK);
      if (k === undefined) return bad(`search k must be an integer in [1, ${L.maxK}]`, call);
      return ok({ name, query: a.query, k: k ?? L.defaultK }, call, source);
    }
    case "open": {
      const url = a.url ?? null;
      if (url !== null && (typeof url !== "string" || url === "")) return bad("open url must be a non-empty string", call);
      const id = optInt(a.id, 0, 1_000_000);
      const loc = optInt(a.loc ?? a.cursor_line, 0, 10_000_000);
      const numLines = optInt(a.num_lines, 1, L.maxNumLines);
      if (id === undefined) return bad("open id must be a non-negative integer", call);
      if (loc === undefined) return bad("open loc must be a non-negative integer", call);
      if (numLines === undefined) return bad(`open num_lines must be an integer in [1, ${L.maxNumLines}]`, call);
      if (url === null && id === null && loc === null) return bad("open needs `url` or `id` (or `loc` to scroll the current page)", call);
      return ok({ name, url: url as string | null, id, loc, numLines }, call, source);
    }
    case "find": {
      if (typeof a.pattern !== "string" || a.pattern === "") return bad("find needs a non-empty string `pattern`", call);
      if (a.pattern.length > L.maxPatternChars) return bad(`find pattern is longer than ${L.maxPatternChars} characters`, call);
      return ok({ name, pattern: a.pattern }, call, source);
    }
    case "answer": {
      if (typeof a.answer !== "string") return bad("answer needs a string `answer`", call);
      if (a.answer.length > L.maxAnswerChars) return bad(`answer is longer than ${L.maxAnswerChars} characters`, call);
      const c = a.citations ?? [];
      if (!Array.isArray(c) || c.some((x) => typeof x !== "string") || c.length > L.maxCitations) {
        return bad(`answer citations must be an array of at most ${L.maxCitations} URL strings`, call);
      }
      return ok({ name, answer: a.answer, citations: c as string[] }, call, source);
    }
    default:
      return bad(`unknown tool ${JSON.stringify(name.slice(0, 50))}; tools are search, open, find, answer`, call);
  }
}

const SEARCH_R1_TAGS = ["search", "answer"] as const;
const TOOL_CALL_TAG = ["tool_call"] as const;

/**
 * Parses raw model output: a Qwen/Hermes `<tool_call>{"name":…,"arguments":…}</tool_call>` block, or
 * Search-R1 tags `<search>q</search>` / `<answer>a</answer>` (the first tag wins, as in Search-R1).
 * `<think>…</think>` blocks are ignored. Linear in the text's length whatever its shape (a truncated
 * `<tool_call>` followed by 25,000 newlines included): tags are found by a scan, never a regex.
 * @example
 * parseTextAction("<think>hmm</think><search>capital of France</search>");
 */
export function parseTextAction(text: string): ParsedAction {
  const visible = stripThinkBlocks(text);
  const tc = findFirstBlock(visible, TOOL_CALL_TAG);
  const tag = findFirstBlock(visible, SEARCH_R1_TAGS);
  if (tc && (!tag || tc.index < tag.index)) {
    let obj: unknown;
    try {
      obj = JSON.parse(tc.inner.trim());
    } catch {
      return bad("the <tool_call> block is not valid JSON", null);
    }
    return parseToolCall(obj, "hermes_tool_call");
  }
  if (tag) {
    const kind = tag.name;
    const body = tag.inner.trim();
    return kind === "search"
      ? parseToolCall({ name: "search", arguments: { query: body } }, "search_r1_tags")
      : parseToolCall({ name: "answer", arguments: { answer: body } }, "search_r1_tags");
  }
  return bad('no action found: use <search>query</search>, <answer>answer</answer>, or a <tool_call>{"name": ..., "arguments": ...}</tool_call> block', null);
}

function ok(action: Action, call: ToolCall, source: ActionSource): ParsedAction {
  return { ok: true, action, call, source };
}

function bad(message: string, call: ToolCall | null): ParsedAction {
  return { ok: false, message, call };
}

/** null when absent; undefined when present but invalid. */
function optInt(v: unknown, min: number, max: number): number | null | undefined {
  if (v === undefined || v === null) return null;
  const n = typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
  return typeof n === "number" && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}
