import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SimWeb } from "../../env/simweb/index.ts";
import { attachWebSocketServer, type WsServerHandle } from "../../env/ws/index.ts";
import { heapAfterGc, mib } from "../helpers/memory.ts";
import { RawWs } from "../helpers/raw-ws.ts";
import { useTmpDir } from "../helpers/tmp-dir.ts";
import { fuzzFrame, type FuzzFrame } from "../helpers/wire-fuzz.ts";
import { makeWorld } from "../helpers/world.ts";

const SOAK = process.env.SIMWEB_SOAK === "1";
const TIMEOUT = SOAK ? 3_600_000 : 180_000;
const MESSAGES = SOAK ? 200_000 : 10_000;
const CONNS = SOAK ? 8 : 4;
const MAX_PAYLOAD = 128 * 1024;
const MAX_MESSAGE = 48 * 1024;
const KNOWN_CODES = new Set([
  "INVALID_JSON",
  "UNKNOWN_TYPE",
  "VALIDATION_ERROR",
  "RESET_NEEDED",
  "CAPACITY_REACHED",
  "SESSION_ERROR",
  "UNKNOWN_TASK",
  "MESSAGE_TOO_BIG",
]);

const dir = useTmpDir("simweb-wsfuzz-");
let web: SimWeb;
let http: Server;
let ws: WsServerHandle;
let port = 0;
let taskIds: string[] = [];

