import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, startServer, waitFor, type TestServer } from "./harness.ts";

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer({ maxMessageBytes: 4096, maxPayload: 64 * 1024 });
});
afterAll(async () => {
  await srv.close();
});

describe("attachWebSocketServer() protocol", () => {
  it("runs reset → search → open → answer with Gymnasium-shaped observations", async () => {
    const c = await connect(srv.url);
    const r = await c.request({ type: "reset", data: { task_id: "t-alpha", seed: 5 } });
    expect(r.type).toBe("observation");
    expect(r.data).toMatchObject({ reward: 0, done: false, terminated: false, truncated: false });
    expect(r.data.observation).toContain("In which year was Alpha Corp founded?");
    expect(r.data.info).toMatchObject({ task_id: "t-alpha", seed: 5 });
    expect(r.data.info.tools.map((t: { function: { name: string } }) => t.function.name)).toEqual(["search", "open", "find", "answer"]);

    const s = await c.request({ type: "step", data: { name: "search", arguments: '{"query":"Alpha Corp founded"}' } });
    expect(s.type).toBe("observation");
    expect(s.data.done).toBe(false);
    expect(s.data.info.results[0].url).toBe("https://alpha.example/");

    const o = await c.request({ type: "step", data: { name: "open", arguments: { id: 1 } } });
    expect(o.data.observation).toContain("founded in 1987");

    const st = await c.request({ type: "state" });
    expect(st.type).toBe("state");
    expect(st.data).toMatchObject({
      task_id: "t-alpha",
      step_count: 2,
      done: false,
      search_queries: ["Alpha Corp founded"],
      opened_urls: ["https://alpha.example/"],
    });

    const a = await c.request({ type: "step", data: { text: "<think>it says 1987</think><answer>1987</answer>" }, id: "last" });
    expect(a).toMatchObject({ type: "observation", id: "last", data: { reward: 1, done: true, terminated: true, truncated: false } });
    expect(a.data.info.end_reason).toBe("answer");

    c.send({ type: "close" });
    const fin = await c.next();
    expect(fin).toMatchObject({ type: "state", data: { done: true, end_reason: "answer" } });
    expect((await c.closed).code).toBe(1000);
  });

  it("answers each error code with the request id, and the session lives on", async () => {
    const c = await connect(srv.url);
    const cases: [unknown, string][] = [
      ["{not json", "INVALID_JSON"],
      [{ type: "jump", id: 1 }, "UNKNOWN_TYPE"],
      [{ type: "step", id: 2, data: { foo: 1 } }, "VALIDATION_ERROR"],
      [{ type: "step", id: 3, data: { name: "search", arguments: 7 } }, "VALIDATION_ERROR"],
      [{ type: "reset", id: 4, data: { seed: 1.5 } }, "VALIDATION_ERROR"],
      [{ type: "reset", id: 5, data: { taskId: "t-alpha" } }, "VALIDATION_ERROR"],
      [{ type: "step", id: 6, data: { name: "search", arguments: { query: "x" } } }, "RESET_NEEDED"],
      [{ type: "state", id: 7, extra: true }, "VALIDATION_ERROR"],
      [{ id: 7, data: {} }, "UNKNOWN_TYPE"],
      [{ type: "reset", id: 8, data: { task_id: "nope" } }, "UNKNOWN_TASK"],
      [JSON.stringify({ type: "state", pad: "x".repeat(5000) }), "MESSAGE_TOO_BIG"],
      ["[".repeat(40) + "]".repeat(40), "VALIDATION_ERROR"],
      [[1, 2], "VALIDATION_ERROR"],
    ];
    for (const [msg, code] of cases) {
      const r = await c.request(msg);
      expect(r.type, JSON.stringify(msg).slice(0, 60)).toBe("error");
      expect(r.data.code, JSON.stringify(msg).slice(0, 60)).toBe(code);
      expect(r.data.message.length).toBeGreaterThan(10);
      if (typeof msg === "object" && msg !== null && "id" in msg) expect(r.id).toBe((msg as { id: number }).id);
      // after any error, the next valid message works (on another env_id, so the default stays un-reset)
      const ok = await c.request({ type: "reset", data: { env_id: "probe", task_id: "t-beta" } });
      expect(ok.type).toBe("observation");
    }
    c.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect((await c.next()).data.code).toBe("INVALID_JSON");
    expect((await c.request({ type: "state", data: { env_id: "probe" } })).type).toBe("state");
    // as OpenEnv: state before the first reset is the fresh state
    expect(await c.request({ type: "state", id: 8 })).toMatchObject({ type: "state", id: 8, data: { episode_id: null, step_count: 0, done: false } });
    c.close();
  });

  it("counts a malformed tool call as an invalid step, not a protocol error", async () => {
    const c = await connect(srv.url);
    await c.request({ type: "reset", data: { task_id: "t-alpha" } });
    const r = await c.request({ type: "step", data: { name: "fly", arguments: "{}" } });
    expect(r.type).toBe("observation");
    expect(r.data.info.valid).toBe(false);
    expect(r.data.observation).toMatch(/^Invalid action: unknown tool/);
    const t = await c.request({ type: "step", data: { text: "I think the answer is 42" } });
    expect(t.data.info.valid).toBe(false);
    expect((await c.request({ type: "state" })).data.step_count).toBe(2);
    c.close();
  });

  it("returns RESET_NEEDED after the episode ends, then a new reset works", async () => {
    const c = await connect(srv.url);
    await c.request({ type: "reset", data: { task_id: "t-beta", options: { max_steps: 1 } } });
    const r = await c.request({ type: "step", data: { name: "search", arguments: { query: "Beta Museum" } } });
    expect(r.data).toMatchObject({ done: true, truncated: true, terminated: false, reward: 0 });
    expect(r.data.info.end_reason).toBe("max_steps");
    expect((await c.request({ type: "step", data: { text: "<answer>Paris</answer>" } })).data.code).toBe("RESET_NEEDED");
    expect((await c.request({ type: "reset", data: { task_id: "t-beta" } })).type).toBe("observation");
    c.close();
  });

  it("passes step tokens to the trajectory and runs ad-hoc tasks from options", async () => {
    const c = await connect(srv.url);
    const task = { question: "Where is the Beta Museum?", answers: ["paris"], id: "adhoc-1" };
    const r = await c.request({ type: "reset", data: { options: { task } } });
    expect(r.data.info.task_id).toBe("adhoc:adhoc-1");
    const a = await c.request({ type: "step", data: { name: "answer", arguments: { answer: "Paris" }, tokens: { prompt: 10, completion: 3 } } });
    expect(a.data.reward).toBe(1);
    const end = srv.sink.ends.find((e) => e.trajectory.taskId === "adhoc:adhoc-1");
    expect(end?.trajectory.tokens).toEqual({ prompt: 10, completion: 3 });
    c.close();
  });

  it("multiplexes episodes by env_id on one connection, and pipelines with ids", async () => {
    const c = await connect(srv.url);
    c.send({ type: "reset", id: 1, data: { env_id: "a", task_id: "t-alpha" } });
    c.send({ type: "reset", id: 2, data: { env_id: "b", task_id: "t-beta" } });
    c.send({ type: "step", id: 3, data: { env_id: "a", name: "answer", arguments: { answer: "1987" } } });
    c.send({ type: "step", id: 4, data: { env_id: "b", name: "answer", arguments: { answer: "Rome" } } });
    c.send({ type: "state", id: 5, data: { env_id: "c" } });
    const replies = [await c.next(), await c.next(), await c.next(), await c.next(), await c.next()];
    expect(replies.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    expect(replies[0].data.env_id).toBe("a");
    expect(replies[1].data.info.task_id).toBe("t-beta");
    expect(replies[2].data).toMatchObject({ env_id: "a", reward: 1, done: true });
    expect(replies[3].data).toMatchObject({ env_id: "b", reward: 0, done: true });
    expect(replies[4].data).toMatchObject({ code: "RESET_NEEDED", env_id: "c" });
    expect(srv.created.filter((id) => id.endsWith("/a") || id.endsWith("/b")).length).toBeGreaterThanOrEqual(2);

    // closing one env keeps the connection and the others
    expect((await c.request({ type: "close", data: { env_id: "a" } })).type).toBe("state");
    expect((await c.request({ type: "state", data: { env_id: "a" } })).data.code).toBe("RESET_NEEDED");
    expect((await c.request({ type: "state", data: { env_id: "b" } })).data.task_id).toBe("t-beta");
    c.close();
    await c.closed;
  });

  it("closes the socket with 1009 on a frame above maxPayload", async () => {
    const c = await connect(srv.url);
    c.send(JSON.stringify({ type: "state", pad: "x".repeat(70 * 1024) }));
    expect((await c.closed).code).toBe(1009);
  });

  it("frees every slot when clients go away", async () => {
    await waitFor(() => srv.ws.stats().activeConnections === 0);
    const st = srv.ws.stats();
    expect(st.activeSessions).toBe(0);
    expect(st.errorsTotal.VALIDATION_ERROR).toBeGreaterThan(0);
    expect(st.messagesTotal).toBeGreaterThan(20);
  });
});
