/**
 * @module MCP over streamable HTTP (the SDK's `StreamableHTTPServerTransport`), one episode per MCP
 * session, mounted by `simweb serve` at `/mcp` behind the same Host/Origin/token gate as every route.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import type { Episode } from "../episode/index.ts";
import { McpEpisode } from "./mcp-episode.ts";
import { createMcpServer } from "./mcp-server.ts";

/** Options of {@link createMcpHttpHandler}. */
export interface McpHttpOptions {
  createEpisode: (episodeId: string) => Episode;
  /** Most MCP sessions at once (default 64); over it, `initialize` gets 503 with `Retry-After`. */
  maxSessions?: number;
  /** A session without a request for this long is closed and its episode logged (default 300,000 ms). */
  idleTimeoutMs?: number;
  /** Largest request body (default 256 KiB) → 413. */
  maxBodyBytes?: number;
}

/** The `/mcp` handler with its sessions. */
export interface McpHttpHandler {
  /** Answers a request to `/mcp` (POST messages, GET the notification stream, DELETE ends the session). */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Open MCP sessions. */
  sessions(): number;
  /** Closes every session (their episodes logged). */
  close(): Promise<void>;
}

interface Session {
  transport: StreamableHTTPServerTransport;
  episode: McpEpisode;
  lastSeen: number;
}

function rpcError(res: ServerResponse, status: number, code: number, message: string, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null });
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), ...headers }).end(body);
}

function readJson(req: IncomingMessage, limit: number): Promise<{ ok: true; value: unknown } | { ok: false; status: number; message: string }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) over = true;
      else chunks.push(c);
    });
    req.on("error", () => resolve({ ok: false, status: 400, message: "the request body could not be read" }));
    req.on("end", () => {
      if (over) return resolve({ ok: false, status: 413, message: `the request body is larger than ${limit} bytes` });
      try {
        resolve({ ok: true, value: JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown });
      } catch {
        resolve({ ok: false, status: 400, message: "Parse error: the body is not JSON" });
      }
    });
  });
}

/**
 * Creates the `/mcp` handler. A POST without `Mcp-Session-Id` must be `initialize` and opens a session
 * (its id in the `Mcp-Session-Id` reply header); later requests carry the id; `DELETE` ends it. JSON-RPC
 * errors: unknown session 404, missing session or bad JSON 400, full 503.
 */
export function createMcpHttpHandler(opts: McpHttpOptions): McpHttpHandler {
  const max = opts.maxSessions ?? 64;
  const idleMs = opts.idleTimeoutMs ?? 300_000;
  const limit = opts.maxBodyBytes ?? 256 * 1024;
  const sessions = new Map<string, Session>();
  let opening = 0;

  const drop = async (id: string): Promise<void> => {
    const s = sessions.get(id);
    if (s === undefined) return;
    sessions.delete(id);
    await s.episode.close();
    await s.transport.close();
  };
  const reaper = setInterval(
    () => {
      const now = Date.now();
      for (const [id, s] of sessions) if (now - s.lastSeen > idleMs) void drop(id);
    },
    Math.min(idleMs, 10_000),
  );
  reaper.unref();

  return {
    sessions: () => sessions.size,
    async handle(req, res) {
      const header = req.headers["mcp-session-id"];
      const id = Array.isArray(header) ? header[0] : header;
      let body: unknown;
      if (req.method === "POST") {
        const r = await readJson(req, limit);
        if (!r.ok) return rpcError(res, r.status, r.status === 413 ? -32600 : -32700, r.message);
        body = r.value;
      }
      if (id !== undefined) {
        const s = sessions.get(id);
        if (s === undefined) return rpcError(res, 404, -32001, "Session not found: initialize a new session");
        s.lastSeen = Date.now();
        await s.transport.handleRequest(req, res, body);
        if (req.method === "DELETE") await drop(id);
        return;
      }
      if (req.method !== "POST" || !isInitializeRequest(body)) {
        return rpcError(res, 400, -32000, "Bad Request: no Mcp-Session-Id header; the first request of a session must be initialize");
      }
      if (sessions.size + opening >= max) {
        return rpcError(res, 503, -32000, `server full: ${max} MCP sessions are open; retry later`, { "Retry-After": "1" });
      }
      opening++;
      const sessionId = randomUUID();
      const episode = new McpEpisode(opts.createEpisode, sessionId.slice(0, 8));
      const transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => sessionId,
        enableJsonResponse: true,
        onsessioninitialized: (sid) => void sessions.set(sid, { transport, episode, lastSeen: Date.now() }),
      });
      try {
        await createMcpServer(episode).connect(transport);
        await transport.handleRequest(req, res, body);
      } finally {
        opening--;
      }
    },
    async close() {
      clearInterval(reaper);
      await Promise.all([...sessions.keys()].map(drop));
    },
  };
}
