/**
 * @module OpenEnv's stateless HTTP endpoints (`src/openenv/core/env_server/http_server.py`): each
 * `POST /reset` and `POST /step` runs on a fresh environment that is closed before the answer, as
 * OpenEnv's do (`_env = self._env_factory()` … `finally: _env.close()`); `GET /state` is a fresh state.
 * `/step` on a fresh simweb environment first resets it (seed, task_id, split from the request's extra
 * fields, else the defaults), then runs the action. For episodes that last, use `/ws` or the mirror.
 */
import { EnvError } from "../episode/index.ts";
import type { ClientId, LoadShedder } from "../guard/index.ts";
import { resetAdmission } from "./admission.ts";
import { EpisodeGroup, type EpisodeFactory } from "./episode-group.ts";
import { HTTP_STATUS, type MirrorResponse } from "./http-mirror.ts";
import { DEFAULT_MAX_DEPTH, parseGuardedJson } from "./json-guard.ts";
import { isPlainObject, resetArgs, stepData } from "./protocol.ts";
import { freshStateData, openEnvObservation, toEnvError, type ObservationData } from "./replies.ts";
import type { SessionSlots } from "./session-slots.ts";

/** Options of {@link createOpenEnvHttp}. */
export interface OpenEnvHttpOptions {
  createEpisode: EpisodeFactory;
  /** The shared slot pool: a stateless request holds one slot while it runs. */
  slots: SessionSlots;
  loadShedder?: LoadShedder;
}

/** The stateless endpoints; `handle` answers `POST /reset`, `POST /step`, `GET /state` (paths without prefix). */
export interface OpenEnvHttp {
  handle(path: "/reset" | "/step" | "/state", body: Uint8Array | string | null, client?: ClientId | null): Promise<MirrorResponse>;
}

/** Fields of OpenEnv's `StepRequest` besides `action` (accepted; `timeout_s` and `request_id` are not used). */
const STEP_FIELDS = new Set(["action", "timeout_s", "request_id"]);

/**
 * Creates the stateless endpoints. `POST /reset` `{seed?, episode_id?, task_id?, split?, options?}` →
 * `{observation: {text, terminated, truncated, info}, reward: null, done: false}`; `POST /step`
 * `{action, timeout_s?, request_id?, seed?, task_id?, split?}` → `{observation, reward, done}`;
 * `GET /state` → the fresh state. Errors: `{error: {code, message}}`; an invalid action is 422 as in OpenEnv.
 * @example
 * const oe = createOpenEnvHttp({ createEpisode, slots });
 * await oe.handle("/step", '{"action": {"name": "search", "arguments": {"query": "x"}}}');
 */
export function createOpenEnvHttp(opts: OpenEnvHttpOptions): OpenEnvHttp {
  const admit = resetAdmission(opts.loadShedder) ?? ((): void => undefined);
  const limits = { maxBytes: 256 * 1024, maxDepth: DEFAULT_MAX_DEPTH };
  let counter = 0;

  /** Runs `fn` on a fresh one-episode group holding one slot, then closes it (the episode is logged as closed). */
  const fresh = async <T>(client: ClientId | null, fn: (g: EpisodeGroup) => Promise<T>): Promise<T> => {
    admit();
    const mine = opts.slots.forClient(client);
    mine.acquire();
    const g = new EpisodeGroup({ createEpisode: opts.createEpisode, slots: mine, idPrefix: `openenv-${++counter}`, maxEpisodes: 1, reserved: 1 });
    try {
      return await fn(g);
    } finally {
      await g.dispose();
    }
  };

  const route = async (path: string, body: Record<string, unknown>, client: ClientId | null): Promise<unknown> => {
    switch (path) {
      case "/reset": {
        const args = resetArgs(body);
        return fresh(client, async (g) => {
          const out = await g.handle({ type: "reset", id: null, envId: null, args });
          return openEnvObservation(out.reply?.data as ObservationData, true);
        });
      }
      case "/step": {
        const { action, ...rest } = body;
        const resetFields: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(rest)) if (!STEP_FIELDS.has(k)) resetFields[k] = v;
        if (!isPlainObject(action)) throw new EnvError("VALIDATION_ERROR", 'action must be an object: {"name": ..., "arguments": {...}} or {"text": "..."}');
        let step: ReturnType<typeof stepData>;
        try {
          step = stepData(action);
        } catch (err) {
          throw Object.assign(toEnvError(err), { unprocessable: true });
        }
        const args = resetArgs(resetFields);
        return fresh(client, async (g) => {
          await g.handle({ type: "reset", id: null, envId: null, args });
          const out = await g.handle({ type: "step", id: null, envId: null, ...step });
          return openEnvObservation(out.reply?.data as ObservationData, false);
        });
      }
      default:
        return freshStateData();
    }
  };

  return {
    async handle(path, raw, client = null) {
      try {
        const text = raw === null ? "" : typeof raw === "string" ? raw : Buffer.from(raw).toString("utf8");
        const parsed = text.trim() === "" ? {} : parseGuardedJson(text, limits);
        if (!isPlainObject(parsed)) throw new EnvError("VALIDATION_ERROR", "the request body must be a JSON object");
        return { status: 200, json: await route(path, parsed, client) };
      } catch (err) {
        const e = toEnvError(err);
        const status = (err as { unprocessable?: boolean }).unprocessable === true ? 422 : HTTP_STATUS[e.code];
        const retry = e.retryAfterSeconds ?? (status === 429 || status === 503 ? 1 : undefined);
        const json = { error: { code: e.code, message: e.message } };
        return retry === undefined ? { status, json } : { status, json, headers: { "Retry-After": String(retry) } };
      }
    },
  };
}
