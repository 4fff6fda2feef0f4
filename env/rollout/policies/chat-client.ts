/** @module A minimal OpenAI-compatible chat-completions client: fetch, timeouts, retries with exponential backoff. */
import { setTimeout as sleep } from "node:timers/promises";
import { stream } from "../../../core/index.ts";
import type { ChatMessage, WireToolCall, Rng } from "../../../core/index.ts";
import { RolloutError } from "../errors.ts";

/** Connection settings of an OpenAI-compatible endpoint (OpenAI, vLLM, SGLang...). */
export interface ChatEndpoint {
  /** Base URL including the version prefix, e.g. `http://127.0.0.1:8000/v1`. */
  baseUrl: string;
  model: string;
  /** Bearer token (default: env `OPENAI_API_KEY`; none sent when empty). */
  apiKey?: string;
  /** Per-request timeout (default 120,000 ms). */
  timeoutMs?: number;
  /** Retries after a 429, 5xx, timeout or network error (default 4). */
  retries?: number;
  /** First backoff delay; doubles each retry with seeded jitter, capped at `maxBackoffMs` (defaults 500 / 20,000 ms). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Extra fields merged into every request body (e.g. vLLM's `top_k`). */
  extraBody?: Record<string, unknown>;
}

/** The assistant reply and usage of one completion. */
export interface ChatReply {
  content: string | null;
  toolCalls: WireToolCall[];
  finishReason: string | null;
  usage: { prompt: number; completion: number } | null;
}

/** Request fields beyond model and messages. */
export interface ChatRequest {
  messages: readonly ChatMessage[];
  tools?: readonly unknown[];
  tool_choice?: "auto" | "none" | "required";
  temperature?: number;
  seed?: number;
  stop?: string[];
  max_tokens?: number;
}

/**
 * POSTs `{base}/chat/completions` and returns the first choice. Retries 429/5xx/network errors and
 * timeouts with exponential backoff (honouring `Retry-After` seconds), then throws `HTTP_ERROR` or
 * `TIMEOUT`; other 4xx fail at once with the server's message.
 * @example
 * const r = await chatCompletion({ baseUrl: "http://127.0.0.1:8000/v1", model: "qwen" }, { messages }, stream(1, "x"));
 */
export async function chatCompletion(ep: ChatEndpoint, req: ChatRequest, jitter: Rng = stream(0, "backoff")): Promise<ChatReply> {
  const url = `${ep.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  const key = ep.apiKey ?? process.env.OPENAI_API_KEY ?? "";
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key !== "") headers.authorization = `Bearer ${key}`;
  const body = JSON.stringify({ model: ep.model, ...req, ...(ep.extraBody ?? {}) });
  const retries = ep.retries ?? 4;
  const timeoutMs = ep.timeoutMs ?? 120_000;
  let lastError: RolloutError | null = null;
  for (let attempt = 0; attempt <= retries; attempt++) {
    let retryAfterMs: number | null = null;
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), timeoutMs);
    try {
      const res = await fetch(url, { method: "POST", headers, body, signal: ac.signal });
      const text = await res.text();
      if (res.ok) return parseReply(text, url);
      const msg = `${url} answered HTTP ${res.status}: ${text.slice(0, 300)}`;
      if (res.status !== 429 && res.status < 500) throw new RolloutError("HTTP_ERROR", msg);
      lastError = new RolloutError("HTTP_ERROR", msg);
      const ra = Number(res.headers.get("retry-after"));
      if (Number.isFinite(ra) && ra > 0) retryAfterMs = ra * 1000;
    } catch (err) {
      if (err instanceof RolloutError && lastError !== err) throw err;
      if (ac.signal.aborted) lastError = new RolloutError("TIMEOUT", `${url} did not answer within ${timeoutMs} ms`, { cause: err });
      else if (!(err instanceof RolloutError)) lastError = new RolloutError("HTTP_ERROR", `${url}: ${(err as Error).message}`, { cause: err });
    } finally {
      clearTimeout(timer);
    }
    if (attempt < retries) {
      const base = Math.min(ep.maxBackoffMs ?? 20_000, (ep.backoffMs ?? 500) * 2 ** attempt);
      await sleep(retryAfterMs ?? base * (0.5 + jitter.next() / 2));
    }
  }
  throw new RolloutError(lastError?.code ?? "HTTP_ERROR", `${lastError?.message ?? url} (after ${retries + 1} attempts)`, { cause: lastError });
}

function parseReply(text: string, url: string): ChatReply {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch (err) {
    throw new RolloutError("HTTP_ERROR", `${url} returned invalid JSON: ${text.slice(0, 200)}`, { cause: err });
  }
  const choice = (j as { choices?: unknown[] }).choices?.[0] as { message?: { content?: unknown; tool_calls?: unknown }; finish_reason?: unknown } | undefined;
  if (!choice?.message) throw new RolloutError("HTTP_ERROR", `${url} returned no choices[0].message`);
  const m = choice.message;
  const toolCalls: WireToolCall[] = [];
  if (Array.isArray(m.tool_calls)) {
    for (const [i, tc] of m.tool_calls.entries()) {
      const f = (tc as { function?: { name?: unknown; arguments?: unknown } }).function;
      if (!f || typeof f.name !== "string") continue;
      const id = typeof (tc as { id?: unknown }).id === "string" ? (tc as { id: string }).id : `call_${i}`;
      const args = typeof f.arguments === "string" ? f.arguments : JSON.stringify(f.arguments ?? {});
      toolCalls.push({ id, type: "function", function: { name: f.name, arguments: args } });
    }
  }
  const u = (j as { usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } }).usage;
  return {
    content: typeof m.content === "string" ? m.content : null,
    toolCalls,
    finishReason: typeof choice.finish_reason === "string" ? choice.finish_reason : null,
    usage:
      u && typeof u.prompt_tokens === "number" && typeof u.completion_tokens === "number" ? { prompt: u.prompt_tokens, completion: u.completion_tokens } : null,
  };
}
