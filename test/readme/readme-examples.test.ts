/**
 * @module Every example of README.md and clients/python/README.md, run as printed (ports aside) in a
 * working directory holding the files they name, against real servers started by the examples' own
 * `serve` lines: shell blocks run in bash and must exit 0 (curl with --fail), Python blocks run with the
 * client on the path, the WebSocket transcript is replayed over a real socket, config blocks' URLs must
 * answer. Only the quick start's `npm ci` (this checkout is installed) and `npm test` (this is it) are not re-run.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/child-process.ts";
import { useTmpDir } from "../helpers/tmp-dir.ts";
import { startChatServer, type ChatServer } from "../env/rollout/chat-server.ts";
import { codeBlocks, isServerCommand, mapPorts, portsNamed, shellCommands, type CodeBlock } from "./readme-blocks.ts";
import { findPython, freePorts, makeWorkspace } from "./workspace.ts";

const FILES = ["README.md", "clients/python/README.md"];
/** The port the examples give the OpenAI-compatible model endpoint (and judge): a stand-in speaking the chat-completions wire protocol. */
const MODEL_PORT = 8000;
const STANDINS = join(REPO_ROOT, "test/readme/standins");

const blocks = FILES.flatMap((f) => codeBlocks(REPO_ROOT, f));
const dir = useTmpDir("simweb-readme-");
const python = findPython();
const servers: ChildProcess[] = [];
let ports = new Map<number, number>();
let model: ChatServer | null = null;

/** Runs `script` in bash in the workspace; resolves with its exit code and output. */
function bash(script: string, timeoutMs = 240_000): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const p = spawn("bash", ["-c", `set -eo pipefail\ncurl() { command curl -sS --fail-with-body "$@"; echo; }\n${script}`], {
      cwd: dir,
      env: { ...process.env, PATH: `${join(dir, ".bin")}:${process.env.PATH ?? ""}`, PYTHONPATH: `${join(dir, "clients/python")}:${STANDINS}`, NO_COLOR: "1" },
      timeout: timeoutMs,
    });
    let out = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString()));
    p.stderr.on("data", (d: Buffer) => (out += d.toString()));
    p.on("close", (code) => resolve({ code, out: out.slice(-6000) }));
  });
}

