/**
 * Issue 21, finding 3: one client could lock everyone out. 256 idle connections (or mirror sessions never
 * closed) filled capacity and every other client got 1013 for up to 300 s. Real sockets on loopback; the
 * second client connects from 127.0.0.2 (Linux routes all of 127/8 to lo).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createServer, type SimwebHttpServer } from "../../env/http/index.ts";
import { SimWeb } from "../../env/simweb/index.ts";
import { rawRequest, type RawResponse } from "../helpers/raw-http.ts";
import { RawWs } from "../helpers/raw-ws.ts";
import { useTmpDir } from "../helpers/tmp-dir.ts";
import { makeWorld } from "../helpers/world.ts";

const dir = useTmpDir("simweb-limits-");
const CAPACITY = 256;
const OTHER = "127.0.0.2";
let web: SimWeb;

beforeAll(async () => {
  const world = await makeWorld(dir, 300, 31);
  web = await SimWeb.open(world.db);
});

afterAll(() => web.close());

/**
 * Opens a connection that never resets (it sends one `step`: RESET_NEEDED when it holds a slot);
 * resolves with the socket, or with the refusal (error data and close code).
 */
async function idle(port: number, localAddress?: string): Promise<{ c: RawWs } | { refusal: { code: string; retry_after?: number }; close: number | null }> {
  const c = await RawWs.open(port, "/ws", {}, localAddress);
  c.autoPong = true;
  c.text(JSON.stringify({ type: "step", data: { text: "x" } }));
  const first = JSON.parse((await c.nextText()) ?? "null") as { data: { code: string; retry_after?: number } } | null;
  if (first?.data.code === "RESET_NEEDED") return { c };
  return { refusal: first?.data ?? { code: "CLOSED" }, close: (await c.closed).code };
}

/** One reset over a real `ws` client from `localAddress`; resolves with the reply type. */
function resetFrom(port: number, localAddress: string, headers: Record<string, string> = {}): Promise<{ type: string; data: { code?: string } }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { localAddress, headers });
    ws.on("error", reject);
    ws.on("open", () => ws.send(JSON.stringify({ type: "reset", data: { seed: 3 } })));
    ws.on("message", (d) => {
      resolve(JSON.parse(String(d)) as { type: string; data: { code?: string } });
      ws.close();
    });
  });
}

const mirrorReset = (port: number, localAddress?: string, headers: Record<string, string> = {}): Promise<RawResponse> =>
  rawRequest(port, {
    method: "POST",
    path: "/reset",
    headers: { "content-type": "application/json", ...headers },
    body: '{"seed": 1}',
    ...(localAddress ? { localAddress } : {}),
  });

describe("per-client limits", () => {
  let srv: SimwebHttpServer;
  let port = 0;
  beforeAll(async () => {
    srv = createServer(web, { maxSessions: CAPACITY });
    ({ port } = await srv.listen(0));
  });
  afterAll(async () => srv.close());

  it(`one address filling a ${CAPACITY}-session server with idle connections leaves room for others`, async () => {
    const t0 = performance.now();
    const held: RawWs[] = [];
    let refusal: { refusal: { code: string; retry_after?: number }; close: number | null } | null = null;
    while (refusal === null && held.length <= CAPACITY) {
      const r = await idle(port);
      if ("c" in r) held.push(r.c);
      else refusal = r;
    }
    const fillMs = performance.now() - t0;
    expect(refusal?.refusal.code).toBe("CLIENT_LIMIT");
    expect(refusal?.refusal.retry_after).toBeGreaterThan(0);
    expect(refusal?.close).toBe(1013);
    const share = held.length;
    expect(share).toBe(CAPACITY - 8);
    // the same address over the HTTP mirror: 429 with Retry-After
    const greedy = await mirrorReset(port);
    expect(greedy.status).toBe(429);
    expect(greedy.code).toBe("CLIENT_LIMIT");
    expect(Number(greedy.headers["retry-after"])).toBeGreaterThan(0);
    // another client still gets in, over WebSocket and over the mirror
    const t1 = performance.now();
    expect((await resetFrom(port, OTHER)).type).toBe("observation");
    const otherMs = performance.now() - t1;
    const m = await mirrorReset(port, OTHER);
    expect(m.status).toBe(200);
    const sid = (JSON.parse(m.body) as { session_id: string }).session_id;
    await rawRequest(port, {
      method: "POST",
      path: "/close",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ session_id: sid }),
      localAddress: OTHER,
    });
    for (const c of held) c.destroy();
    await expect.poll(() => srv.ws?.stats().activeSessions, { timeout: 10_000 }).toBe(0);
    console.log(
      `[reliability] client limit ${JSON.stringify({ capacity: CAPACITY, oneAddressHeld: share, refusedWith: `${refusal?.refusal.code} close ${refusal?.close}`, fillMs: Math.round(fillMs), otherClientResetMs: Math.round(otherMs) })}`,
    );
  }, 120_000);

  it("mirror sessions never closed hit the same per-address limit", async () => {
    const s = createServer(web, { maxSessions: 64, maxSessionsPerClient: 16 });
    const p = (await s.listen(0)).port;
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 17; i++) statuses.push((await mirrorReset(p)).status);
      expect(statuses.slice(0, 16).every((x) => x === 200)).toBe(true);
      expect(statuses[16]).toBe(429);
      expect((await mirrorReset(p, OTHER)).status).toBe(200);
      // WebSocket and mirror sessions of an address count together
      const ws = await idle(p);
      expect("refusal" in ws && ws.refusal.code).toBe("CLIENT_LIMIT");
    } finally {
      await s.close();
    }
  });
});

