/** @module The OpenEnv-shaped wire protocol: client messages validated at the boundary, snake_case → camelCase. */
import type { AdhocTaskInput, EpisodeLimits, ResetArgs } from "../episode/index.ts";
import { EnvError } from "../episode/index.ts";

/** A client's request id, echoed in the reply so clients can pipeline. */
export type RequestId = string | number;

/** What a `step` executes: a tool call (arguments an object or a JSON string) or raw model text. */
export type WireAction = { name: string; arguments: Record<string, unknown> | string } | { text: string };

/** Token counts a trainer may report with a step (logged with the trajectory). */
export interface StepTokens {
  prompt: number;
  completion: number;
}

/** A validated client message. `envId` is null for the connection's default episode. */
export type ClientMessage =
  | { type: "reset"; id: RequestId | null; envId: string | null; args: ResetArgs }
  | { type: "step"; id: RequestId | null; envId: string | null; action: WireAction; tokens: StepTokens | null }
  | { type: "state"; id: RequestId | null; envId: string | null }
  | { type: "close"; id: RequestId | null; envId: string | null }
  | { type: "mcp"; id: RequestId | null; envId: null; rpc: McpRequest };

/**
 * An `mcp` message's JSON-RPC 2.0 payload (OpenEnv's `WSMCPMessage.data`): a valid request, or why it
 * is not one (answered with JSON-RPC error -32600 inside an `mcp` reply, as OpenEnv does).
 */
export type McpRequest =
  { ok: true; method: string; params: unknown; rpcId: string | number | null } | { ok: false; message: string; rpcId: string | number | null };

/** The message types a client may send. */
export const CLIENT_MESSAGE_TYPES = ["reset", "step", "state", "close", "mcp"] as const;

/** Top-level fields of a message: OpenEnv's `type` and `data`, plus simweb's request `id`; others are rejected as OpenEnv rejects them. */
export const MESSAGE_KEYS: ReadonlySet<string> = new Set(["type", "data", "id"]);

/** Longest accepted `env_id` and string request `id`. */
export const MAX_ID_CHARS = 128;

/** `episode_id` is OpenEnv's reset field: accepted and not used (simweb names its episodes). */
const RESET_KEYS = new Set(["env_id", "seed", "task_id", "split", "options", "episode_id"]);
const RPC_KEYS = new Set(["jsonrpc", "method", "params", "id"]);
const OPTION_KEYS: Record<string, keyof EpisodeLimits> = {
  max_steps: "maxSteps",
  max_sim_seconds: "maxSimSeconds",
  max_obs_tokens: "maxObsTokens",
};
const TASK_KEYS = new Set(["id", "question", "answers", "gold_urls", "hops", "split", "type", "rubric"]);

/** Where a message failed validation: the error plus whatever ids could be read, for the reply. */
export interface InvalidMessage {
  error: EnvError;
  id: RequestId | null;
  envId: string | null;
}

/**
 * Validates a parsed client message. Throws `InvalidMessageError` (carrying the request id and env_id
 * when they could be read) with code `VALIDATION_ERROR` or `UNKNOWN_TYPE` (as OpenEnv: a missing or
 * unknown `type` is `UNKNOWN_TYPE`; a known type with fields besides `type`, `data`, `id` is
 * `VALIDATION_ERROR`).
 * @example
 * validateClientMessage({ type: "step", id: 3, data: { name: "search", arguments: { query: "x" } } });
 * // → { type: "step", id: 3, envId: null, action: { name: "search", arguments: { query: "x" } }, tokens: null }
 */
