import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { LoadShedder } from "../../env/guard/index.ts";
import { SimWeb } from "../../env/simweb/index.ts";
import { attachWebSocketServer, type WsServerHandle } from "../../env/ws/index.ts";
import { heapAfterGc, mib } from "../helpers/memory.ts";
import { RawWs } from "../helpers/raw-ws.ts";
import { useTmpDir } from "../helpers/tmp-dir.ts";
import { makeWorld } from "../helpers/world.ts";

const SOAK = process.env.SIMWEB_SOAK === "1";
const TIMEOUT = SOAK ? 3_600_000 : 180_000;
const SESSIONS = 1_000;
/** CI: every session runs one short episode; soak: sessions keep running episodes for this long. */
const SOAK_MS = SOAK ? 120_000 : 0;
const VANISHING = SOAK ? 1_000 : 300;
/** Heartbeat of the reaping server; the load server pings every 5 s (a busy event loop must not look dead). */
const PING_MS = 300;

const dir = useTmpDir("simweb-wsload-");
let web: SimWeb;
let http: Server;
let ws: WsServerHandle;
let url = "";
/** A second server on the same corpus with a short heartbeat, for the reaping test. */
let reapHttp: Server;
let reapWs: WsServerHandle;
let reapPort = 0;
/** Admission control with its defaults, as a probe only (not attached): the load's event-loop lag and what it would have shed. */
let shedder: LoadShedder;
let tasks: { id: string; question: string }[] = [];