describe("per-token limits", () => {
  it("with several tokens, one token at its limit does not stop another (even from the same address)", async () => {
    const s = createServer(web, { token: "team-a-key,team-b-key", maxSessions: 32, maxSessionsPerToken: 4 });
    const p = (await s.listen(0)).port;
    try {
      const a = { "x-api-key": "team-a-key" };
      for (let i = 0; i < 4; i++) expect((await mirrorReset(p, undefined, a)).status).toBe(200);
      const over = await mirrorReset(p, undefined, a);
      expect(over.status).toBe(429);
      expect(over.code).toBe("CLIENT_LIMIT");
      expect(over.body).toContain("this token");
      expect(over.headers["retry-after"]).toBeDefined();
      expect((await resetFrom(p, "127.0.0.1", { authorization: "Bearer team-a-key" })).data.code).toBe("CLIENT_LIMIT");
      expect((await resetFrom(p, "127.0.0.1", { authorization: "Bearer team-b-key" })).type).toBe("observation");
      expect((await mirrorReset(p, undefined, { "x-api-key": "team-b-key" })).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});

describe("the no-reset timeout", () => {
  it("closes a connection that never resets, even one that keeps sending messages; a connection that reset stays", async () => {
    const UNUSED_MS = 400;
    const s = createServer(web, { maxSessions: 8, unusedTimeoutMs: UNUSED_MS });
    const p = (await s.listen(0)).port;
    try {
      const active = await RawWs.open(p);
      active.autoPong = true;
      active.text(JSON.stringify({ type: "reset", id: 1, data: { seed: 2 } }));
      expect(JSON.parse((await active.nextText()) ?? "null")).toMatchObject({ type: "observation" });
      const lazy = await RawWs.open(p);
      lazy.autoPong = true;
      const t0 = performance.now();
      // a message every 100 ms (the old idle timer was refreshed by any message, so this kept the slot forever)
      const chatter = setInterval(() => lazy.text(JSON.stringify({ type: "state" })), 100);
      const closed = await lazy.closed;
      clearInterval(chatter);
      const lifeMs = performance.now() - t0;
      expect(closed.code).toBe(1000);
      expect(lifeMs).toBeGreaterThanOrEqual(UNUSED_MS - 50);
      expect(lifeMs).toBeLessThan(UNUSED_MS + 2_000);
      const texts = lazy.frames.filter((f) => f.opcode === 1).map((f) => JSON.parse(f.payload.toString()) as { data: { code: string; message: string } });
      expect(texts.at(-1)?.data.message).toMatch(/no episode reset within 400 ms/);
      // the active connection outlives it and still works
      await new Promise((r) => setTimeout(r, UNUSED_MS));
      active.text(JSON.stringify({ type: "state", id: 2 }));
      expect(JSON.parse((await active.nextText()) ?? "null")).toMatchObject({ type: "state", id: 2 });
      expect(s.ws?.stats().activeSessions).toBe(1);
      expect(s.ws?.stats().closedTotal.idle).toBe(1);
      active.destroy();
      console.log(`[reliability] no-reset timeout ${JSON.stringify({ unusedTimeoutMs: UNUSED_MS, chattyConnectionClosedAfterMs: Math.round(lifeMs) })}`);
    } finally {
      await s.close();
    }
  });
});
