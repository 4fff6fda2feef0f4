import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TOOL_SCHEMAS } from "../../../env/episode/tool-schemas.ts";
import { chatCompletion, closeOpenTag, localDriver, openaiPolicy, runRollouts, SEARCH_R1_STOP, textPolicy } from "../../../env/rollout/index.ts";
import { FIXTURE_TASKS, fixtureDeps } from "../../helpers/rollout-fixture.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";
import { startChatServer, type ChatServer } from "./chat-server.ts";
import { queryLog } from "./log-inspect.ts";

const dir = useTmpDir("simweb-llm-");
let server: ChatServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});
const task = FIXTURE_TASKS.filter((t) => t.id === "t-001");

describe("openaiPolicy()", () => {
  it("sends the tool schemas, appends tool_calls and tool messages, retries after a 503, logs usage", async () => {
    let calls = 0;
    server = await startChatServer((body) => {
      const msgs = body.messages as Array<Record<string, unknown>>;
      if (calls++ === 0) return { status: 503, body: { error: { message: "overloaded" } } };
      if (msgs.length === 2)
        return { message: { content: "Let me search.", tool_calls: [{ id: "call_abc", name: "search", arguments: '{"query": "Vexa Corp founded"}' }] } };
      if (msgs.length === 4)
        return { message: { content: null, tool_calls: [{ id: "call_def", name: "open", arguments: '{"url":"https://wiki.test/Vexa_Corp"}' }] } };
      return {
        message: {
          content: null,
          tool_calls: [{ id: "call_ghi", name: "answer", arguments: '{"answer":"1987","citations":["https://wiki.test/Vexa_Corp"]}' }],
        },
      };
    });
    const out = join(dir, "openai.duckdb");
    const s = await runRollouts({
      out,
      tasks: task,
      driver: localDriver(fixtureDeps()),
      groupSize: 1,
      concurrency: 1,
      maxSteps: 6,
      seed: 3,
      policy: openaiPolicy({ baseUrl: server.baseUrl, model: "test-model", apiKey: "sk-test", temperature: 0.5, backoffMs: 1, retries: 2 }),
    });
    expect(s.meanReward).toBe(1);
    const reqs = server.requests.map((r) => r.body);
    expect(reqs).toHaveLength(4); // 503, then three actions
    expect(server.requests[0]?.auth).toBe("Bearer sk-test");
    expect(reqs[1]).toMatchObject({ model: "test-model", tool_choice: "auto", temperature: 0.5 });
    expect(reqs[1]?.tools).toEqual(TOOL_SCHEMAS);
    expect(typeof reqs[1]?.seed).toBe("number");
    expect(reqs[0]).toEqual(reqs[1]); // the retry resends the same request
    const m = reqs[3]?.messages as Array<Record<string, unknown>>;
    expect(m.map((x) => x.role)).toEqual(["system", "user", "assistant", "tool", "assistant", "tool"]);
    expect(m[2]).toMatchObject({ content: "Let me search.", tool_calls: [{ id: "call_abc", type: "function", function: { name: "search" } }] });
    expect(JSON.parse(String((m[2]?.tool_calls as Array<{ function: { arguments: string } }>)[0]?.function.arguments))).toEqual({ query: "Vexa Corp founded" });
    expect(m[3]).toMatchObject({ role: "tool", tool_call_id: "call_abc" });
    expect(String(m[3]?.content)).toContain("Search results");
    expect(m[5]).toMatchObject({ role: "tool", tool_call_id: "call_def" });
    const ep = await queryLog(out, `SELECT tokens_prompt, tokens_completion FROM episodes`);
    expect(ep[0]).toEqual({ tokens_prompt: 101n + 102n + 103n, tokens_completion: 30n });
    const steps = await queryLog(out, `SELECT call_id, content FROM steps ORDER BY idx`);
    expect(steps).toEqual([
      { call_id: "call_abc", content: "Let me search." },
      { call_id: "call_def", content: null },
      { call_id: "call_ghi", content: null },
    ]);
  });

  it("sends a reply without tool calls as a text action; 4xx fails at once; retries run out with HTTP_ERROR", async () => {
    server = await startChatServer((body) =>
      body.model === "bad"
        ? { status: 400, body: { error: { message: "no such model" } } }
        : body.model === "down"
          ? { status: 500 }
          : { message: { content: "<answer>1987</answer>" } },
    );
    const out = join(dir, "text-answer.duckdb");
    const s = await runRollouts({
      out,
      tasks: task,
      driver: localDriver(fixtureDeps()),
      groupSize: 1,
      concurrency: 1,
      maxSteps: 3,
      seed: 3,
      policy: openaiPolicy({ baseUrl: server.baseUrl, model: "m", backoffMs: 1 }),
    });
    expect(s.meanReward).toBeGreaterThan(0.8);
    expect((await queryLog(out, `SELECT raw_text, call_id FROM steps`))[0]).toEqual({ raw_text: "<answer>1987</answer>", call_id: null });
    const ep = { baseUrl: server.baseUrl, backoffMs: 1, retries: 2 };
    await expect(chatCompletion({ ...ep, model: "bad" }, { messages: [] })).rejects.toMatchObject({
      code: "HTTP_ERROR",
      message: expect.stringContaining("no such model"),
    });
    const n = server.requests.length;
    await expect(chatCompletion({ ...ep, model: "down" }, { messages: [] })).rejects.toThrow(/after 3 attempts/);
    expect(server.requests.length - n).toBe(3);
  });

  it("times out a silent server with TIMEOUT", async () => {
    const { createServer } = await import("node:http");
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const port = (silent.address() as { port: number }).port;
    await expect(
      chatCompletion({ baseUrl: `http://127.0.0.1:${port}/v1`, model: "m", timeoutMs: 50, retries: 1, backoffMs: 1 }, { messages: [] }),
    ).rejects.toMatchObject({ code: "TIMEOUT" });
    silent.closeAllConnections();
    silent.close();
  });
});

