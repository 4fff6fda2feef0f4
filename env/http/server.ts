/**
 * @module The simweb HTTP server: plain `node:http`, a path → method table, JSON errors with stable
 * codes, the request gate (Host, Origin, optional token) and admission control in front of every
 * route, seeded faults, metrics, and the WebSocket API plus its HTTP mirror. It only answers from the
 * loaded corpus and never opens an outbound connection.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CORPUS_DIGEST_HEADER, REPLICA_HEADER } from "../../core/index.ts";
import type { EpisodeSink } from "../episode/index.ts";
import type { FaultModel } from "../faults/index.ts";
import { GuardError, LoadShedder, presentedToken, RequestGate, tokenCookie, withoutTokenParam, type LoadShedderOptions } from "../guard/index.ts";
import { createMcpHttpHandler, type McpHttpHandler } from "../mcp/index.ts";
import type { SimWeb } from "../simweb/index.ts";
import {
  attachWebSocketServer,
  createHttpMirror,
  createOpenEnvHttp,
  defaultReserve,
  SessionSlots,
  type HttpMirror,
  type WsLog,
  type WsServerHandle,
} from "../ws/index.ts";
import { DEFAULT_MAX_BODY_BYTES, readBody } from "./body.ts";
import { ResponseSink } from "./body-sink.ts";
import { HttpError } from "./errors.ts";
import { HttpMetrics, type Gauge } from "./metrics.ts";
import { openApiDocument } from "./openapi.ts";
import { queryParams } from "./params.ts";
import { errorReply, json, type Reply } from "./reply.ts";
import { RequestFaults } from "./request-faults.ts";
import type { RequestContext, RouteDef, RouteDeps } from "./route.ts";
import { cdxRoutes } from "./route-cdx.ts";
import { exaRoutes } from "./route-exa.ts";
import { metaRoutes } from "./route-meta.ts";
import { openEnvInfoRoutes, openEnvSessionRoutes } from "./route-openenv.ts";
import { pageRoutes } from "./route-pages.ts";
import type { RetrieveOptions } from "./retrieve-options.ts";
import { DEFAULT_MAX_BATCH, retrieveRoutes } from "./route-retrieve.ts";
import { searchRoutes } from "./route-search.ts";
import { serperRoutes } from "./route-serper.ts";

/** Addresses of the viewer's page (where a browser arrives with `?token=`). */
const UI_PAGES = new Set(["/ui", "/ui/", "/ui/index.html"]);

/** Longest request target (path + query) accepted. */
export const MAX_REQUEST_TARGET = 8192;

/** Routes admission control never sheds: monitoring, and the steps of sessions already running. */
export const SHED_EXEMPT: ReadonlySet<string> = new Set(["/healthz", "/health", "/openenv/health", "/metrics", "/step", "/state", "/close"]);

/** Options of {@link createServer}. */
export interface HttpServerOptions {
  /**
   * When set, every route (and the WebSocket upgrade) needs the token (any of them, for a list or a
   * comma-separated string) as `Authorization: Bearer <token>`, `X-API-KEY: <token>` or `?token=<token>`.
   */
  token?: string | readonly string[];
  /** More `Host` names to serve besides loopback names, IP literals and the bound name (`*` for any). */
  allowHosts?: readonly string[];
  /** More browser origins allowed besides loopback and the bound address (`*` for any). */
  allowOrigins?: readonly string[];
  /** Fault model (default: the one the SimWeb was opened with). */
  faults?: FaultModel;
  /** Seed of the fault draws (default 0). */
  faultSeed?: number | string;
  /** Really sleep the simulated latency (default false: only report it in `X-Simweb-Latency-Ms`). */
  realLatency?: boolean;
  /** Largest request body in bytes (default 1 MiB) → 413 `PAYLOAD_TOO_LARGE`. */
  maxBodyBytes?: number;
  /** Most queries / URLs in one batch request (default 10,000; `serve --max-batch`). */
  maxBatch?: number;
  /** How `/retrieve` answers: unit (passage/page), in-band or HTTP faults, peer workers, response-size bound. */
  retrieve?: RetrieveOptions;
  /** Serve the WebSocket API on `/ws` and the HTTP mirror (`POST /reset|/step|/state|/close`) (default true). */
  sessions?: boolean;
  /** Most MCP sessions on `/mcp` (default 64; each holds one episode at a time). */
  maxMcpSessions?: number;
  /** Session capacity shared by WebSocket and mirror sessions (default 256). */
  maxSessions?: number;
  /** Most sessions one remote address may hold (default: `maxSessions` − `defaultReserve(maxSessions)`). */
  maxSessionsPerClient?: number;
  /** Most sessions one token may hold (default: the same as per client with several tokens, else no limit). */
  maxSessionsPerToken?: number;
  /** Most env_ids one WebSocket connection may drive (default 64). */
  maxEnvsPerConnection?: number;
  /** A WebSocket connection that has not reset an episode this long after opening is closed (default 30,000 ms). */
  unusedTimeoutMs?: number;
  /** Admission control thresholds (default: lag ≥ 1 s for two samples, 4,096 requests in flight); false turns it off. */
  shed?: LoadShedderOptions | false;
  /** The corpus digest this replica must serve (`serve --expect-corpus-digest`): another one makes `/healthz` answer 503. */
  expectCorpusDigest?: string;
  /** Where finished episodes are logged (e.g. a trajectory log). */
  episodeSink?: EpisodeSink;
  /** Structured log events (default: none). */
  log?: WsLog;
  /** The run viewer (`createUiHandler`), served under `/ui` (token rules apply). */
  ui?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}

