/**
 * @module The WebSocket session server on `/ws`: upgrade checks (Host, Origin, token, load), capacity
 * and per-client limits, heartbeat, the no-reset and idle timeouts, graceful shutdown.
 */
import type { IncomingMessage, Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { CORPUS_DIGEST_HEADER, REPLICA_HEADER, type ReplicaIdentity } from "../../core/index.ts";
import { EnvError } from "../episode/index.ts";
import { GuardError, RequestGate, type ClientId, type LoadShedder } from "../guard/index.ts";
import { resetAdmission } from "./admission.ts";
import { EpisodeGroup, type EpisodeFactory } from "./episode-group.ts";
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from "./protocol-version.ts";
import { DEFAULT_MAX_DEPTH } from "./json-guard.ts";
import type { WireShape } from "./replies.ts";
import { SessionSlots } from "./session-slots.ts";
import { StatsCounter, type TransportStats } from "./stats.ts";
import { WsConnection, type WsLog } from "./ws-connection.ts";

/** Options of `attachWebSocketServer`. Only `createEpisode` is required. */
export interface WsServerOptions {
  /** Makes the episode behind a session (bound to the loaded corpus by the composition root). */
  createEpisode: EpisodeFactory;
  /** Upgrade path (default `/ws`); `?shape=openenv` on it selects OpenEnv's reply shape for the connection. */
  path?: string;
  /** Upgrade path whose connections always get OpenEnv's reply shape (default `/openenv/ws`, for OpenEnv clients' `{base_url}/ws`). */
  openEnvPath?: string;
  /** Global capacity in episodes (default 256); ignored when `slots` is given. */
  maxSessions?: number;
  /** Most sessions one remote address may hold (default: capacity − `defaultReserve`); ignored when `slots` is given. */
  maxSessionsPerClient?: number;
  /** Most sessions one token may hold (default: no limit beyond the capacity); ignored when `slots` is given. */
  maxSessionsPerToken?: number;
  /** A slot pool shared with the HTTP mirror, so both count against one capacity. */
  slots?: SessionSlots;
  /** Most env_ids one connection may drive (default 64). */
  maxEnvsPerConnection?: number;
  /** A connection that sends nothing for this long is closed and its episodes logged (default 300,000 ms). */
  idleTimeoutMs?: number;
  /**
   * A connection that has not reset an episode this long after opening is closed, whatever else it
   * sends (default 30,000 ms, at most `idleTimeoutMs`): idle connections cannot sit on slots.
   */
  unusedTimeoutMs?: number;
  /** Ping period; a peer that has not answered the previous ping is terminated (default 30,000 ms). */
  pingIntervalMs?: number;
  /**
   * Largest frame the server reads (default 1 MiB). A bigger frame makes `ws` close the connection with
   * code 1009 (Message Too Big): no reply is possible, the session ends.
   */
  maxPayload?: number;
  /** Largest message answered normally; bigger ones (up to `maxPayload`) get `MESSAGE_TOO_BIG` (default 256 KiB). */
  maxMessageBytes?: number;
  /** Deepest JSON nesting accepted (default 32). */
  maxJsonDepth?: number;
  /** Above this many unflushed reply bytes, a connection's next message waits for the flush (default 1 MiB). */
  highWaterMark?: number;
  /** Messages queued per connection before reading pauses (default 64). */
  maxQueuedMessages?: number;
  /** How long `close()` waits for a close handshake before dropping a socket (default 5,000 ms). */
  closeTimeoutMs?: number;
  /**
   * When set, the upgrade needs the token (one of them, for a list) as `Authorization: Bearer <token>`,
   * `X-API-KEY: <token>` or `?token=<token>` (else HTTP 401); ignored when `gate` is given.
   */
  token?: string | readonly string[];
  /** More `Host` names to accept (see `HostOriginPolicyOptions`); ignored when `gate` is given. */
  allowHosts?: readonly string[];
  /** More browser origins to accept; ignored when `gate` is given. */
  allowOrigins?: readonly string[];
  /** The Host/Origin/token checks, shared with the HTTP routes (default: one built from the options above). */
  gate?: RequestGate;
  /** Admission control: while it sheds, upgrades get HTTP 429 and `reset`s `OVERLOADED` (default: none). */
  loadShedder?: LoadShedder;
  /** Receives structured log events (default: none). */
  log?: WsLog;
  /** The replica's name and corpus digest, sent on every upgrade response and refusal (`X-Simweb-Replica`, `X-Simweb-Corpus-Digest`). */
  identity?: ReplicaIdentity;
}

/** The running server. */
export interface WsServerHandle {
  /** Counters for `/metrics`. */
  stats(): TransportStats;
  /** Stops accepting, finishes in-flight messages, closes every episode (flushing the log), waits for sockets. */
  close(): Promise<void>;
}

/**
 * Serves Gym-style episodes over WebSocket on an existing HTTP server.
 * @example
 * const server = http.createServer(app);
 * const ws = attachWebSocketServer(server, { createEpisode: (id) => new Episode(deps, id), maxSessions: 512 });
 * server.listen(8080);
 * // client: {"type":"reset","data":{"seed":1}} → {"type":"observation","data":{"observation":"Question: …",…}}
 * process.on("SIGTERM", () => void ws.close().then(() => server.close()));
 */
export function attachWebSocketServer(httpServer: Server, opts: WsServerOptions): WsServerHandle {
  const path = opts.path ?? "/ws";
  const openEnvPath = opts.openEnvPath ?? "/openenv/ws";
  const slots = opts.slots ?? new SessionSlots(opts.maxSessions ?? 256, { perAddress: opts.maxSessionsPerClient, perToken: opts.maxSessionsPerToken });
  const gate =
    opts.gate ??
    new RequestGate({
      token: opts.token,
      allowHosts: opts.allowHosts,
      allowOrigins: opts.allowOrigins,
      boundHosts: () => [(httpServer.address() as AddressInfo | null)?.address],
    });
  const shedder = opts.loadShedder;
  const idleTimeoutMs = opts.idleTimeoutMs ?? 300_000;
  const pingIntervalMs = opts.pingIntervalMs ?? 30_000;
  const maxPayload = opts.maxPayload ?? 1024 * 1024;
  const cfg = {
    idleTimeoutMs,
    unusedTimeoutMs: Math.min(opts.unusedTimeoutMs ?? 30_000, idleTimeoutMs),
    highWaterMark: opts.highWaterMark ?? 1024 * 1024,
    maxQueued: opts.maxQueuedMessages ?? 64,
    closeTimeoutMs: opts.closeTimeoutMs ?? 5_000,
    json: { maxBytes: Math.min(opts.maxMessageBytes ?? 256 * 1024, maxPayload), maxDepth: opts.maxJsonDepth ?? DEFAULT_MAX_DEPTH },
  };
  const log: WsLog = opts.log ?? (() => undefined);
  const stats = new StatsCounter();
  const conns = new Set<WsConnection>();
  const wss = new WebSocketServer({ noServer: true, maxPayload, clientTracking: false, perMessageDeflate: false });
  // every accepted upgrade says which protocol it speaks, so a client can check before its first message
  const idHeaders: Record<string, string> =
    opts.identity === undefined ? {} : { [REPLICA_HEADER]: opts.identity.replica, [CORPUS_DIGEST_HEADER]: opts.identity.corpusDigest };
  const idLines = Object.entries(idHeaders).map(([k, v]) => `${k}: ${v}`);
  // every accepted upgrade says which protocol it speaks (and which replica answered), so a client can check before its first message
  wss.on("headers", (headers) => headers.push(`${PROTOCOL_HEADER}: ${PROTOCOL_VERSION}`, ...idLines));
  let nextConn = 0;
  let closing: Promise<void> | null = null;

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== path && url.pathname !== openEnvPath) {
      // leave other paths to other upgrade listeners; answer 404 when there are none
      if (httpServer.listenerCount("upgrade") === 1)
        refuseUpgrade(socket, 404, "NOT_FOUND", `no WebSocket endpoint at ${url.pathname}; use ${path}`, idHeaders);
      return;
    }
    if (closing !== null) return refuseUpgrade(socket, 503, "SESSION_ERROR", "the server is shutting down", idHeaders);
    let client: ClientId;
    try {
      client = gate.admit(req, url.search.slice(1));
      shedder?.check();
    } catch (err) {
      if (!(err instanceof GuardError)) {
        log({ level: "error", msg: "websocket upgrade check failed", error: (err as Error)?.stack ?? String(err) });
        return void socket.destroy();
      }
      stats.error(err.code);
      if (err.code === "FORBIDDEN_HOST" || err.code === "FORBIDDEN_ORIGIN")
        log({ level: "warn", msg: "websocket upgrade refused", code: err.code, error: err.message });
      return refuseUpgrade(socket, err.status, err.code, err.message, { ...idHeaders, ...err.headers });
    }
    const shape = url.pathname === openEnvPath || url.searchParams.get("shape") === "openenv" ? "openenv" : "simweb";
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, client, shape));
  };

  const admit = resetAdmission(shedder);

  const onConnection = (ws: WebSocket, client: ClientId, shape: WireShape): void => {
    const mine = slots.forClient(client);
    let refusal: EnvError | null = closing === null ? null : new EnvError("SESSION_ERROR", "the server is shutting down");
    if (refusal === null) {
      try {
        mine.acquire();
      } catch (err) {
        refusal = err instanceof EnvError ? err : new EnvError("CAPACITY_REACHED", String(err));
      }
    }
    const group = new EpisodeGroup({
      createEpisode: opts.createEpisode,
      slots: mine,
      idPrefix: `ws-${++nextConn}`,
      maxEpisodes: opts.maxEnvsPerConnection ?? 64,
      reserved: refusal === null ? 1 : 0,
      admit,
    });
    const conn = new WsConnection(ws, group, cfg, stats, log, shape);
    stats.activeConnections++;
    conns.add(conn);
    void conn.finished.then(() => conns.delete(conn));
    if (refusal === null) return;
    if (closing !== null) return conn.refuse("shutdown", refusal, 1001);
    const limit = refusal.code === "CLIENT_LIMIT";
    log({ level: "warn", msg: limit ? "client limit reached" : "capacity reached", maxSessions: slots.max, client: client.address });
    conn.refuse(limit ? "limit" : "capacity", refusal, 1013);
  };

  const heartbeat = setInterval(() => {
    for (const c of conns) {
      if (!c.alive) {
        log({ level: "info", msg: "terminating unresponsive websocket (no pong)" });
        c.terminate("heartbeat");
        continue;
      }
      c.alive = false;
      c.ping();
    }
  }, pingIntervalMs);
  heartbeat.unref();

  httpServer.on("upgrade", onUpgrade);

  return {
    stats: () => stats.snapshot(slots),
    close() {
      closing ??= (async () => {
        httpServer.off("upgrade", onUpgrade);
        clearInterval(heartbeat);
        await Promise.all([...conns].map((c) => c.shutdown("shutdown", 1001, "server shutting down")));
        await new Promise<void>((resolve) => wss.close(() => resolve()));
      })();
      return closing;
    },
  };
}

function refuseUpgrade(socket: Duplex, status: number, code: string, message: string, headers: Readonly<Record<string, string>> = {}): void {
  const body = JSON.stringify({ error: { code, message } });
  const reason = { 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 429: "Too Many Requests", 503: "Service Unavailable" }[status] ?? "Error";
  const extra = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("");
  socket.once("finish", () => socket.destroy());
  socket.on("error", () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\n${extra}` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
