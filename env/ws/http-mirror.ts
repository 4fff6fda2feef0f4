/** @module HTTP mirror of the session protocol for simple clients: POST /reset, /step, /state, /close with a session id. */
import { randomUUID } from "node:crypto";
import { EnvError, type EnvErrorCode } from "../episode/index.ts";
import type { ClientId, LoadShedder } from "../guard/index.ts";
import { resetAdmission } from "./admission.ts";
import { EpisodeGroup, type EpisodeFactory } from "./episode-group.ts";
import { DEFAULT_MAX_DEPTH, parseGuardedJson, type JsonLimits } from "./json-guard.ts";
import { isPlainObject, resetArgs, stepData } from "./protocol.ts";
import { toEnvError, type ServerMessage } from "./replies.ts";
import { SessionSlots } from "./session-slots.ts";
import { StatsCounter, type TransportStats } from "./stats.ts";
import type { WsLog } from "./ws-connection.ts";

/** Options of `createHttpMirror`. */
export interface HttpMirrorOptions {
  createEpisode: EpisodeFactory;
  /** Global capacity (default 256); ignored when `slots` is given. */
  maxSessions?: number;
  /** Share the WebSocket server's pool so both transports count against one capacity (and per-client limits). */
  slots?: SessionSlots;
  /** Admission control: while it sheds, `POST /reset` gets 429 `OVERLOADED` (steps of open sessions go on). */
  loadShedder?: LoadShedder;
  /** A session with no request for this long is closed and its episode logged (default 300,000 ms). */
  idleTimeoutMs?: number;
  /** Largest request body (default 256 KiB) → `MESSAGE_TOO_BIG` (413). */
  maxMessageBytes?: number;
  /** Deepest JSON nesting accepted (default 32). */
  maxJsonDepth?: number;
  log?: WsLog;
}

/** An HTTP answer: status, JSON body and extra headers. Errors are `{error: {code, message}}`; 429 and 503 carry `Retry-After`. */
export interface MirrorResponse {
  status: number;
  json: unknown;
  headers?: Record<string, string>;
}

/** The mirror, for the HTTP server to mount on `POST /reset|/step|/state|/close`. */
export interface HttpMirror {
  /** Paths the mirror answers. */
  readonly paths: readonly string[];
  /**
   * Handles one request: `path` (query ignored) and the raw body (JSON text; empty means `{}`). A new
   * session is charged to `client` (its address and token) for the per-client limits.
   */
  handle(path: string, body: string | Uint8Array | null, client?: ClientId | null): Promise<MirrorResponse>;
  stats(): TransportStats;
  /** Closes every session (each episode logged) and stops the idle timers. */
  close(): Promise<void>;
}

/** HTTP status of each error code. */
export const HTTP_STATUS: Record<EnvErrorCode, number> = {
  INVALID_JSON: 400,
  VALIDATION_ERROR: 400,
  UNKNOWN_TYPE: 404,
  RESET_NEEDED: 409,
  EXECUTION_ERROR: 500,
  CAPACITY_REACHED: 503,
  SESSION_ERROR: 404,
  UNKNOWN_TASK: 404,
  MESSAGE_TOO_BIG: 413,
  UNAUTHORIZED: 401,
  CLIENT_LIMIT: 429,
  OVERLOADED: 429,
};

interface MirrorSession {
  group: EpisodeGroup;
  timer: NodeJS.Timeout;
  tail: Promise<unknown>;
  busy: number;
}

const PATHS = ["/reset", "/step", "/state", "/close"] as const;

/**
 * Creates the HTTP mirror. `POST /reset` `{seed?, task_id?, split?, options?, session_id?}` →
 * `{session_id, observation, info}` (a new session unless `session_id` names one); `POST /step`
 * `{session_id, action, tokens?}` → `{observation, reward, done, terminated, truncated, info}`;
 * `POST /state` `{session_id}` → state; `POST /close` `{session_id}` → `{session_id, closed, state}`.
 * Requests of one session run one at a time, in arrival order.
 * @example
 * const mirror = createHttpMirror({ createEpisode, slots });
 * const { status, json } = await mirror.handle("/reset", '{"seed": 3}');
 */