export function validateClientMessage(raw: unknown): ClientMessage {
  if (!isPlainObject(raw)) throw invalid("VALIDATION_ERROR", "message must be a JSON object {type, data}", null, null);
  const id = readRequestId(raw.id);
  if (id === undefined) {
    throw invalid("VALIDATION_ERROR", `id must be a string of at most ${MAX_ID_CHARS} characters or a finite number`, null, null);
  }
  const data = raw.data ?? {};
  if (!isPlainObject(data)) throw invalid("VALIDATION_ERROR", "data must be a JSON object", id, null);
  const envId = data.env_id ?? null;
  if (envId !== null && (typeof envId !== "string" || envId === "" || envId.length > MAX_ID_CHARS)) {
    throw invalid("VALIDATION_ERROR", `data.env_id must be a non-empty string of at most ${MAX_ID_CHARS} characters`, id, null);
  }
  const type = raw.type;
  if (typeof type !== "string" || !(CLIENT_MESSAGE_TYPES as readonly string[]).includes(type)) {
    const got = typeof type === "string" ? JSON.stringify(type.slice(0, 40)) : type === undefined ? "none" : `a ${typeof type}`;
    throw new InvalidMessageError({
      error: new EnvError("UNKNOWN_TYPE", `unknown message type ${got}; types are ${CLIENT_MESSAGE_TYPES.join(", ")}`),
      id,
      envId,
    });
  }
  try {
    onlyKeys(raw, MESSAGE_KEYS, "the message");
    switch (type) {
      case "reset":
        return { type, id, envId, args: resetArgs(data) };
      case "step":
        return { type, id, envId, ...stepData(data) };
      case "state":
      case "close":
        onlyKeys(data, new Set(["env_id"]), `data of ${type}`);
        return { type, id, envId };
      case "mcp":
        return { type, id, envId: null, rpc: mcpRequest(data) };
      default:
        throw new EnvError("UNKNOWN_TYPE", `unknown message type ${JSON.stringify(type.slice(0, 40))}; types are ${CLIENT_MESSAGE_TYPES.join(", ")}`);
    }
  } catch (err) {
    if (err instanceof EnvError) throw new InvalidMessageError({ error: err, id, envId });
    throw err;
  }
}

/** Thrown by `validateClientMessage`; `detail` says which request it was. */
export class InvalidMessageError extends EnvError {
  readonly detail: InvalidMessage;
  constructor(detail: InvalidMessage) {
    super(detail.error.code, detail.error.message, { cause: detail.error });
    this.name = "InvalidMessageError";
    this.detail = detail;
  }
}

/**
 * Validates `reset` data (`seed`, `task_id`, `split`, `options`) and maps it to the episode's `ResetArgs`.
 * Options: `max_steps`, `max_sim_seconds`, `max_obs_tokens` and `task` (an ad-hoc task:
 * `{question, answers, id?, gold_urls?, hops?, split?, type?, rubric?}`; it runs and is logged as
 * `adhoc:<id>`, or `adhoc:<content hash>` without an id, never under a corpus task's id).
 */
export function resetArgs(data: Record<string, unknown>): ResetArgs {
  onlyKeys(data, RESET_KEYS, "reset data");
  const args: ResetArgs = {};
  if (data.seed !== undefined && data.seed !== null) {
    if (typeof data.seed !== "number" || !Number.isSafeInteger(data.seed)) throw bad("seed must be an integer");
    args.seed = data.seed;
  }
  if (data.task_id !== undefined && data.task_id !== null) args.taskId = str(data.task_id, "task_id", 512);
  if (data.split !== undefined && data.split !== null) args.split = str(data.split, "split", 128);
  if (data.options !== undefined && data.options !== null) {
    if (!isPlainObject(data.options)) throw bad("options must be an object");
    const options: NonNullable<ResetArgs["options"]> = {};
    for (const [k, v] of Object.entries(data.options)) {
      if (k === "task") {
        options.task = adhocTask(v);
        continue;
      }
      const key = OPTION_KEYS[k];
      if (key === undefined) throw bad(`unknown option ${JSON.stringify(k)}; options are ${[...Object.keys(OPTION_KEYS), "task"].join(", ")}`);
      if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) throw bad(`options.${k} must be a positive number`);
      options[key] = v;
    }
    args.options = options;
  }
  return args;
}

/** Validates `step` data: `{name, arguments}` (or OpenAI's `{function: {name, arguments}}`) or `{text}`, plus `tokens`. */
export function stepData(data: Record<string, unknown>): { action: WireAction; tokens: StepTokens | null } {
  const tokens = data.tokens === undefined || data.tokens === null ? null : stepTokens(data.tokens);
  const fn = isPlainObject(data.function) ? data.function : data;
  if (typeof fn.name === "string") {
    onlyKeys(data, new Set(["env_id", "tokens", "name", "arguments", "function", "type", "id"]), "step data");
    const args = fn.arguments ?? fn.parameters ?? {};
    if (typeof args !== "string" && !isPlainObject(args)) throw bad("step arguments must be an object or a JSON string");
    return { action: { name: fn.name, arguments: args }, tokens };
  }
  if (typeof data.text === "string") {
    onlyKeys(data, new Set(["env_id", "tokens", "text"]), "step data");
    return { action: { text: data.text }, tokens };
  }
  throw bad('step data needs a tool call {"name": ..., "arguments": {...}} or raw model output {"text": "..."}');
}

