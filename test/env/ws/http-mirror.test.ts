import { describe, expect, it } from "vitest";
import { createHttpMirror, SessionSlots } from "../../../env/ws/index.ts";
import { makeEpisodeFactory } from "../../helpers/fake-episode-web.ts";
import { startServer, TestClient } from "./harness.ts";

type Json = any;

describe("createHttpMirror()", () => {
  it("runs an episode over POST /reset, /step, /state, /close", async () => {
    const { createEpisode, sink } = makeEpisodeFactory();
    const m = createHttpMirror({ createEpisode });
    const r = await m.handle("/reset", JSON.stringify({ task_id: "t-beta", seed: 2 }));
    expect(r.status).toBe(200);
    const { session_id: sid, observation, info } = r.json as Json;
    expect(typeof sid).toBe("string");
    expect(observation).toContain("Beta Museum");
    expect(info.task_id).toBe("t-beta");

    const s = await m.handle("/step", JSON.stringify({ session_id: sid, action: { name: "search", arguments: { query: "Beta Museum city" } } }));
    expect(s.json).toMatchObject({ reward: 0, done: false, terminated: false, truncated: false });
    const a = await m.handle("/step", JSON.stringify({ session_id: sid, action: { text: "<answer>Paris</answer>" }, tokens: { prompt: 5, completion: 2 } }));
    expect(a.json).toMatchObject({ reward: 1, done: true, terminated: true });
    expect(((await m.handle("/state", JSON.stringify({ session_id: sid }))).json as Json).step_count).toBe(2);
    const c = await m.handle("/close", JSON.stringify({ session_id: sid }));
    expect(c.json).toMatchObject({ session_id: sid, closed: true, state: { done: true, end_reason: "answer" } });
    expect((await m.handle("/step", JSON.stringify({ session_id: sid, action: { text: "x" } }))).status).toBe(404);
    expect(sink.ends).toHaveLength(1);
    expect(m.stats().activeSessions).toBe(0);
  });

  it("maps errors to status codes with {error: {code, message}}", async () => {
    const { createEpisode } = makeEpisodeFactory();
    const m = createHttpMirror({ createEpisode, maxSessions: 1, maxMessageBytes: 2048 });
    const sid = ((await m.handle("/reset", "")).json as Json).session_id as string;
    const cases: [string, string, number, string][] = [
      ["/step", "{oops", 400, "INVALID_JSON"],
      ["/step", JSON.stringify({ session_id: sid, action: "search" }), 400, "VALIDATION_ERROR"],
      ["/step", JSON.stringify({ session_id: "nope", action: { text: "x" } }), 404, "SESSION_ERROR"],
      ["/step", JSON.stringify({ action: { text: "x" } }), 400, "VALIDATION_ERROR"],
      ["/reset", JSON.stringify({}), 503, "CAPACITY_REACHED"],
      ["/reset", JSON.stringify({ session_id: sid, task_id: "zzz" }), 404, "UNKNOWN_TASK"],
      ["/fly", "{}", 404, "UNKNOWN_TYPE"],
      ["/state", JSON.stringify({ session_id: sid, pad: "x".repeat(3000) }), 413, "MESSAGE_TOO_BIG"],
    ];
    for (const [path, body, status, code] of cases) {
      const r = await m.handle(path, body);
      expect([r.status, (r.json as Json).error.code], `${path} ${body.slice(0, 40)}`).toEqual([status, code]);
    }
    // the session still works after the errors
    expect((await m.handle("/reset", JSON.stringify({ session_id: sid, task_id: "t-alpha" }))).status).toBe(200);
    expect((await m.handle("/step", JSON.stringify({ session_id: sid, action: { name: "answer", arguments: '{"answer":"1987"}' } }))).json).toMatchObject({
      reward: 1,
    });
    const st = m.stats();
    expect(st.errorsTotal).toMatchObject({ INVALID_JSON: 1, CAPACITY_REACHED: 1, SESSION_ERROR: 1 });
    await m.close();
    expect(m.stats().activeSessions).toBe(0);
  });

  it("serialises concurrent requests of one session in arrival order", async () => {
    const { createEpisode } = makeEpisodeFactory();
    const m = createHttpMirror({ createEpisode });
    const sid = ((await m.handle("/reset", JSON.stringify({ task_id: "t-alpha" }))).json as Json).session_id as string;
    const steps = await Promise.all(
      ["alpha", "beta", "widgets"].map((q) => m.handle("/step", JSON.stringify({ session_id: sid, action: { name: "search", arguments: { query: q } } }))),
    );
    expect(steps.map((s) => (s.json as Json).info.step)).toEqual([0, 1, 2]);
    await m.close();
  });

  it("reaps idle sessions and logs their episodes", async () => {
    const { createEpisode, sink } = makeEpisodeFactory();
    const m = createHttpMirror({ createEpisode, maxSessions: 1, idleTimeoutMs: 80 });
    const sid = ((await m.handle("/reset", "{}")).json as Json).session_id as string;
    await new Promise((r) => setTimeout(r, 250));
    expect((await m.handle("/state", JSON.stringify({ session_id: sid }))).status).toBe(404);
    expect(sink.ends.map((e) => e.trajectory.endReason)).toEqual(["closed"]);
    expect((await m.handle("/reset", "{}")).status).toBe(200);
    expect(m.stats().closedTotal.idle).toBe(1);
    await m.close();
  });

  it("shares one capacity with the WebSocket server through SessionSlots", async () => {
    const slots = new SessionSlots(1);
    const srv = await startServer({ slots });
    const m = createHttpMirror({ createEpisode: makeEpisodeFactory().createEpisode, slots });
    try {
      expect((await m.handle("/reset", "{}")).status).toBe(200);
      const c = new TestClient(srv.url);
      expect((await c.next()).data.code).toBe("CAPACITY_REACHED");
      await c.closed;
    } finally {
      await m.close();
      await srv.close();
    }
    expect(slots.used).toBe(0);
  });
});