export function createHttpMirror(opts: HttpMirrorOptions): HttpMirror {
  const slots = opts.slots ?? new SessionSlots(opts.maxSessions ?? 256);
  const idleTimeoutMs = opts.idleTimeoutMs ?? 300_000;
  const limits: JsonLimits = { maxBytes: opts.maxMessageBytes ?? 256 * 1024, maxDepth: opts.maxJsonDepth ?? DEFAULT_MAX_DEPTH };
  const log: WsLog = opts.log ?? (() => undefined);
  const stats = new StatsCounter();
  const sessions = new Map<string, MirrorSession>();
  let closed = false;

  const drop = async (id: string, reason: "client" | "idle" | "shutdown"): Promise<void> => {
    const s = sessions.get(id);
    if (!s) return;
    sessions.delete(id);
    clearTimeout(s.timer);
    stats.activeConnections = sessions.size;
    stats.closedFor(reason);
    await s.tail.catch(() => undefined);
    await s.group.dispose();
  };

  const open = (client: ClientId | null): [string, MirrorSession] => {
    const mine = slots.forClient(client);
    mine.acquire(); // CAPACITY_REACHED or CLIENT_LIMIT
    const id = randomUUID();
    const group = new EpisodeGroup({ createEpisode: opts.createEpisode, slots: mine, idPrefix: `http-${id}`, maxEpisodes: 1, reserved: 1 });
    const timer = setTimeout(() => onIdle(id), idleTimeoutMs);
    timer.unref();
    const s: MirrorSession = { group, timer, tail: Promise.resolve(), busy: 0 };
    sessions.set(id, s);
    stats.activeConnections = sessions.size;
    return [id, s];
  };

  const onIdle = (id: string): void => {
    const s = sessions.get(id);
    if (!s) return;
    if (s.busy > 0) return void s.timer.refresh();
    log({ level: "info", msg: "reaping idle http session", session_id: id });
    void drop(id, "idle").catch((err: Error) => log({ level: "error", msg: "closing episode failed", error: err.message }));
  };

  /** Runs `fn` after the session's previous request. */
  const serial = <T>(s: MirrorSession, fn: () => Promise<T>): Promise<T> => {
    s.timer.refresh();
    s.busy++;
    const run = s.tail.then(fn, fn).finally(() => {
      s.busy--;
      s.timer.refresh();
    });
    s.tail = run.catch(() => undefined);
    return run;
  };

  const admit = resetAdmission(opts.loadShedder) ?? ((): void => undefined);

  const route = async (path: string, body: Record<string, unknown>, client: ClientId | null): Promise<unknown> => {
    const { session_id: sid, ...rest } = body;
    if (sid !== undefined && typeof sid !== "string") throw new EnvError("VALIDATION_ERROR", "session_id must be a string");
    const existing = (): MirrorSession => {
      if (sid === undefined) throw new EnvError("VALIDATION_ERROR", `${path} needs a session_id (from POST /reset)`);
      const s = sessions.get(sid);
      if (!s)
        throw new EnvError(
          "SESSION_ERROR",
          `no session ${JSON.stringify(sid.slice(0, 80))}: it was closed, reaped after ${idleTimeoutMs} ms idle, or never existed`,
        );
      return s;
    };
    switch (path) {
      case "/reset": {
        const args = resetArgs(rest);
        admit();
        const [id, s, created] = sid === undefined ? ([...open(client), true] as const) : ([sid, existing(), false] as const);
        try {
          const out = await serial(s, () => s.group.handle({ type: "reset", id: null, envId: null, args }));
          const data = dataOf(out.reply) as { observation: string; info: unknown };
          return { session_id: id, observation: data.observation, info: data.info };
        } catch (err) {
          if (created) await drop(id, "client");
          throw err;
        }
      }
      case "/step": {
        const s = existing();
        const { action, tokens, ...others } = rest;
        if (Object.keys(others).length > 0)
          throw new EnvError("VALIDATION_ERROR", `unknown field(s) ${Object.keys(others).join(", ")}; /step takes session_id, action, tokens`);
        if (!isPlainObject(action)) throw new EnvError("VALIDATION_ERROR", 'action must be an object: {"name": ..., "arguments": {...}} or {"text": "..."}');
        const step = stepData(tokens === undefined ? action : { ...action, tokens });
        const out = await serial(s, () => s.group.handle({ type: "step", id: null, envId: null, ...step }));
        return dataOf(out.reply);
      }
      case "/state": {
        const s = existing();
        const out = await serial(s, () => s.group.handle({ type: "state", id: null, envId: null }));
        return dataOf(out.reply);
      }
      case "/close": {
        const s = existing();
        const out = await serial(s, () => s.group.handle({ type: "close", id: null, envId: null }));
        await drop(sid as string, "client");
        return { session_id: sid, closed: true, state: out.reply === null ? null : out.reply.data };
      }
      default:
        throw new EnvError("UNKNOWN_TYPE", `no route POST ${path}; routes are ${PATHS.join(", ")}`);
    }
  };

  return {
    paths: PATHS,
    async handle(rawPath, body, client = null) {
      stats.messagesTotal++;
      try {
        if (closed) throw new EnvError("SESSION_ERROR", "the server is shutting down");
        const path = rawPath.split("?")[0] ?? rawPath;
        const text = body === null ? "" : typeof body === "string" ? body : Buffer.from(body).toString("utf8");
        const parsed = text.trim() === "" ? {} : parseGuardedJson(text, limits);
        if (!isPlainObject(parsed)) throw new EnvError("VALIDATION_ERROR", "the request body must be a JSON object");
        return { status: 200, json: await route(path, parsed, client) };
      } catch (err) {
        const e = toEnvError(err);
        stats.error(e.code);
        if (e.code === "EXECUTION_ERROR") log({ level: "error", msg: "http mirror request failed", error: e.message });
        const status = HTTP_STATUS[e.code];
        const retry = e.retryAfterSeconds ?? (status === 429 || status === 503 ? 1 : undefined);
        const json = { error: { code: e.code, message: e.message } };
        return retry === undefined ? { status, json } : { status, json, headers: { "Retry-After": String(retry) } };
      }
    },
    stats: () => stats.snapshot(slots),
    async close() {
      closed = true;
      await Promise.all([...sessions.keys()].map((id) => drop(id, "shutdown")));
    },
  };
}

function dataOf(reply: ServerMessage | null): unknown {
  if (reply === null) throw new EnvError("EXECUTION_ERROR", "no reply");
  return reply.data;
}
