/** @module Server → client messages: observation, state and error envelopes (snake_case on the wire). */
import { EnvError, type EnvErrorCode, type EpisodeState, type ResetResult, type StepResult } from "../episode/index.ts";
import type { JsonRpcResponse } from "./mcp-bridge.ts";
import type { RequestId } from "./protocol.ts";

/**
 * Observation data with Gymnasium semantics: `done = terminated || truncated`; `reward` is 0 until the
 * episode ends, then the rubric's reward; `info` carries structured fields (urls, reward components...).
 */
export interface ObservationData {
  observation: string;
  reward: number;
  done: boolean;
  terminated: boolean;
  truncated: boolean;
  info: Record<string, unknown>;
  env_id?: string;
}

/** `state()` of an episode on the wire; before the first reset, the fresh state (ids and seed null, counts 0). */
export interface StateData {
  episode_id: string | null;
  seed: number | null;
  task_id: string | null;
  question: string | null;
  step_count: number;
  done: boolean;
  sim_seconds: number;
  obs_tokens: number;
  current_url: string | null;
  search_queries: string[];
  opened_urls: string[];
  end_reason: string | null;
  env_id?: string;
}

/** An error reply's data; `code` is stable and safe to match on. */
export interface ErrorData {
  code: EnvErrorCode;
  message: string;
  /** Seconds to wait before retrying, when waiting can help (`CAPACITY_REACHED`, `CLIENT_LIMIT`, `OVERLOADED`). */
  retry_after?: number;
  env_id?: string;
}

/** A server → client message. `id` echoes the client's request id when it sent one. */
export type ServerMessage =
  | { type: "observation"; id?: RequestId; data: ObservationData }
  | { type: "state"; id?: RequestId; data: StateData }
  | { type: "error"; id?: RequestId; data: ErrorData }
  | { type: "mcp"; id?: RequestId; data: JsonRpcResponse };

/** How replies are shaped on a connection: simweb's (observation a string) or OpenEnv's (observation an object). */
export type WireShape = "simweb" | "openenv";

/**
 * Observation data in OpenEnv's shape (its `serialize_observation`): `observation` is an object
 * `{text, terminated, truncated, info}`, with `reward` (null at reset, as OpenEnv's `ResetResponse`)
 * and `done` beside it.
 */
export interface OpenEnvObservationData {
  observation: { text: string; terminated: boolean; truncated: boolean; info: Record<string, unknown> };
  reward: number | null;
  done: boolean;
  env_id?: string;
}

/** simweb observation data → OpenEnv's shape (`reset` gives reward null). */
export function openEnvObservation(d: ObservationData, reset: boolean): OpenEnvObservationData {
  const out: OpenEnvObservationData = {
    observation: { text: d.observation, terminated: d.terminated, truncated: d.truncated, info: d.info },
    reward: reset ? null : d.reward,
    done: d.done,
  };
  if (d.env_id !== undefined) out.env_id = d.env_id;
  return out;
}

/** Rewrites an observation reply into OpenEnv's shape; other replies pass unchanged. */
export function reshape(
  msg: ServerMessage,
  shape: WireShape,
  reset: boolean,
): ServerMessage | { type: "observation"; id?: RequestId; data: OpenEnvObservationData } {
  if (shape === "simweb" || msg.type !== "observation") return msg;
  return { ...msg, data: openEnvObservation(msg.data, reset) };
}

/** The state of an episode that was never reset (what OpenEnv's `state` answers before `reset`). */
export function freshStateData(): StateData {
  return {
    episode_id: null,
    seed: null,
    task_id: null,
    question: null,
    step_count: 0,
    done: false,
    sim_seconds: 0,
    obs_tokens: 0,
    current_url: null,
    search_queries: [],
    opened_urls: [],
    end_reason: null,
  };
}

/** The reply to `reset`: an observation with reward 0 and done false. */
export function resetReply(r: ResetResult, id: RequestId | null, envId: string | null): ServerMessage {
  const data: ObservationData = { observation: r.observation, reward: 0, done: false, terminated: false, truncated: false, info: r.info };
  return envelope("observation", data, id, envId);
}

/** The reply to `step`. */
export function stepReply(r: StepResult, id: RequestId | null, envId: string | null): ServerMessage {
  return envelope("observation", observationData(r), id, envId);
}

/** Step result → observation data (`done` added). */
export function observationData(r: StepResult): ObservationData {
  return {
    observation: r.observation,
    reward: r.reward,
    done: r.terminated || r.truncated,
    terminated: r.terminated,
    truncated: r.truncated,
    info: r.info,
  };
}

/** The reply to `state` (and `close`, with the final state). */
export function stateReply(s: EpisodeState, id: RequestId | null, envId: string | null): ServerMessage {
  return envelope("state", stateData(s), id, envId);
}

/** Episode state → wire state data. */
export function stateData(s: EpisodeState): StateData {
  return {
    episode_id: s.episodeId,
    seed: s.seed,
    task_id: s.taskId,
    question: s.question,
    step_count: s.stepCount,
    done: s.done,
    sim_seconds: s.simSeconds,
    obs_tokens: s.obsTokens,
    current_url: s.currentUrl,
    search_queries: s.searchQueries,
    opened_urls: s.openedUrls,
    end_reason: s.endReason,
  };
}

/** The reply to `mcp`: the JSON-RPC response as `data`. */
export function mcpReply(r: JsonRpcResponse, id: RequestId | null): ServerMessage {
  return id === null ? { type: "mcp", data: r } : { type: "mcp", id, data: r };
}

/** An error reply. */
export function errorReply(err: EnvError, id: RequestId | null, envId: string | null): ServerMessage {
  const data: ErrorData = { code: err.code, message: err.message };
  if (err.retryAfterSeconds !== undefined) data.retry_after = err.retryAfterSeconds;
  return envelope("error", data, id, envId);
}

/** Any thrown value as an `EnvError`: env errors keep their code, anything else is `EXECUTION_ERROR`. */
export function toEnvError(err: unknown): EnvError {
  if (err instanceof EnvError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new EnvError("EXECUTION_ERROR", `the environment failed: ${message}`, { cause: err });
}

function envelope<T extends Exclude<ServerMessage["type"], "mcp">>(
  type: T,
  data: Extract<ServerMessage, { type: T }>["data"],
  id: RequestId | null,
  envId: string | null,
): ServerMessage {
  if (envId !== null) data.env_id = envId;
  return (id === null ? { type, data } : { type, id, data }) as ServerMessage;
}