/** A created server. Call `listen` to bind it. */
export interface SimwebHttpServer {
  server: Server;
  metrics: HttpMetrics;
  /** The WebSocket server and HTTP mirror (null with `sessions: false`). */
  ws: WsServerHandle | null;
  mirror: HttpMirror | null;
  /** The MCP endpoint on `/mcp` (null with `sessions: false`). */
  mcp: McpHttpHandler | null;
  /** Every route as `METHOD path`. */
  routes: readonly string[];
  /** Binds `host:port` (default 127.0.0.1; port 0 picks a free one) and resolves the base URL. */
  listen(port: number, host?: string): Promise<{ url: string; host: string; port: number }>;
  /** Stops accepting, closes sessions (episodes logged), waits for in-flight requests (≤ 5 s), then closes sockets. */
  close(): Promise<void>;
}

/**
 * Creates the HTTP server over a loaded web.
 * @example
 * const web = await SimWeb.open("corpus.duckdb", { faults: "mild" });
 * const srv = createServer(web, { faultSeed: 7 });
 * const { url } = await srv.listen(8080); // http://127.0.0.1:8080
 * // curl "$url/search?q=vexa+corp&k=3"
 * process.on("SIGTERM", () => void srv.close());
 */
export function createServer(web: SimWeb, opts: HttpServerOptions = {}): SimwebHttpServer {
  const metrics = new HttpMetrics();
  const faults = new RequestFaults({ model: opts.faults ?? web.faults, seed: opts.faultSeed ?? 0, realLatency: opts.realLatency, metrics });
  const deps: RouteDeps = {
    web,
    faults,
    metrics,
    limits: { maxBodyBytes: opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, maxBatch: opts.maxBatch ?? DEFAULT_MAX_BATCH },
    retrieve: opts.retrieve,
    ...(opts.expectCorpusDigest !== undefined ? { expectCorpusDigest: opts.expectCorpusDigest } : {}),
  };
  const server = createHttpServer({ keepAliveTimeout: 5_000 });
  let listenHost: string | undefined;
  const gate = new RequestGate({
    token: opts.token,
    allowHosts: opts.allowHosts,
    allowOrigins: opts.allowOrigins,
    boundHosts: () => [listenHost, (server.address() as AddressInfo | null)?.address],
  });
  const shedder = opts.shed === false ? null : new LoadShedder(opts.shed);
  let ws: WsServerHandle | null = null;
  let mirror: HttpMirror | null = null;
  let mcp: McpHttpHandler | null = null;
  const defs: RouteDef[] = [
    ...searchRoutes(deps),
    ...retrieveRoutes(deps),
    ...pageRoutes(deps),
    ...serperRoutes(deps),
    ...exaRoutes(deps),
    ...cdxRoutes(deps),
    ...openEnvInfoRoutes(),
  ];
  if (opts.sessions !== false) {
    const max = opts.maxSessions ?? 256;
    const perToken = opts.maxSessionsPerToken ?? ((gate.tokens?.size ?? 0) > 1 ? max - defaultReserve(max) : undefined);
    const slots = new SessionSlots(max, { perAddress: opts.maxSessionsPerClient, perToken });
    const createEpisode = (id: string) => web.createEpisode(id, opts.episodeSink);
    const loadShedder = shedder ?? undefined;
    ws = attachWebSocketServer(server, {
      createEpisode,
      slots,
      gate,
      loadShedder,
      unusedTimeoutMs: opts.unusedTimeoutMs,
      maxEnvsPerConnection: opts.maxEnvsPerConnection,
      log: opts.log,
      identity: web.identity,
    });
    mirror = createHttpMirror({ createEpisode, slots, loadShedder, log: opts.log });
    mcp = createMcpHttpHandler({ createEpisode, maxSessions: opts.maxMcpSessions });
    defs.push(...openEnvSessionRoutes(createOpenEnvHttp({ createEpisode, slots, loadShedder })));
    const m = mirror;
    for (const path of m.paths) {
      defs.push({
        path,
        methods: {
          POST: async (ctx) => {
            const r = await m.handle(path, await ctx.body(), ctx.client);
            return json(r.json, r.status, r.headers);
          },
        },
      });
    }
  }
  const routeNames = (): string[] => [
    ...[...table.values()].flatMap((d) => Object.keys(d.methods).map((m) => `${m} ${d.path}`)),
    ...(mcp === null ? [] : ["POST /mcp", "GET /mcp", "DELETE /mcp"]),
  ];
  const gauges = (): Gauge[] => [...sessionGauges(ws, mirror), ...shedGauges(shedder)];
  defs.push(...metaRoutes(deps, routeNames, gauges, (r) => openApiDocument(r)));
  const table = new Map<string, RouteDef>(defs.map((d) => [d.path, d]));

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const t0 = performance.now();
    // every response, whatever the route or error, names the replica and its corpus (load balancers, clients)
    res.setHeader(REPLICA_HEADER, web.identity.replica);
    res.setHeader(CORPUS_DIGEST_HEADER, web.identity.corpusDigest);
    const out: Record<string, string> = {};
    let label = "unmatched";
    const finish = (r: Reply): void => {
      const observe = (): void => metrics.observe(label, r.status, (performance.now() - t0) / 1000);
      const streaming = send(req, res, r, out);
      if (streaming === null) return observe();
      streaming.then(observe, (err: unknown) => {
        // the status line is gone: all that is left is to cut the connection
        opts.log?.({ level: "error", msg: "streamed response failed", path: label, error: (err as Error)?.stack ?? String(err) });
        res.destroy();
      });
    };
    const fail = (err: unknown): void => {
      if (err instanceof GuardError) err = new HttpError(err.code, err.message, { status: err.status, headers: { ...err.headers } });
      if (!(err instanceof HttpError)) opts.log?.({ level: "error", msg: "request failed", path: label, error: (err as Error)?.stack ?? String(err) });
      finish(errorReply(err instanceof HttpError ? err : new HttpError("INTERNAL_ERROR", "internal error: the request could not be answered", { cause: err })));
    };
    if (shedder !== null) res.once("close", shedder.enter());
    try {
      const target = req.url ?? "/";
      if (target.length > MAX_REQUEST_TARGET) throw new HttpError("URI_TOO_LONG", `the request target is longer than ${MAX_REQUEST_TARGET} characters`);
      const qi = target.indexOf("?");
      const path = qi < 0 ? target : target.slice(0, qi);
      const rawSearch = qi < 0 ? "" : target.slice(qi + 1);
      const ui = opts.ui !== undefined && (path === "/ui" || path.startsWith("/ui/"));
      const client = gate.admit(req, rawSearch, { cookie: ui });
      const search = withoutTokenParam(rawSearch);
      if (ui && gate.tokens !== null && search !== rawSearch && req.method === "GET" && UI_PAGES.has(path)) {
        // a browser opened /ui?token=…: keep the token in the viewer's cookie and drop it from the address bar
        const token = presentedToken(req.headers, rawSearch) as string;
        finish({
          status: 302,
          type: "text/plain",
          body: "",
          headers: { Location: search === "" ? "/ui/" : `/ui/?${search}`, "Set-Cookie": tokenCookie(token) },
        });
        return;
      }
      if (shedder !== null && !SHED_EXEMPT.has(path)) shedder.check();
      if (ui && opts.ui !== undefined) {
        label = "/ui";
        opts.ui(req, res).then((handled) => {
          if (handled) metrics.observe(label, res.statusCode, (performance.now() - t0) / 1000);
          else fail(new HttpError("NOT_FOUND", `no route ${JSON.stringify(path.slice(0, 100))}`));
        }, fail);
        return;
      }
      if (mcp !== null && path === "/mcp") {
        label = "/mcp";
        const m = mcp;
        if (req.method !== "POST" && req.method !== "GET" && req.method !== "DELETE") {
          throw new HttpError("METHOD_NOT_ALLOWED", `${req.method} is not allowed on /mcp; use POST, GET, DELETE`, { headers: { Allow: "POST, GET, DELETE" } });
        }
        m.handle(req, res).then(() => metrics.observe(label, res.statusCode, (performance.now() - t0) / 1000), fail);
        return;
      }
      const def = table.get(path);
      if (def === undefined) throw new HttpError("NOT_FOUND", `no route ${JSON.stringify(path.slice(0, 100))}; see GET /openapi.json`);
      label = path;
      const method = req.method === "HEAD" ? "GET" : (req.method ?? "GET");
      const handler = def.methods[method as "GET" | "POST"];
      if (handler === undefined) {
        const allow = Object.keys(def.methods)
          .flatMap((m) => (m === "GET" ? ["GET", "HEAD"] : [m]))
          .join(", ");
        throw new HttpError("METHOD_NOT_ALLOWED", `${req.method} is not allowed on ${path}; use ${allow}`, { headers: { Allow: allow } });
      }
      const ctx: RequestContext = {
        req,
        method,
        path,
        search,
        client,
        headers: req.headers,
        out,
        body: () => readBody(req, deps.limits.maxBodyBytes),
        query: (allowed) => queryParams(search, allowed),
        fault: (route, key) => faults.apply(route, key, req.headers, out),
        wantsJson: () => /^\s*application\/json/i.test(req.headers.accept ?? ""),
      };
      const r = handler(ctx);
      if (r instanceof Promise) r.then(finish, fail);
      else finish(r);
    } catch (err) {
      fail(err);
    }
  });

  let closing: Promise<void> | null = null;
  return {
    server,
    metrics,
    ws,
    mirror,
    mcp,
    get routes() {
      return routeNames();
    },
    listen(port, host = "127.0.0.1") {
      listenHost = host;
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          const a = server.address() as AddressInfo;
          const h = a.family === "IPv6" ? `[${a.address}]` : a.address;
          resolve({ url: `http://${h}:${a.port}`, host: a.address, port: a.port });
        });
      });
    },
    close() {
      closing ??= (async () => {
        const done = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await Promise.all([ws?.close(), mirror?.close(), mcp?.close()]);
        shedder?.stop();
        const timer = setTimeout(() => server.closeAllConnections(), 5_000);
        timer.unref();
        if (!server.listening) server.closeAllConnections();
        await done;
        clearTimeout(timer);
      })();
      return closing;
    },
  };
}

