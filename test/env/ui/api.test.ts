import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { advantagesOf } from "../../../env/export/index.ts";
import { readLog, type LogContents } from "../../../env/trajectory/index.ts";
import { actionKey, firstDivergence, startUiServer, type UiServer } from "../../../env/ui/index.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";
import { FIXTURE_TYPES, HOSTILE, makeUiRun, type UiRun } from "./ui-fixture.ts";

const dir = useTmpDir("simweb-ui-api-");
let run: UiRun;
let srv: UiServer;
let log: LogContents;

beforeAll(async () => {
  run = await makeUiRun(dir);
  log = await readLog(run.log);
  srv = await startUiServer({ runPath: run.log, pageLinkBase: "/page", idleMs: 50 });
});
afterAll(() => srv?.close());

async function get(path: string): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(new URL(path, srv.url));
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text };
}

describe("GET /ui/api/meta", () => {
  it("lists the runs, component names, choices, the corpus from the run's config, and the page link base", async () => {
    const { body } = await get("api/meta");
    expect(body.runs.map((r: any) => r.runId).sort()).toEqual(["random", "scripted"]);
    expect(body.componentNames).toEqual(log.componentNames);
    expect(body.policies).toEqual(["random", "scripted"]);
    expect(body.endReasons).toEqual(expect.arrayContaining(["answer", "max_steps"]));
    expect(body.corpus).toEqual({ path: run.corpus, error: null, tasks: 6 });
    expect(body.successBy).toBe("correct");
    expect(body.pageLinkBase).toBe("/page");
  });
});

describe("GET /ui/api/overview", () => {
  it("matches the log: counts, mean reward, success rate and histogram totals", async () => {
    const { body } = await get("api/overview");
    const eps = log.episodes;
    expect(body.episodes).toBe(eps.length);
    expect(body.groups).toBe(12);
    expect(body.statuses).toEqual({ done: eps.length });
    expect(body.meanReward).toBeCloseTo(eps.reduce((a, e) => a + e.reward, 0) / eps.length, 9);
    expect(body.successRate).toBeCloseTo(eps.filter((e) => (e.components.correct ?? 0) >= 1).length / eps.length, 9);
    const total = (h: any): number => h.bins.reduce((a: number, b: any) => a + b.n, 0);
    for (const h of [body.reward, body.steps, body.simSeconds, body.wallSeconds]) expect(total(h)).toBe(eps.length);
    expect(body.steps.mean).toBeCloseTo(eps.reduce((a, e) => a + e.steps.length, 0) / eps.length, 9);
    expect(body.components.map((c: any) => c.name)).toEqual(log.componentNames);
    const correct = body.components.find((c: any) => c.name === "correct");
    expect(correct.hist.mean).toBeCloseTo(eps.reduce((a, e) => a + (e.components.correct ?? 0), 0) / eps.length, 9);
    expect(body.throughput.buckets.reduce((a: number, b: any) => a + b.n, 0)).toBe(eps.length);
    expect(body.endReasons.answer + body.endReasons.max_steps).toBe(eps.length);
  });

  it("gives success by task type and hop count from the corpus tasks", async () => {
    const { body } = await get("api/overview?run=scripted");
    const eps = log.episodes.filter((e) => e.runId === "scripted");
    const ids = ["t-001", "t-002", "t-003", "t-004", "t-005", "t-006"];
    for (const [i, type] of FIXTURE_TYPES.entries()) {
      const mine = eps.filter((e) => ids.indexOf(e.taskId) % 3 === i);
      const row = body.byType.find((r: any) => r.key === type);
      expect(row).toMatchObject({ episodes: mine.length, successes: mine.filter((e) => e.components.correct === 1).length });
      expect(body.byHops.find((r: any) => r.key === String(i + 1)).episodes).toBe(mine.length);
    }
  });

  it("applies the filters", async () => {
    const { body } = await get("api/overview?policy=random");
    expect(body.episodes).toBe(log.episodes.filter((e) => e.policy === "random").length);
  });
});