/** Starts a server command in the background (its own process group) and waits until its port answers HTTP. */
async function startServer(command: string): Promise<void> {
  const port = Number(/--port (\d+)/.exec(command)?.[1]);
  expect(port, `a server example needs --port: ${command}`).toBeGreaterThan(0);
  const p = spawn("bash", ["-c", command], { cwd: dir, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  let out = "";
  p.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  p.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  servers.push(p);
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (p.exitCode !== null) throw new Error(`server example exited ${p.exitCode}: ${command}\n${out}`);
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      () => true,
      () => false,
    );
    if (up) return;
    if (Date.now() > deadline) throw new Error(`server example never answered on ${port}: ${command}\n${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Sends `messages` over one WebSocket connection and returns one reply per message. */
async function converse(url: string, messages: readonly unknown[]): Promise<Array<{ type: string; data?: { code?: string } }>> {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  const replies: Array<{ type: string; data?: { code?: string } }> = [];
  for (const m of messages) {
    const reply = new Promise<string>((resolve) => ws.once("message", (d: Buffer) => resolve(d.toString())));
    ws.send(JSON.stringify(m));
    if ((m as { type: string }).type === "close") break;
    replies.push(JSON.parse(await reply) as { type: string });
  }
  ws.close();
  return replies;
}

const where = (b: CodeBlock): string => `${b.file}:${b.line}`;

/** Connects an MCP client to each server of an `mcpServers` config (stdio command or URL) and lists its tools. */
async function checkMcpConfig(config: { mcpServers: Record<string, { command?: string; args?: string[]; url?: string }> }): Promise<void> {
  for (const [name, s] of Object.entries(config.mcpServers)) {
    const transport =
      s.url !== undefined
        ? new StreamableHTTPClientTransport(new URL(s.url))
        : new StdioClientTransport({ command: s.command ?? "", args: s.args ?? [], cwd: dir, stderr: "pipe" });
    const client = new Client({ name: "readme-test", version: "1.0.0" });
    await client.connect(transport);
    const { tools } = await client.listTools();
    expect(
      tools.map((t) => t.name),
      name,
    ).toEqual(["reset", "search", "open", "find", "answer"]);
    if (transport instanceof StreamableHTTPClientTransport) await transport.terminateSession();
    await client.close();
  }
}

beforeAll(async () => {
  await makeWorkspace(dir);
  ports = await freePorts([...new Set(blocks.flatMap((b) => portsNamed(b.text)))]);
  const modelPort = ports.get(MODEL_PORT);
  // The model endpoint: tool calls that answer at once, a text-policy answer, or a judge verdict.
  model = await startChatServer((body) => {
    const messages = body.messages as Array<{ role: string; content: string }>;
    if (messages.some((m) => /judge|grader|\[correct_answer\]/i.test(m.content ?? ""))) {
      return { message: { content: '{"extracted_final_answer": "1987", "correct": "yes", "confidence": 90}' } };
    }
    if (Array.isArray(body.tools)) return { message: { content: null, tool_calls: [{ id: "c1", name: "answer", arguments: '{"answer": "1987"}' }] } };
    return { message: { content: "<answer>1987</answer>" } };
  }, modelPort);
  if (python !== null) {
    mkdirSync(join(dir, ".bin"));
    symlinkSync(python, join(dir, ".bin", "python3"));
  }
}, 120_000);

afterAll(async () => {
  for (const s of servers) if (s.exitCode === null && s.pid !== undefined) process.kill(-s.pid, "SIGTERM");
  await model?.close();
});

describe("README examples", () => {
  it("finds the examples, and CI runs the README's test command", () => {
    expect(blocks.filter((b) => b.lang === "bash").length).toBeGreaterThan(10);
    expect(blocks.filter((b) => b.lang === "python").length).toBeGreaterThan(3);
    const quick = blocks.find((b) => b.text.includes("npm run demo"));
    const testLine = shellCommands(quick?.text ?? "").find((c) => c.includes("npm test"));
    expect(testLine?.replace(/\s+#.*$/, "")).toBe("npm ci && npm test");
    expect(readFileSync(join(REPO_ROOT, ".ci/run"), "utf8")).toMatch(/^npm ci && npm test$/m);
  });

  for (const b of blocks) {
    it(`${where(b)} (${b.lang || "text"})`, async () => {
      const text = mapPorts(b.text, ports);
      if (b.lang === "bash") {
        const commands = shellCommands(text)
          .filter((c) => !/^npm ci && npm test\b/.test(c))
          .map((c) => c.replace(/^npm ci && /, ""));
        if (commands.some((c) => isServerCommand(c) || /&\s*(#.*)?$/.test(c))) {
          // A block with servers or background jobs runs line by line: servers and `cmd &` in the
          // background (servers until the end of the file, jobs until the end of the block), the rest in order.
          const jobs: Array<Promise<{ code: number | null; out: string }>> = [];
          for (const c of commands) {
            if (isServerCommand(c)) await startServer(c);
            else if (/&\s*(#.*)?$/.test(c)) jobs.push(bash(c.replace(/&\s*(#.*)?$/, "")));
            else {
              const r = await bash(c);
              expect(r.code, `${where(b)}: ${c}\n${r.out}`).toBe(0);
            }
          }
          for (const r of await Promise.all(jobs)) expect(r.code, `${where(b)} (background job):\n${r.out}`).toBe(0);
          return;
        }
        if (commands.some((c) => /\bpython3\b|pip\b/.test(c)) && python === null) return console.warn(`SKIPPED ${where(b)}: no python3 with websockets`);
        const r = await bash(text.replace(/^npm ci && npm test.*$/m, "").replace(/^npm ci && /m, ""));
        expect(r.code, `${where(b)} failed:\n${r.out}`).toBe(0);
      } else if (b.lang === "python") {
        if (python === null) return console.warn(`SKIPPED ${where(b)}: no python3 with websockets`);
        const r = await bash(`python3 - <<'PYEOF'\n${text}\nPYEOF`, 120_000);
        expect(r.code, `${where(b)} failed:\n${r.out}`).toBe(0);
      } else if (b.lang === "jsonc") {
        const sent = [...text.matchAll(/→ (\{.*?\})(?=\s*(?:\/\/|→|$))/gm)].map((m) => JSON.parse(m[1] as string) as { type: string; id?: number });
        expect(sent.length, where(b)).toBeGreaterThan(2);
        const url = /ws:\/\/127\.0\.0\.1:\d+\/ws/.exec(text)?.[0] ?? `ws://127.0.0.1:${ports.get(8080)}/ws`;
        const replies = await converse(url, sent);
        expect(
          replies.filter((r) => r.type === "error"),
          `${where(b)}: ${JSON.stringify(replies)}`,
        ).toEqual([]);
        // Each documented error reply is what its message gets on a fresh connection, before any reset.
        for (const m of text.matchAll(/← (\{"type": "error".*\})\s*$/gm)) {
          const shown = JSON.parse(m[1] as string) as { id: number; data: { code: string } };
          const msg = sent.find((s) => s.id === shown.id);
          const [reply] = await converse(url, [msg]);
          expect(reply?.data?.code, where(b)).toBe(shown.data.code);
        }
      } else if (b.lang === "json" && b.text.includes('"mcpServers"')) {
        await checkMcpConfig(JSON.parse(text) as Parameters<typeof checkMcpConfig>[0]);
      } else {
        // Config lines for other programs: every loopback URL they name must answer as that program calls it.
        for (const m of text.matchAll(/https?:\/\/127\.0\.0\.1:(\d+)(\/[^\s"'`]*)?/g)) {
          const [url, port, path] = [m[0], Number(m[1]), m[2] ?? "/"];
          if (port === ports.get(MODEL_PORT)) continue;
          const r =
            path === "/retrieve"
              ? await fetch(url, {
                  method: "POST",
                  headers: { "Content-Type": "application/json" },
                  body: JSON.stringify({ queries: ["founded"], topk: 3, return_scores: true }),
                })
              : await fetch(url);
          expect(r.status, `${where(b)}: ${url}`).toBeLessThan(400);
          if (path === "/retrieve") expect(((await r.json()) as { result: unknown[][] }).result[0]?.length).toBe(3);
        }
      }
    }, 300_000);
  }
});
