/**
 * @module Tests of the MCP endpoints with the official SDK client: streamable HTTP on `/mcp` of a real
 * server on loopback, and stdio against a real `simweb mcp` child process. Same episode semantics and
 * reward as the WebSocket API; bad calls are tool errors and the session lives on.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type SimwebHttpServer } from "../../../env/http/index.ts";
import { TOOL_SCHEMAS } from "../../../env/episode/index.ts";
import { SimWeb } from "../../../env/simweb/index.ts";
import { REPO_ROOT } from "../../helpers/child-process.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";
import { makeWorld, type TestWorld } from "../../helpers/world.ts";

const dir = useTmpDir("simweb-mcp-");
let world: TestWorld;
let web: SimWeb;
let srv: SimwebHttpServer;
let base: string;

type ToolResult = { content: Array<{ type: string; text: string }>; structuredContent?: Record<string, unknown>; isError?: boolean };

async function httpClient(): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const client = new Client({ name: "simweb-test", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(`${base}/mcp`));
  await client.connect(transport);
  return { client, transport };
}

/** The reward the same actions earn through an in-process episode (the WebSocket API's engine). */
async function directReward(taskId: string, actions: Array<{ name: string; arguments: Record<string, unknown> }>): Promise<number> {
  const ep = web.createEpisode("direct");
  ep.reset({ seed: 0, taskId });
  let reward = 0;
  for (const a of actions) reward = (await ep.step(a)).reward;
  return reward;
}

/** Ends the MCP session (DELETE /mcp) and closes the client. */
async function finish(o: { client: Client; transport: StreamableHTTPClientTransport }): Promise<void> {
  await o.transport.terminateSession();
  await o.client.close();
}

beforeAll(async () => {
  world = await makeWorld(dir, 400, 5);
  web = await SimWeb.open(world.db);
  srv = createServer(web, { maxMcpSessions: 3 });
  base = (await srv.listen(0)).url;
}, 120_000);

afterAll(async () => {
  await srv?.close();
  web?.close();
});

describe("MCP over streamable HTTP (/mcp)", () => {
  it("lists reset and the episode's tools with the schemas every transport serves", async () => {
    const c = await httpClient();
    const { client } = c;
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(["reset", ...TOOL_SCHEMAS.map((t) => t.function.name)]);
    for (const s of TOOL_SCHEMAS) expect(tools.find((t) => t.name === s.function.name)?.inputSchema).toEqual(s.function.parameters);
    await finish(c);
  });

  it("plays an episode to the reward the same actions earn in-process", async () => {
    const task = web.tasks.list().find((t) => t.type === "single_fact")!;
    const c = await httpClient();
    const { client } = c;
    const reset = (await client.callTool({ name: "reset", arguments: { task_id: task.id } })) as ToolResult;
    expect(reset.isError).toBeFalsy();
    expect(reset.content[0]?.text).toContain(task.question);
    expect(reset.structuredContent).toMatchObject({ task_id: task.id, question: task.question });
    const actions = [
      { name: "search", arguments: { query: task.question } },
      { name: "open", arguments: { id: 1 } },
      { name: "answer", arguments: { answer: task.answers[0]!, citations: task.goldUrls } },
    ];
    let last: ToolResult | null = null;
    for (const a of actions) {
      last = (await client.callTool(a)) as ToolResult;
      expect(last.isError, JSON.stringify(last)).toBeFalsy();
    }
    const expected = await directReward(task.id, actions);
    expect(last?.structuredContent).toMatchObject({ done: true, terminated: true, reward: expected, end_reason: "answer" });
    expect(expected).toBeGreaterThan(0);
    expect(last?.content[0]?.text).toMatch(/episode ended \(answer\): reward/);
    // the episode has ended: a step is a tool error, and reset starts the next one in the same session
    const after = (await client.callTool({ name: "search", arguments: { query: "x" } })) as ToolResult;
    expect(after).toMatchObject({ isError: true, structuredContent: { error: { code: "RESET_NEEDED" } } });
    expect(((await client.callTool({ name: "reset", arguments: { seed: 3 } })) as ToolResult).isError).toBeFalsy();
    await finish(c);
  });

  it("answers bad calls with tool errors and keeps the session", async () => {
    const c = await httpClient();
    const { client } = c;
    const before = (await client.callTool({ name: "search", arguments: { query: "x" } })) as ToolResult;
    expect(before).toMatchObject({ isError: true, structuredContent: { error: { code: "RESET_NEEDED" } } });
    expect(((await client.callTool({ name: "nosuch", arguments: {} })) as ToolResult).structuredContent).toMatchObject({ error: { code: "VALIDATION_ERROR" } });
    expect(((await client.callTool({ name: "reset", arguments: { seed: -1 } })) as ToolResult).isError).toBe(true);
    expect(((await client.callTool({ name: "reset", arguments: { task_id: "no-such-task" } })) as ToolResult).structuredContent).toMatchObject({
      error: { code: "UNKNOWN_TASK" },
    });
    expect(((await client.callTool({ name: "reset", arguments: { seed: 1 } })) as ToolResult).isError).toBeFalsy();
    const bad = (await client.callTool({ name: "search", arguments: { query: "x", k: 9999 } })) as ToolResult;
    expect(bad.structuredContent).toMatchObject({ valid: false, done: false }); // an invalid step, as on /ws
    await finish(c);
  });

  it("refuses requests outside a session and sessions over capacity, with JSON-RPC errors", async () => {
    const post = (headers: Record<string, string>, body: string): Promise<Response> =>
      fetch(`${base}/mcp`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json, text/event-stream", ...headers },
        body,
      });
    const call = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" });
    const none = await post({}, call);
    expect(none.status).toBe(400);
    expect(await none.json()).toMatchObject({ jsonrpc: "2.0", error: { code: -32000 } });
    expect((await post({ "Mcp-Session-Id": "nope" }, call)).status).toBe(404);
    expect((await post({}, "{not json")).status).toBe(400);
    expect((await fetch(`${base}/mcp`, { method: "PUT" })).status).toBe(405);
    expect(srv.mcp?.sessions()).toBe(0);
    const open = await Promise.all([httpClient(), httpClient(), httpClient()]);
    await expect(httpClient()).rejects.toThrow();
    expect(srv.mcp?.sessions()).toBe(3);
    await finish(open[0]!);
    expect(srv.mcp?.sessions()).toBe(2);
    const again = await httpClient();
    await Promise.all([again, ...open.slice(1)].map(finish));
    expect(srv.mcp?.sessions()).toBe(0);
  });
});

describe("MCP over stdio (simweb mcp)", () => {
  it("plays an episode through the real CLI child", async () => {
    const task = web.tasks.list()[0]!;
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ["--import", "tsx", "scripts/cli.ts", "mcp", "--db", world.db],
      cwd: REPO_ROOT,
      stderr: "pipe",
    });
    const client = new Client({ name: "simweb-test", version: "1.0.0" });
    await client.connect(transport);
    expect((await client.listTools()).tools.map((t) => t.name)).toContain("answer");
    const reset = (await client.callTool({ name: "reset", arguments: { task_id: task.id } })) as ToolResult;
    expect(reset.content[0]?.text).toContain(task.question);
    await client.callTool({ name: "search", arguments: { query: task.question } });
    const end = (await client.callTool({ name: "answer", arguments: { answer: task.answers[0]! } })) as ToolResult;
    expect(end.structuredContent?.reward).toBe(
      await directReward(task.id, [
        { name: "search", arguments: { query: task.question } },
        { name: "answer", arguments: { answer: task.answers[0]! } },
      ]),
    );
    await client.close();
  }, 60_000);
});