describe("GET /ui/api/episodes", () => {
  it("filters by policy, reward range, end reason and text, and pages", async () => {
    const byPolicy = (await get("api/episodes?policy=scripted&limit=500")).body;
    expect(byPolicy.total).toBe(18);
    expect(byPolicy.rows.every((r: any) => r.policy === "scripted")).toBe(true);
    const hi = (await get("api/episodes?minReward=0.5&maxReward=1")).body;
    expect(hi.total).toBe(log.episodes.filter((e) => e.reward >= 0.5 && e.reward <= 1).length);
    expect(hi.total).toBeGreaterThan(0);
    const maxSteps = (await get("api/episodes?endReason=max_steps")).body;
    expect(maxSteps.total).toBe(log.episodes.filter((e) => e.endReason === "max_steps").length);
    const q = (await get(`api/episodes?q=${encodeURIComponent("GLIMMER labs")}`)).body;
    expect(q.total).toBe(6);
    expect(q.rows.every((r: any) => r.taskId === "t-004")).toBe(true);
    const byId = (await get(`api/episodes?q=${encodeURIComponent("t-002#1")}`)).body;
    expect(byId.rows.map((r: any) => r.episodeId)).toEqual(["t-002#1", "t-002#1"]);
    const page = (await get("api/episodes?limit=5&offset=30&sort=-reward")).body;
    expect(page).toMatchObject({ total: 36, offset: 30 });
    expect(page.rows).toHaveLength(5);
    const sorted = (await get("api/episodes?limit=500&sort=-reward")).body.rows.map((r: any) => r.reward);
    expect(sorted).toEqual([...sorted].sort((a: number, b: number) => b - a));
  });

  it("returns advantages equal to the exporter's", async () => {
    const adv = advantagesOf(log.episodes, { method: "group", epsilon: 1e-6 });
    const rows = (await get("api/episodes?limit=500")).body.rows;
    log.episodes.forEach((e, i) => {
      const row = rows.find((r: any) => r.runId === e.runId && r.episodeId === e.episodeId);
      expect(row.advantage).toBeCloseTo(adv[i] as number, 9);
    });
  });

  it("rejects bad parameters with BAD_PARAM", async () => {
    for (const q of ["limit=0", "limit=501", "offset=-1", "minReward=abc", "sort=evil", "minReward=2&maxReward=1", `q=${"x".repeat(501)}`]) {
      const r = await get(`api/episodes?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code).toBe("BAD_PARAM");
    }
  });

  it("treats SQL in the search text as text", async () => {
    const r = await get(`api/episodes?q=${encodeURIComponent("') OR 1=1 --")}`);
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(0);
  });
});

describe("GET /ui/api/tasks", () => {
  it("lists groups with their rollouts' reward range and the corpus type", async () => {
    const { body } = await get("api/tasks?run=scripted&q=vexa");
    expect(body.total).toBe(1);
    const mine = log.episodes.filter((e) => e.runId === "scripted" && e.taskId === "t-001");
    expect(body.rows[0]).toMatchObject({
      taskId: "t-001",
      type: "single_fact",
      hops: 1,
      rollouts: run.groupSize,
      minReward: Math.min(...mine.map((e) => e.reward)),
    });
  });
});

describe("GET /ui/api/group", () => {
  it("puts the G rollouts side by side with the first divergent step of their actions", async () => {
    for (const runId of ["scripted", "random"]) {
      for (const taskId of ["t-001", "t-002", "t-005"]) {
        const { body } = await get(`api/group?run=${runId}&id=${taskId}`);
        const mine = log.episodes.filter((e) => e.runId === runId && e.groupId === taskId);
        expect(body.rollouts.map((r: any) => r.episodeId)).toEqual(mine.map((e) => e.episodeId));
        expect(body.rollouts.map((r: any) => r.reward)).toEqual(mine.map((e) => e.reward));
        const expected = firstDivergence(mine.map((e) => e.steps.map((s) => actionKey(s.action === null ? null : JSON.stringify(s.action), s.rawText))));
        expect(body.divergence).toEqual(expected);
        expect(body.task.answers).toBeInstanceOf(Array);
      }
    }
    const random = (await get("api/group?run=random&id=t-001")).body;
    expect(random.divergence.step).not.toBeNull();
    const before = random.divergence.step as number;
    const labels = random.rollouts.map((r: any) => r.steps[before]?.label ?? null);
    expect(new Set(labels).size).toBeGreaterThan(1);
    for (let s = 0; s < before; s++) expect(new Set(random.rollouts.map((r: any) => r.steps[s].label)).size).toBe(1);
  });

  it("answers NOT_FOUND for an unknown group and BAD_PARAM without an id", async () => {
    expect((await get("api/group?run=scripted&id=nope")).body.error.code).toBe("NOT_FOUND");
    expect((await get("api/group?run=scripted")).status).toBe(400);
  });
});

describe("GET /ui/api/episode", () => {
  it("returns the steps, verdicts, gold answers and citations of one episode", async () => {
    const e = log.episodes.find((x) => x.runId === "scripted" && x.episodeId === "t-001#0");
    const { body } = await get(`api/episode?run=scripted&id=${encodeURIComponent("t-001#0")}`);
    expect(body.steps.map((s: any) => s.observation)).toEqual(e?.steps.map((s) => s.observation));
    expect(body.finalAnswer).toBe(e?.finalAnswer);
    expect(body.citations).toEqual(e?.citations);
    expect(body.task).toMatchObject({ answers: ["1987"], goldUrls: ["https://wiki.test/Vexa_Corp"], type: "single_fact" });
    expect(body.verdicts.find((v: any) => v.name === "correct").value).toBe(e?.components.correct);
    expect(body.siblings.map((s: any) => s.episodeId)).toEqual(["t-001#0", "t-001#1", "t-001#2"]);
    // observations are data: the JSON carries the hostile markup verbatim (the page escapes it)
    expect(body.steps[0].observation).toContain(HOSTILE);
  });
});

describe("createUiHandler()", () => {
  it("serves the front end with a strict CSP, redirects /ui, answers HEAD, and refuses writes", async () => {
    const index = await get("");
    expect(index.status).toBe(200);
    expect(index.body).toContain('<script type="module" src="app.js">');
    expect(index.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect((await get("lib/html.js")).headers.get("content-type")).toContain("text/javascript");
    const bare = await fetch(new URL("/ui?x=1", srv.url), { redirect: "manual" });
    expect([bare.status, bare.headers.get("location")]).toEqual([301, "/ui/?x=1"]);
    const head = await fetch(new URL("api/meta", srv.url), { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    const post = await fetch(new URL("api/meta", srv.url), { method: "POST" });
    expect(post.status).toBe(405);
    expect((await get("api/nope")).body.error.code).toBe("NOT_FOUND");
    expect((await get("nope.js")).status).toBe(404);
    expect((await fetch(new URL("/elsewhere", srv.url))).status).toBe(404);
  });

  it("reopens the log after closing it when idle", async () => {
    await new Promise((r) => setTimeout(r, 120));
    expect((await get("api/episodes?limit=1")).body.total).toBe(36);
  });
});

describe("startUiServer()", () => {
  it("refuses a missing file and a DuckDB file that is not a trajectory log", async () => {
    await expect(startUiServer({ runPath: join(dir, "missing.duckdb") })).rejects.toMatchObject({ code: "LOG_NOT_FOUND" });
    const other = join(dir, "other.duckdb");
    const inst = await DuckDBInstance.create(other);
    const c = await inst.connect();
    await c.run("CREATE TABLE t (x INTEGER)");
    c.closeSync();
    inst.closeSync();
    await expect(startUiServer({ runPath: other })).rejects.toMatchObject({ code: "BAD_LOG", message: expect.stringContaining("missing table") });
    const junk = join(dir, "junk.duckdb");
    writeFileSync(junk, "not a database");
    await expect(startUiServer({ runPath: junk })).rejects.toMatchObject({ code: "BAD_LOG" });
  });

  it("serves a log without a corpus, saying why there are no task types", async () => {
    const s = await startUiServer({ runPath: run.log, corpusPath: join(dir, "nope.duckdb") });
    try {
      const meta = (await (await fetch(new URL("api/meta", s.url))).json()) as any;
      expect(meta.corpus.error).toMatch(/not found/);
      const o = (await (await fetch(new URL("api/overview", s.url))).json()) as any;
      expect(o.byType).toEqual([expect.objectContaining({ key: "unknown", episodes: 36 })]);
    } finally {
      await s.close();
    }
  });
});