beforeAll(async () => {
  const world = await makeWorld(dir, 300, 5);
  web = await SimWeb.open(world.db, { faults: "mild" });
  taskIds = web.tasks.list().map((t) => t.id);
  http = createServer((_req, res) => res.writeHead(404).end());
  ws = attachWebSocketServer(http, {
    createEpisode: (id) => web.createEpisode(id),
    maxSessions: 512,
    maxEnvsPerConnection: 16,
    maxPayload: MAX_PAYLOAD,
    maxMessageBytes: MAX_MESSAGE,
    pingIntervalMs: 60_000,
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  port = (http.address() as AddressInfo).port;
});

afterAll(async () => {
  await ws.close();
  http.closeAllConnections();
  await new Promise((r) => http.close(r));
  web.close();
});

/** Tallies of what the fuzzing got back, for the report. */
const tally = { frames: 0, replies: 0, closes: {} as Record<string, number>, codes: {} as Record<string, number>, observations: 0 };

/** What the sender may expect from a frame, decided from its bytes alone. */
function parsed(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function payloadOf(f: FuzzFrame): Buffer {
  if (f.kind === "text") return Buffer.from(f.text, "utf8");
  if (f.kind === "oversize") return Buffer.alloc(f.size, 0x61);
  return Buffer.from(f.bytes);
}

/** Sends one frame on `slot` and checks the server's answer; reconnects after a close. */
async function exchange(conns: (RawWs | null)[], slot: number, f: FuzzFrame): Promise<void> {
  const c = conns[slot] ?? (conns[slot] = await RawWs.open(port));
  const bytes = payloadOf(f);
  c.frame(f.kind === "binary" ? 0x2 : 0x1, bytes);
  tally.frames++;
  const what = `${f.kind} ${JSON.stringify(bytes.subarray(0, 300).toString("utf8"))} (${bytes.length} bytes)`;
  const e = await c.nextEvent(20_000);
  // what the server sees: a lone surrogate in the text went out as U+FFFD
  const msg = f.kind === "text" ? parsed(bytes.toString("utf8")) : null;
  const isClose = msg?.type === "close";
  const dropped = async (code: number | null): Promise<void> => {
    tally.closes[String(code)] = (tally.closes[String(code)] ?? 0) + 1;
    await c.closed;
    conns[slot] = null;
  };
  if (f.kind === "bad-utf8" || f.kind === "oversize" || bytes.length > MAX_PAYLOAD) {
    expect(e, what).toEqual({ kind: "close", code: f.kind === "bad-utf8" ? 1007 : 1009 });
    return dropped(e.kind === "close" ? e.code : null);
  }
  if (e.kind === "close") {
    // only a valid `close` of a connection that never reset its default episode ends without a reply
    expect(isClose, what).toBe(true);
    expect(e.code, what).toBe(1000);
    return dropped(e.code);
  }
  tally.replies++;
  const reply = JSON.parse(e.text) as { type: string; id?: unknown; data: Record<string, unknown> };
  expect(["observation", "state", "error"], what).toContain(reply.type);
  if (reply.id !== undefined) expect(reply.id, what).toEqual(msg?.id);
  if (reply.type === "error") {
    const code = String(reply.data.code);
    tally.codes[code] = (tally.codes[code] ?? 0) + 1;
    expect(KNOWN_CODES.has(code), `${code} ${String(reply.data.message)} for ${what}`).toBe(true);
    expect(typeof reply.data.message === "string" && reply.data.message.length > 0, what).toBe(true);
  } else if (reply.type === "observation") {
    tally.observations++;
    const d = reply.data;
    expect(typeof d.observation, what).toBe("string");
    expect(Number.isFinite(d.reward), what).toBe(true);
    expect(d.done, what).toBe(d.terminated === true || d.truncated === true);
  }
  const data = msg?.data as Record<string, unknown> | undefined;
  if (isClose && reply.type === "state" && reply.data.env_id === undefined && (data?.env_id ?? null) === null) {
    const after = await c.nextEvent(10_000);
    expect(after, what).toEqual({ kind: "close", code: 1000 });
    return dropped(1000);
  }
}

async function closeAll(conns: (RawWs | null)[]): Promise<void> {
  await Promise.all(
    conns.map(async (c) => {
      if (c === null) return;
      c.frame(0x8, Buffer.from([0x03, 0xe8]));
      await c.closed;
    }),
  );
  conns.fill(null);
}

async function wellFormedEpisode(): Promise<{ reward: number; done: boolean; steps: number }> {
  const c = await RawWs.open(port);
  const ask = async (m: unknown): Promise<Record<string, unknown>> => {
    c.text(JSON.stringify(m));
    return JSON.parse((await c.nextText()) ?? "null") as Record<string, unknown>;
  };
  const r = (await ask({ type: "reset", id: 1, data: { task_id: taskIds[0], seed: 3 } })) as { type: string; data: { info: { question: string } } };
  expect(r.type).toBe("observation");
  const s = (await ask({ type: "step", id: 2, data: { name: "search", arguments: { query: r.data.info.question } } })) as { type: string };
  expect(s.type).toBe("observation");
  const a = (await ask({ type: "step", id: 3, data: { name: "answer", arguments: { answer: "x" } } })) as { data: { reward: number; done: boolean } };
  const st = (await ask({ type: "state", id: 4 })) as { data: { step_count: number } };
  c.frame(0x8, Buffer.from([0x03, 0xe8]));
  await c.closed;
  return { reward: a.data.reward, done: a.data.done, steps: st.data.step_count };
}

describe("attachWebSocketServer() under fuzzing", () => {
  it(
    `answers ${MESSAGES} random and mutated frames with a known reply or close code, then works and returns to baseline`,
    async () => {
      expect((await wellFormedEpisode()).done).toBe(true);
      const conns: (RawWs | null)[] = Array.from({ length: CONNS }, () => null);
      let peakHeap = 0;
      let run = 0;
      const round = (messages: number, seed: number): Promise<void> =>
        fc.assert(
          fc.asyncProperty(
            fc.array(fuzzFrame({ taskIds, hugeMax: 80_000, maxPayload: MAX_PAYLOAD }), { minLength: CONNS, maxLength: CONNS }),
            async (frames) => {
              await Promise.all(frames.map((f, i) => exchange(conns, i, f)));
              if (++run % 250 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
            },
          ),
          { numRuns: Math.ceil(messages / CONNS), seed, endOnFailure: true },
        );
      // a warm-up round fills the caches (search results, page views); the baseline is taken after it
      await round(2_000, 1);
      await closeAll(conns);
      const baseline = await heapAfterGc();
      const rssBefore = process.memoryUsage().rss;
      tally.frames = 0;
      await round(MESSAGES, 20_260_731);
      expect(tally.frames).toBeGreaterThanOrEqual(MESSAGES);
      await closeAll(conns);
      await expect.poll(() => ws.stats().activeConnections, { timeout: 10_000 }).toBe(0);
      expect(ws.stats().activeSessions).toBe(0);
      const stats = ws.stats();
      expect(stats.errorsTotal.EXECUTION_ERROR ?? 0).toBe(0);

      // a well-formed session still works
      const ep = await wellFormedEpisode();
      expect(ep).toMatchObject({ done: true, steps: 2 });
      const after = await heapAfterGc();
      const report = {
        frames: tally.frames,
        replies: tally.replies,
        observations: tally.observations,
        closes: tally.closes,
        errorCodes: tally.codes,
        heapBaselineMiB: mib(baseline),
        heapAfterMiB: mib(after),
        heapPeakMiB: mib(peakHeap),
        rssBeforeMiB: mib(rssBefore),
        rssAfterMiB: mib(process.memoryUsage().rss),
      };
      console.log(`[reliability] ws fuzz ${JSON.stringify(report)}`);
      expect(after - baseline).toBeLessThan(24 * 1024 * 1024);
    },
    TIMEOUT,
  );

  it("closes with 1002 on every framing violation, and the server stays up", async () => {
    const cases: [string, (c: RawWs) => void, number][] = [
      ["RSV1 without an extension", (c) => c.frame(0x1, Buffer.from("{}"), { rsv: 4 }), 1002],
      ["reserved opcode 0x3", (c) => c.frame(0x3, Buffer.from("x")), 1002],
      ["reserved control opcode 0xB", (c) => c.frame(0xb, Buffer.alloc(0)), 1002],
      ["unmasked client frame", (c) => c.frame(0x1, Buffer.from('{"type":"state"}'), { mask: false }), 1002],
      ["continuation without a start", (c) => c.frame(0x0, Buffer.from("x")), 1002],
      ["fragmented ping", (c) => c.frame(0x9, Buffer.from("x"), { fin: false }), 1002],
      ["ping payload above 125 bytes", (c) => c.frame(0x9, Buffer.alloc(126)), 1002],
      ["close code 1005 on the wire", (c) => c.frame(0x8, Buffer.from([0x03, 0xed])), 1002],
      ["close with a 1-byte payload", (c) => c.frame(0x8, Buffer.from([0x03])), 1002],
      ["new text frame inside a fragmented message", (c) => (c.frame(0x1, Buffer.from("{"), { fin: false }), c.frame(0x1, Buffer.from("}"))), 1002],
      [
        "fragments adding up above maxPayload",
        (c) => {
          for (let i = 0; i < 3; i++) c.frame(i === 0 ? 0x1 : 0x0, Buffer.alloc(MAX_PAYLOAD / 2, 0x20), { fin: false });
        },
        1009,
      ],
    ];
    for (const [name, send, code] of cases) {
      const c = await RawWs.open(port);
      send(c);
      const e = await c.nextEvent(10_000);
      expect(e, name).toEqual({ kind: "close", code });
      await c.closed;
    }
    // a fragmented, valid message is reassembled and answered
    const c = await RawWs.open(port);
    c.frame(0x1, Buffer.from('{"type":"st'), { fin: false });
    c.frame(0x9, Buffer.from("ping in between"));
    c.frame(0x0, Buffer.from('ate","id":7}'));
    expect(JSON.parse((await c.nextText()) ?? "null")).toMatchObject({ type: "state", id: 7, data: { step_count: 0 } });
    c.frame(0x8, Buffer.from([0x03, 0xe8]));
    await c.closed;
    await expect.poll(() => ws.stats().activeSessions).toBe(0);
    expect((await wellFormedEpisode()).done).toBe(true);
  });
});