/**
 * Writes a reply; a streamed body (a `BodyWriter`) goes out chunked and the returned promise settles
 * when it has been written (null for a whole body). Every 429 carries `Retry-After`.
 */
function send(req: IncomingMessage, res: ServerResponse, r: Reply, out: Record<string, string>): Promise<void> | null {
  if (res.headersSent) {
    res.end();
    return null;
  }
  const headers: Record<string, string | number> = { ...out, ...r.headers, "Content-Type": r.type };
  if (r.status === 429 && headers["Retry-After"] === undefined) headers["Retry-After"] = "1";
  const body = r.body;
  if (typeof body === "function") {
    res.writeHead(r.status, headers);
    const sink = new ResponseSink(res);
    return body(sink).then(() => sink.end());
  }
  headers["Content-Length"] = Buffer.byteLength(body);
  res.writeHead(r.status, headers);
  res.end(req.method === "HEAD" ? undefined : body);
  return null;
}

function shedGauges(shedder: LoadShedder | null): Gauge[] {
  if (shedder === null) return [];
  const s = shedder.stats();
  return [
    { name: "simweb_event_loop_lag_seconds", help: "Last event-loop lag sample of admission control.", type: "gauge", value: s.lagMs / 1000 },
    { name: "simweb_overloaded", help: "1 while admission control sheds new work for event-loop lag.", type: "gauge", value: s.overloaded ? 1 : 0 },
    { name: "simweb_requests_in_flight", help: "HTTP requests being answered.", type: "gauge", value: s.inFlight },
    ...(["lag", "in_flight"] as const).map((reason): Gauge => ({
      name: "simweb_shed_total",
      help: "Requests, upgrades and resets refused by admission control (429 OVERLOADED).",
      type: "counter",
      labels: { reason },
      value: s.shedTotal[reason],
    })),
  ];
}

function sessionGauges(ws: WsServerHandle | null, mirror: HttpMirror | null): Gauge[] {
  const out: Gauge[] = [];
  for (const [transport, h] of [
    ["websocket", ws],
    ["http_mirror", mirror],
  ] as const) {
    if (h === null) continue;
    const s = h.stats();
    const labels = { transport };
    out.push(
      { name: "simweb_active_connections", help: "Open WebSocket connections / live HTTP-mirror sessions.", type: "gauge", labels, value: s.activeConnections },
      { name: "simweb_session_messages_total", help: "Session protocol messages handled.", type: "counter", labels, value: s.messagesTotal },
    );
  }
  const s = (ws ?? mirror)?.stats();
  if (s !== undefined) {
    out.push(
      { name: "simweb_active_sessions", help: "Episode slots in use (WebSocket and HTTP mirror together).", type: "gauge", value: s.activeSessions },
      { name: "simweb_max_sessions", help: "Episode slot capacity.", type: "gauge", value: s.maxSessions },
    );
  }
  return out;
}