/** OpenEnv's `JsonRpcRequest` check: `jsonrpc: "2.0"`, a string `method`, optional object `params`, string/int `id`, nothing else. */
function mcpRequest(data: Record<string, unknown>): McpRequest {
  const rpcId = typeof data.id === "string" || (typeof data.id === "number" && Number.isFinite(data.id)) ? data.id : null;
  const fail = (message: string): McpRequest => ({ ok: false, message: `Invalid request: ${message}`, rpcId });
  for (const k of Object.keys(data)) if (!RPC_KEYS.has(k)) return fail(`unknown field ${JSON.stringify(k.slice(0, 40))}`);
  if (data.jsonrpc !== "2.0") return fail('jsonrpc must be "2.0"');
  if (typeof data.method !== "string") return fail("method must be a string");
  if (data.id !== undefined && data.id !== null && rpcId === null) return fail("id must be a string or a number");
  return { ok: true, method: data.method, params: data.params ?? {}, rpcId };
}

function stepTokens(v: unknown): StepTokens {
  if (!isPlainObject(v)) throw bad("tokens must be an object {prompt, completion}");
  const { prompt, completion } = v;
  if (!isCount(prompt) || !isCount(completion)) throw bad("tokens.prompt and tokens.completion must be non-negative integers");
  return { prompt, completion };
}

function adhocTask(v: unknown): AdhocTaskInput {
  if (!isPlainObject(v)) throw bad("options.task must be an object {question, answers, ...}");
  onlyKeys(v, TASK_KEYS, "options.task");
  const question = str(v.question, "options.task.question", 8000);
  if (!Array.isArray(v.answers) || v.answers.length === 0 || v.answers.some((a) => typeof a !== "string")) {
    throw bad("options.task.answers must be a non-empty array of strings");
  }
  const goldUrls = v.gold_urls ?? [];
  if (!Array.isArray(goldUrls) || goldUrls.some((u) => typeof u !== "string")) throw bad("options.task.gold_urls must be an array of strings");
  const hops = v.hops ?? 1;
  if (!isCount(hops)) throw bad("options.task.hops must be a non-negative integer");
  const rubric = v.rubric ?? null;
  if (rubric !== null && typeof rubric !== "string") throw bad("options.task.rubric must be a string");
  const task: AdhocTaskInput = { question, answers: v.answers as string[], goldUrls: goldUrls as string[], hops, rubric };
  if (v.id !== undefined) task.id = str(v.id, "options.task.id", 512);
  if (v.split !== undefined) task.split = str(v.split, "options.task.split", 128);
  if (v.type !== undefined) task.type = str(v.type, "options.task.type", 128);
  return task;
}

function readRequestId(v: unknown): RequestId | null | undefined {
  if (v === undefined || v === null) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "string") return v.length <= MAX_ID_CHARS ? v : undefined;
  return undefined;
}

function onlyKeys(o: Record<string, unknown>, allowed: ReadonlySet<string>, what: string): void {
  for (const k of Object.keys(o)) {
    if (!allowed.has(k)) throw bad(`unknown field ${JSON.stringify(k.slice(0, 40))} in ${what}; allowed: ${[...allowed].join(", ")}`);
  }
}

function str(v: unknown, name: string, max: number): string {
  if (typeof v !== "string" || v === "") throw bad(`${name} must be a non-empty string`);
  if (v.length > max) throw bad(`${name} is longer than ${max} characters`);
  return v;
}

function isCount(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

/** True for a JSON object (not null, not an array). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function bad(message: string): EnvError {
  return new EnvError("VALIDATION_ERROR", message);
}

function invalid(code: "VALIDATION_ERROR", message: string, id: RequestId | null, envId: string | null): InvalidMessageError {
  return new InvalidMessageError({ error: new EnvError(code, message), id, envId });
}
