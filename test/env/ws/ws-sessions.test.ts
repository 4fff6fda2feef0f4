import { describe, expect, it } from "vitest";
import { BIG_URL } from "../../helpers/fake-episode-web.ts";
import { connect, startServer, TestClient, waitFor } from "./harness.ts";

describe("attachWebSocketServer() sessions", () => {
  it("refuses a connection beyond maxSessions with CAPACITY_REACHED and close code 1013", async () => {
    const srv = await startServer({ maxSessions: 2 });
    try {
      const a = await connect(srv.url);
      const b = await connect(srv.url);
      const c = new TestClient(srv.url);
      expect((await c.next()).data.code).toBe("CAPACITY_REACHED");
      expect((await c.closed).code).toBe(1013);
      // a free slot comes back when a client leaves
      a.close();
      await a.closed;
      await waitFor(() => srv.ws.stats().activeSessions === 1);
      const d = await connect(srv.url);
      expect((await d.request({ type: "reset", data: { task_id: "t-alpha" } })).type).toBe("observation");
      expect(srv.ws.stats().closedTotal.capacity).toBe(1);
      b.close();
      d.close();
    } finally {
      await srv.close();
    }
  });

  it("counts env_id episodes against capacity: a new env_id gets the error, the connection stays", async () => {
    const srv = await startServer({ maxSessions: 2, maxEnvsPerConnection: 8 });
    try {
      const c = await connect(srv.url);
      for (const env of ["a", "b"]) expect((await c.request({ type: "reset", data: { env_id: env } })).type).toBe("observation");
      const full = await c.request({ type: "reset", data: { env_id: "c" } });
      expect(full.data).toMatchObject({ code: "CAPACITY_REACHED", env_id: "c" });
      // closing one env frees its slot for another
      await c.request({ type: "close", data: { env_id: "a" } });
      expect((await c.request({ type: "reset", data: { env_id: "c" } })).type).toBe("observation");
      expect(srv.ws.stats().activeSessions).toBe(2);
      c.close();
      await waitFor(() => srv.ws.stats().activeSessions === 0);
    } finally {
      await srv.close();
    }
  });

  it("caps env_ids per connection", async () => {
    const srv = await startServer({ maxEnvsPerConnection: 2 });
    try {
      const c = await connect(srv.url);
      await c.request({ type: "reset", data: { env_id: "a" } });
      await c.request({ type: "reset", data: { env_id: "b" } });
      const r = await c.request({ type: "reset", data: { env_id: "x" } });
      expect(r.data.code).toBe("CAPACITY_REACHED");
      expect(r.data.message).toMatch(/already drives 2 environments/);
      c.close();
    } finally {
      await srv.close();
    }
  });

  it("reaps an idle session: the client is told, the episode is closed and logged, the slot is freed", async () => {
    const srv = await startServer({ maxSessions: 1, idleTimeoutMs: 150 });
    try {
      const c = await connect(srv.url);
      await c.request({ type: "reset", data: { task_id: "t-alpha" } });
      const note = await c.next();
      expect(note.data.code).toBe("SESSION_ERROR");
      expect(note.data.message).toMatch(/no message for 150 ms/);
      expect((await c.closed).code).toBe(1000);
      await waitFor(() => srv.ws.stats().activeSessions === 0);
      expect(srv.sink.ends.map((e) => e.trajectory.endReason)).toEqual(["closed"]);
      expect(srv.ws.stats().closedTotal.idle).toBe(1);
      const d = await connect(srv.url);
      expect((await d.request({ type: "reset", data: {} })).type).toBe("observation");
      d.close();
    } finally {
      await srv.close();
    }
  });

  it("terminates a half-open client that stops answering pings and frees its slot", async () => {
    const srv = await startServer({ maxSessions: 1, pingIntervalMs: 60 });
    try {
      const dead = await connect(srv.url, { autoPong: false });
      await dead.request({ type: "reset", data: { task_id: "t-beta" } });
      expect((await dead.closed).code).toBe(1006); // dropped without a close handshake
      await waitFor(() => srv.ws.stats().activeSessions === 0);
      expect(srv.ws.stats().closedTotal.heartbeat).toBe(1);
      expect(srv.sink.ends).toHaveLength(1);
      // a client that answers pings survives several intervals
      const live = await connect(srv.url);
      await new Promise((r) => setTimeout(r, 250));
      expect((await live.request({ type: "reset", data: {} })).type).toBe("observation");
      live.close();
    } finally {
      await srv.close();
    }
  });

  it("refuses the upgrade with HTTP 401 without the token, accepts header or query token", async () => {
    const srv = await startServer({ token: "s3cret" });
    try {
      await expect(connect(srv.url)).rejects.toThrow("HTTP 401");
      await expect(connect(srv.url, { headers: { Authorization: "Bearer wrong" } })).rejects.toThrow("HTTP 401");
      const h = await connect(srv.url, { headers: { Authorization: "Bearer s3cret" } });
      const q = await connect(`${srv.url}?token=s3cret`);
      expect((await h.request({ type: "reset", data: {} })).type).toBe("observation");
      expect((await q.request({ type: "reset", data: {} })).type).toBe("observation");
      expect(srv.ws.stats().errorsTotal.UNAUTHORIZED).toBe(2);
      h.close();
      q.close();
    } finally {
      await srv.close();
    }
  });

  it("answers 404 for upgrades on other paths", async () => {
    const srv = await startServer();
    try {
      await expect(connect(`ws://127.0.0.1:${srv.port}/other`)).rejects.toThrow("HTTP 404");
    } finally {
      await srv.close();
    }
  });

  it("close() finishes in-flight work, closes every episode (logged), closes sockets with 1001", async () => {
    const srv = await startServer();
    const a = await connect(srv.url);
    const b = await connect(srv.url);
    await a.request({ type: "reset", data: { task_id: "t-alpha" } });
    await b.request({ type: "reset", data: { env_id: "x", task_id: "t-beta" } });
    await b.request({ type: "reset", data: { env_id: "y", task_id: "t-alpha" } });
    await srv.close();
    expect((await a.closed).code).toBe(1001);
    expect((await b.closed).code).toBe(1001);
    expect(srv.sink.ends.map((e) => e.state.episodeId).sort()).toEqual(["ws-1", "ws-2/x", "ws-2/y"]);
    expect(srv.sink.ends.every((e) => e.trajectory.endReason === "closed")).toBe(true);
    expect(srv.ws.stats()).toMatchObject({ activeConnections: 0, activeSessions: 0 });
    expect(srv.ws.stats().closedTotal.shutdown).toBe(2);
  });

  it("applies backpressure: a client that does not read stalls its own processing, nothing is lost", async () => {
    const srv = await startServer({ bigPageChars: 64 * 1024, highWaterMark: 256 * 1024 });
    try {
      const c = await connect(srv.url);
      const opts = { max_steps: 1e6, max_obs_tokens: 1e12, max_sim_seconds: 1e9 };
      await c.request({ type: "reset", data: { task_id: "t-alpha", options: opts } });
      const before = srv.ws.stats().messagesTotal;
      c.ws.pause(); // stop reading: the server's replies pile up in the socket buffers
      const N = 300; // 300 × 64 KiB ≈ 19 MiB of replies, far above loopback socket buffers
      for (let i = 0; i < N; i++) c.send({ type: "step", id: i, data: { name: "open", arguments: { url: BIG_URL } } });
      // wait until the server stops making progress
      let last = -1;
      for (let stable = 0; stable < 5;) {
        await new Promise((r) => setTimeout(r, 40));
        const now = srv.ws.stats().messagesTotal;
        stable = now === last ? stable + 1 : 0;
        last = now;
      }
      expect(last - before).toBeLessThan(N);
      c.ws.resume();
      for (let i = 0; i < N; i++) {
        const r = await c.next();
        expect(r.id).toBe(i);
        if (r.type !== "observation") throw new Error(JSON.stringify(r.data));
      }
      expect(srv.ws.stats().messagesTotal - before).toBe(N);
      c.close();
    } finally {
      await srv.close();
    }
  });

  it("close() does not hang on a client that stopped reading", async () => {
    const srv = await startServer({ bigPageChars: 64 * 1024, highWaterMark: 64 * 1024, closeTimeoutMs: 200 });
    const c = await connect(srv.url);
    await c.request({ type: "reset", data: { task_id: "t-alpha", options: { max_steps: 1e6, max_obs_tokens: 1e12, max_sim_seconds: 1e9 } } });
    c.ws.pause();
    for (let i = 0; i < 300; i++) c.send({ type: "step", data: { name: "open", arguments: { url: BIG_URL } } });
    await waitFor(() => srv.ws.stats().messagesTotal > 20);
    await srv.close();
    expect(srv.sink.ends.map((e) => e.trajectory.endReason)).toEqual(["closed"]);
    expect(srv.ws.stats()).toMatchObject({ activeConnections: 0, activeSessions: 0 });
    c.ws.terminate();
  });
});