describe("textPolicy()", () => {
  it("prompts with the Search-R1 template and stop sequences, and gets <information> replies", async () => {
    server = await startChatServer((body) => {
      const msgs = body.messages as Array<Record<string, unknown>>;
      return msgs.length === 1
        ? { message: { content: "<think>need facts</think><search>Vexa Corp founded" } }
        : { message: { content: "<think>ok</think><answer>1987" } };
    });
    const out = join(dir, "text.duckdb");
    const s = await runRollouts({
      out,
      tasks: task,
      driver: localDriver(fixtureDeps()),
      groupSize: 1,
      concurrency: 1,
      maxSteps: 4,
      seed: 3,
      policy: textPolicy({ baseUrl: server.baseUrl, model: "search-r1", backoffMs: 1 }),
    });
    expect(s.meanReward).toBeGreaterThan(0.8);
    const [first, second] = server.requests.map((r) => r.body);
    expect(first?.stop).toEqual(SEARCH_R1_STOP);
    expect(first?.tools).toBeUndefined();
    const m1 = first?.messages as Array<{ role: string; content: string }>;
    expect(m1[0]?.content).toContain("<search> query </search>");
    expect(m1[0]?.content).toContain("Question: In what year was Vexa Corp founded?");
    const m2 = second?.messages as Array<{ role: string; content: string }>;
    expect(m2.map((x) => x.role)).toEqual(["user", "assistant", "user"]);
    expect(m2[1]?.content).toBe("<think>need facts</think><search>Vexa Corp founded</search>");
    expect(m2[2]?.content).toMatch(/^<information>Doc 1\(Title: Vexa Corp\)/);
  });

  it("closeOpenTag() re-closes the tag a stop sequence cut", () => {
    expect(closeOpenTag("<search>x")).toBe("<search>x</search>");
    expect(closeOpenTag("<answer> Paris ")).toBe("<answer> Paris </answer>");
    expect(closeOpenTag("<search>a</search> done")).toBe("<search>a</search> done");
    expect(closeOpenTag("no tags")).toBe("no tags");
  });
});
