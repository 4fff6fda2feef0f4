/** @module Test harness: a WebSocket session server on a loopback port and a small promise-based client. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import WebSocket, { type ClientOptions } from "ws";
import { attachWebSocketServer, type WsServerHandle, type WsServerOptions } from "../../../env/ws/index.ts";
import { makeEpisodeFactory, type RecordingSink } from "../../helpers/fake-episode-web.ts";

/** A running server. */
export interface TestServer {
  url: string;
  port: number;
  http: Server;
  ws: WsServerHandle;
  sink: RecordingSink;
  created: string[];
  close(): Promise<void>;
}

/** Starts an HTTP server on 127.0.0.1:0 with the WebSocket server attached. */
export async function startServer(opts: Partial<WsServerOptions> & { bigPageChars?: number } = {}): Promise<TestServer> {
  const { createEpisode, sink, created } = makeEpisodeFactory({ bigPageChars: opts.bigPageChars });
  const http = createServer((_req, res) => res.writeHead(404).end());
  const ws = attachWebSocketServer(http, { createEpisode, ...opts });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const port = (http.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/ws`,
    port,
    http,
    ws,
    sink,
    created,
    async close() {
      await ws.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** Any server message, loosely typed for assertions. */

export type Msg = any;

/** A client that queues incoming messages and exposes the close event as a promise. */
export class TestClient {
  readonly ws: WebSocket;
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly inbox: Msg[] = [];
  private readonly waiters: ((m: Msg) => void)[] = [];

  constructor(url: string, opts: ClientOptions = {}) {
    this.ws = new WebSocket(url, opts);
    this.ws.on("message", (data) => {
      const m = JSON.parse(data.toString()) as Msg;
      const w = this.waiters.shift();
      if (w) w(m);
      else this.inbox.push(m);
    });
    this.ws.on("error", () => undefined);
    this.opened = new Promise((resolve, reject) => {
      this.ws.once("open", () => resolve());
      this.ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      this.ws.once("error", reject);
    });
    this.closed = new Promise((resolve) => this.ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /** The next message from the server. */
  next(): Promise<Msg> {
    const m = this.inbox.shift();
    if (m !== undefined) return Promise.resolve(m);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Sends a message (object → JSON, string as is) and waits for the next reply. */
  async request(msg: unknown): Promise<Msg> {
    this.send(msg);
    return this.next();
  }

  /** Sends without waiting. */
  send(msg: unknown): void {
    this.ws.send(typeof msg === "string" ? msg : JSON.stringify(msg));
  }

  close(): void {
    this.ws.close();
  }
}

/** Opens a client and waits for the handshake. */
export async function connect(url: string, opts: ClientOptions = {}): Promise<TestClient> {
  const c = new TestClient(url, opts);
  await c.opened;
  return c;
}

/** Polls `cond` every 10 ms until it holds (fails after `ms`). */
export async function waitFor(cond: () => boolean, ms = 5_000): Promise<void> {
  const end = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}
