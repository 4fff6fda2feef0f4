/**
 * Trainers' own client code against a real `simweb serve` on loopback, on a generated world: each
 * fixture replays one upstream client's exact requests and parsing (written from the upstream code,
 * see each fixture's docstring).
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { layoutLinks } from "../../../env/pages/index.ts";
import { SimWeb } from "../../../env/simweb/index.ts";
import { runTs, type Child } from "../../helpers/child-process.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";
import { makeWorld } from "../../helpers/world.ts";

const dir = useTmpDir("simweb-dropins-");
let child: Child;
let base = "";
let web: SimWeb;

beforeAll(async () => {
  const { db } = await makeWorld(dir, 300, 23);
  web = await SimWeb.open(db);
  child = runTs(["scripts/cli.ts", "serve", "--db", db, "--port", "0"]);
  const line = await child.waitForLine((l) => l.includes('"msg":"listening"'));
  base = (JSON.parse(line) as { url: string }).url;
}, 120_000);

afterAll(async () => {
  child?.proc.kill("SIGTERM");
  await child?.exited;
  web?.close();
});

const README = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");

/** A config value of the README's drop-in section, pointed at the test server (`http://127.0.0.1:8080` → `base`). */
function readmeUrl(pattern: RegExp): string {
  const m = pattern.exec(README);
  if (m?.[1] === undefined) throw new Error(`README has no ${String(pattern)}`);
  return m[1].replace("http://127.0.0.1:8080", base);
}

/** Runs a fixture with /usr/bin/python3 (or $SIMWEB_PYTHON) without blocking the event loop. */
function runPython(script: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.env.SIMWEB_PYTHON ?? "/usr/bin/python3", [fileURLToPath(new URL(`./fixtures/${script}`, import.meta.url)), ...args], {
      timeout: 30_000,
    });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    p.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

interface GptOssPage {
  url: string;
  title: string;
  text: string;
  urls: Record<string, string>;
}

describe("gpt-oss SimpleBrowserTool + ExaBackend", () => {
  it("searches with summaries, opens a result by id and follows a link by id", async () => {
    const r = await runPython("gpt_oss_exa_client.py", [readmeUrl(/ExaBackend\(source="simweb", BASE_URL="([^"]+)"/), "founded"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { results: GptOssPage; first: GptOssPage; followed_id: string | null; followed: GptOssPage | null };
    // the search page: one link id per result, each line carrying the result's summary
    expect(Object.keys(out.results.urls).length).toBe(5);
    expect(out.results.text).toMatch(/【0†.+†[a-z0-9.-]+】 \S/);
    const firstUrl = out.results.urls["0"] as string;
    const id = web.pages.idOf(firstUrl);
    expect(out.first.title).toBe(web.pages.title(id));
    // the opened page has the page's links as ids, in the browser view's id order
    const layout = layoutLinks(
      web.pages.text(id),
      web.pages.links(id).map((l) => ({ url: l.url, anchor: l.anchor.trim() })),
    );
    expect(Object.keys(out.first.urls).length).toBeGreaterThan(0);
    expect(Object.values(out.first.urls)).toEqual(layout.urls);
    expect(out.first.text).toMatch(/【\d+†/);
    // open(id=N) on it follows the link to the target page
    expect(out.followed_id).not.toBeNull();
    const target = out.first.urls[out.followed_id as string] as string;
    expect(out.followed?.url).toBe(target);
    expect(out.followed?.title).toBe(web.pages.title(web.pages.idOf(target)));
  });

  it("returns summary as the page's lead sentences, deterministically", async () => {
    const body = JSON.stringify({ query: "founded", numResults: 2, contents: { text: true, summary: true } });
    const ask = async () =>
      (await (await fetch(`${base}/exa/search`, { method: "POST", headers: { "content-type": "application/json" }, body })).json()) as {
        results: { url: string; summary: string; text: string }[];
      };
    const a = await ask();
    expect(a.results).toHaveLength(2);
    for (const x of a.results) {
      expect(x.summary.length).toBeGreaterThan(0);
      expect(x.summary.length).toBeLessThanOrEqual(320);
      expect(x.text.replace(/\s+/g, " ").startsWith(x.summary.replace(/…$/, ""))).toBe(true);
    }
    expect(await ask()).toEqual(a);
    const c = (await (
      await fetch(`${base}/exa/contents`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ urls: [a.results[0]?.url], summary: { query: "ignored" } }),
      })
    ).json()) as { results: { summary: string }[] };
    expect(c.results[0]?.summary).toBe(a.results[0]?.summary);
  });
});