beforeAll(async () => {
  const world = await makeWorld(dir, 300, 9);
  web = await SimWeb.open(world.db);
  tasks = web.tasks.list().map((t) => ({ id: t.id, question: t.question }));
  http = createServer((_req, res) => res.writeHead(404).end());
  shedder = new LoadShedder(); // after the world is built, so its peak lag is the load's
  ws = attachWebSocketServer(http, { createEpisode: (id) => web.createEpisode(id), maxSessions: SESSIONS + 16, pingIntervalMs: 5_000 });
  await new Promise<void>((r) => http.listen({ port: 0, host: "127.0.0.1", backlog: 2048 }, r));
  url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/ws`;
  reapHttp = createServer((_req, res) => res.writeHead(404).end());
  reapWs = attachWebSocketServer(reapHttp, { createEpisode: (id) => web.createEpisode(id), maxSessions: 2 * VANISHING + 16, pingIntervalMs: PING_MS });
  await new Promise<void>((r) => reapHttp.listen({ port: 0, host: "127.0.0.1", backlog: 2048 }, r));
  reapPort = (reapHttp.address() as AddressInfo).port;
});

afterAll(async () => {
  shedder.stop();
  for (const [w, h] of [
    [ws, http],
    [reapWs, reapHttp],
  ] as const) {
    await w.close();
    h.closeAllConnections();
    await new Promise((r) => h.close(r));
  }
  web.close();
});

type Reply = any;

/** A ws client with request/reply by id (pipelining-safe). */
async function client(url: string): Promise<{ ask: (m: Record<string, unknown>) => Promise<Reply>; close: () => Promise<void>; errors: string[] }> {
  const sock = new WebSocket(url);
  const waiting = new Map<number, (r: Reply) => void>();
  const errors: string[] = [];
  let next = 0;
  sock.on("message", (d) => {
    const r = JSON.parse(String(d)) as Reply;
    const w = waiting.get(r.id);
    if (w) {
      waiting.delete(r.id);
      w(r);
    } else errors.push(`unsolicited ${String(d).slice(0, 200)}`);
  });
  sock.on("error", (e) => errors.push(e.message));
  sock.on("close", (code) => {
    for (const w of waiting.values()) w({ type: "error", data: { code: `CLOSED_${code}`, message: "connection closed with a request pending" } });
    waiting.clear();
  });
  await new Promise<void>((resolve, reject) => (sock.once("open", resolve), sock.once("error", reject)));
  return {
    errors,
    ask: (m) =>
      new Promise((resolve) => {
        const id = ++next;
        waiting.set(id, resolve);
        sock.send(JSON.stringify({ ...m, id }));
      }),
    close: () => new Promise((resolve) => (sock.once("close", () => resolve()), sock.close(1000))),
  };
}

/** One episode: reset, search the question, open the top result, answer. Returns the error replies. */
async function episode(c: Awaited<ReturnType<typeof client>>, i: number): Promise<string[]> {
  const task = tasks[i % tasks.length] as { id: string; question: string };
  const bad: string[] = [];
  const check = (r: Reply): Reply => (r.type === "error" && bad.push(`${r.data.code}: ${r.data.message}`), r);
  check(await c.ask({ type: "reset", data: { task_id: task.id, seed: i } }));
  const s = check(await c.ask({ type: "step", data: { name: "search", arguments: { query: task.question } } }));
  if ((s.data?.info?.results ?? []).length > 0) check(await c.ask({ type: "step", data: { name: "open", arguments: { id: 1 } } }));
  const a = check(await c.ask({ type: "step", data: { name: "answer", arguments: { answer: "unknown" } } }));
  if (a.data?.done !== true) bad.push(`episode ${i} not done after answer`);
  return bad;
}

async function inBatches<T>(n: number, size: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i += size) out.push(...(await Promise.all(Array.from({ length: Math.min(size, n - i) }, (_, j) => make(i + j)))));
  return out;
}

describe("attachWebSocketServer() under load", () => {
  it(
    `holds ${SESSIONS} concurrent sessions stepping at once without an error, then frees every slot`,
    async () => {
      const heap0 = await heapAfterGc();
      const clients = await inBatches(SESSIONS, 200, () => client(url));
      expect(ws.stats().activeConnections).toBe(SESSIONS);
      expect(ws.stats().activeSessions).toBe(SESSIONS);
      let peakHeap = 0;
      let peakRss = 0;
      let wouldShed = false;
      const sampler = setInterval(() => {
        wouldShed ||= shedder.overloaded;
        const m = process.memoryUsage();
        peakHeap = Math.max(peakHeap, m.heapUsed);
        peakRss = Math.max(peakRss, m.rss);
      }, 50);
      const t0 = performance.now();
      let episodes = 0;
      const problems = (
        await Promise.all(
          clients.map(async (c, i) => {
            const bad: string[] = [];
            let k = 0;
            do {
              bad.push(...(await episode(c, i + k * SESSIONS)));
              episodes++;
              k++;
            } while (performance.now() - t0 < SOAK_MS && bad.length === 0);
            return [...bad, ...c.errors];
          }),
        )
      ).flat();
      const seconds = (performance.now() - t0) / 1000;
      clearInterval(sampler);
      expect(problems.slice(0, 5)).toEqual([]);
      expect(ws.stats().activeSessions).toBe(SESSIONS);
      expect(ws.stats().errorsTotal).toEqual({});
      await Promise.all(clients.map((c) => c.close()));
      await expect.poll(() => ws.stats().activeConnections, { timeout: 10_000 }).toBe(0);
      expect(ws.stats().activeSessions).toBe(0);
      const heapAfter = await heapAfterGc();
      console.log(
        `[reliability] ws load ${JSON.stringify({
          sessions: SESSIONS,
          episodes,
          messages: ws.stats().messagesTotal,
          seconds: Math.round(seconds * 10) / 10,
          heapBeforeMiB: mib(heap0),
          heapPeakMiB: mib(peakHeap),
          rssPeakMiB: mib(peakRss),
          heapAfterMiB: mib(heapAfter),
          eventLoopLagPeakMs: Math.round(shedder.stats().peakLagMs),
          wouldShed,
        })}`,
      );
      // the peak covers 1,000 server sockets + 1,000 client sockets in this one process
      expect(peakHeap).toBeLessThan(heap0 + 512 * 1024 * 1024);
      expect(heapAfter - heap0).toBeLessThan(32 * 1024 * 1024);
    },
    TIMEOUT,
  );

  it(
    `reaps ${VANISHING} clients that stop answering pings and ${VANISHING} that drop TCP without a close frame`,
    async () => {
      const start = (autoPong: boolean) => async (): Promise<RawWs> => {
        const c = await RawWs.open(reapPort);
        c.autoClose = false;
        c.autoPong = autoPong;
        c.text(JSON.stringify({ type: "reset", id: 1, data: { seed: 1 } }));
        expect(JSON.parse((await c.nextText()) ?? "null")).toMatchObject({ type: "observation" });
        return c;
      };
      // silent peers keep their TCP connection open and never answer a ping: the heartbeat terminates them
      const silent = await inBatches(VANISHING, 100, start(false));
      const dropped = await inBatches(VANISHING, 100, start(true));
      for (const c of dropped) c.destroy();
      await expect.poll(() => reapWs.stats().activeSessions, { timeout: 20 * PING_MS + 10_000, interval: 50 }).toBe(0);
      expect(reapWs.stats().activeConnections).toBe(0);
      // a dropped peer may be reaped by the heartbeat before its FIN is read: count both together
      const closed = reapWs.stats().closedTotal;
      expect(closed.heartbeat).toBeGreaterThanOrEqual(VANISHING);
      expect(closed.heartbeat + closed.client).toBe(2 * VANISHING);
      await Promise.all(silent.map((c) => c.closed));
      // the server still serves
      const c = await client(`ws://127.0.0.1:${reapPort}/ws`);
      expect(await episode(c, 0)).toEqual([]);
      await c.close();
    },
    TIMEOUT,
  );
});