describe("OpenEnv GenericEnvClient (base_url .../openenv)", () => {
  it("gets OpenEnv's shapes: health, schema, metadata, observation objects, fresh state, mcp, stateless HTTP", async () => {
    const r = await runPython("openenv_client.py", [readmeUrl(/GenericEnvClient\(base_url="([^"]+)"\)/)]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const o = JSON.parse(r.stdout) as Record<string, any>;
    expect(o.health).toEqual([200, { status: "healthy" }]);
    expect(Object.keys(o.schema[1]).sort()).toEqual(["action", "observation", "state"]);
    expect(o.metadata[1]).toMatchObject({ name: "simweb", version: "1.0.0" });
    expect(o.state_before_reset).toMatchObject({ episode_id: null, step_count: 0, done: false });
    expect(o.reset).toMatchObject({ reward: null, done: false, observation: { terminated: false, truncated: false } });
    expect(o.reset.observation.text).toMatch(/Question/);
    expect(o.step.observation.info.results.length).toBeGreaterThan(0);
    expect(o.step).toMatchObject({ reward: 0, done: false });
    expect(o.state.step_count).toBe(1);
    expect(o.tools_list).toMatchObject({ jsonrpc: "2.0", id: 1 });
    expect(o.tools_list.result.tools.map((t: { name: string }) => t.name)).toEqual(["search", "open", "find", "answer"]);
    expect(o.tools_list.result.tools[0].inputSchema.required).toEqual(["query"]);
    expect(o.tools_call).toMatchObject({ id: "two", result: { isError: false, structuredContent: { done: true, terminated: true } } });
    expect(o.tools_call.result.content[0].type).toBe("text");
    expect(o.unknown_method).toMatchObject({ id: 3, error: { code: -32601 } });
    expect(o.no_type).toMatchObject({ type: "error", data: { code: "UNKNOWN_TYPE" } });
    expect(o.extra_field).toMatchObject({ type: "error", data: { code: "VALIDATION_ERROR" } });
    expect(o.http_reset[0]).toBe(200);
    expect(Object.keys(o.http_reset[1]).sort()).toEqual(["done", "observation", "reward"]);
    expect(o.http_reset[1]).toMatchObject({ reward: null, done: false });
    expect(o.http_step[0]).toBe(200);
    expect(o.http_step[1].observation.info.results.length).toBeGreaterThan(0);
    expect(o.http_bad_step[0]).toBe(422);
    expect(o.http_state).toEqual([200, expect.objectContaining({ episode_id: null, step_count: 0 })]);
  });

  it("keeps simweb's shape on /ws and gives OpenEnv's with ?shape=openenv; an mcp call before reset is RESET_NEEDED in error.data", async () => {
    const ask = (path: string, msgs: unknown[]): Promise<any[]> =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(base.replace("http", "ws") + path);
        const got: unknown[] = [];
        ws.onerror = () => reject(new Error("ws error"));
        ws.onopen = () => ws.send(JSON.stringify(msgs[0]));
        ws.onmessage = (e) => {
          got.push(JSON.parse(String(e.data)));
          if (got.length === msgs.length) {
            ws.close();
            resolve(got);
          } else ws.send(JSON.stringify(msgs[got.length]));
        };
      });
    const call = { type: "mcp", data: { jsonrpc: "2.0", method: "tools/call", params: { name: "search", arguments: { query: "x" } }, id: 1 } };
    const [mcp, plain] = await ask("/ws", [call, { type: "reset", data: { seed: 1 } }]);
    expect(mcp.data.error).toMatchObject({ code: -32000, data: { code: "RESET_NEEDED" } });
    expect(typeof plain.data.observation).toBe("string");
    expect(plain.data.reward).toBe(0);
    const [shaped] = await ask("/ws?shape=openenv", [{ type: "reset", data: { seed: 1 } }]);
    expect(shaped.data.observation.text).toBe(plain.data.observation);
  });
});
