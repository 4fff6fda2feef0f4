import { beforeAll, describe, expect, it } from "vitest";
import type { EpisodeSink } from "../../../env/episode/index.ts";
import { SimWeb } from "../../../env/simweb/index.ts";
import type { Task } from "../../../core/task.ts";
import type { Trajectory, TrajectoryStep } from "../../../core/trajectory.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";
import { makeWorld } from "../../helpers/world.ts";

const dir = useTmpDir();
let web: SimWeb;
let single: Task;

beforeAll(async () => {
  const w = await makeWorld(dir, 600, 11);
  web = await SimWeb.open(w.db);
  const t = web.tasks.list("train").find((x) => x.type === "single_fact");
  if (!t) throw new Error("the test world has no single_fact task");
  single = t;
  return () => web.close();
});

/** A scripted, fully deterministic sequence of actions against the world. */
async function play(seed: number, sink?: EpisodeSink): Promise<string> {
  const ep = web.createEpisode("e", sink);
  const out: unknown[] = [ep.reset({ seed, taskId: single.id })];
  const actions = [
    { name: "search", arguments: { query: single.question } },
    { name: "open", arguments: { id: 1 } },
    { name: "find", arguments: { pattern: single.question.split(" ").slice(-2, -1)[0] ?? "the" } },
    { name: "open", arguments: { id: 0 } },
    { name: "answer", arguments: { answer: single.answers[0], citations: single.goldUrls } },
  ];
  for (const a of actions) out.push(await ep.step(a));
  return JSON.stringify(out);
}

describe("Episode", () => {
  it("reset returns the question, the tools and limits; step before reset is RESET_NEEDED", async () => {
    const ep = web.createEpisode("a");
    await expect(ep.step({ name: "search", arguments: { query: "x" } })).rejects.toMatchObject({ code: "RESET_NEEDED" });
    const r = ep.reset({ seed: 3, taskId: single.id });
    expect(r.observation).toContain(single.question);
    expect(r.info).toMatchObject({ task_id: single.id, seed: 3 });
    expect((r.info.tools as Array<{ function: { name: string } }>).map((t) => t.function.name)).toEqual(["search", "open", "find", "answer"]);
    expect(() => ep.reset({ taskId: "no-such-task" })).toThrow(expect.objectContaining({ code: "UNKNOWN_TASK" }));
  });

  it("searches, opens by rank, answers correctly with citations, and terminates with the rubric's reward", async () => {
    const ep = web.createEpisode("b");
    ep.reset({ seed: 1, taskId: single.id });
    const s = await ep.step({ name: "search", arguments: JSON.stringify({ query: single.question, k: 5 }) });
    expect(s).toMatchObject({ reward: 0, terminated: false, truncated: false });
    expect((s.info.results as unknown[]).length).toBeGreaterThan(0);
    expect(s.observation).toMatch(/^\[1\] Search results for/);
    const o = await ep.step({ name: "open", arguments: { url: single.goldUrls[0] } });
    expect(o.observation).toMatch(/\*\*viewing lines \[0 - \d+\] of \d+\*\*/);
    expect(o.info.url).toBe(single.goldUrls[0]);
    const a = await ep.step({ name: "answer", arguments: { answer: single.answers[0], citations: [single.goldUrls[0]] } });
    expect(a.terminated).toBe(true);
    expect(a.info.end_reason).toBe("answer");
    expect((a.info.reward_components as Record<string, number>).correct).toBe(1);
    expect(a.reward).toBeGreaterThanOrEqual(1);
    await expect(ep.step({ name: "search", arguments: { query: "again" } })).rejects.toMatchObject({ code: "RESET_NEEDED" });
  });

  it("a wrong answer with no search earns less than the honest episode (no-search penalty)", async () => {
    const ep = web.createEpisode("c");
    ep.reset({ seed: 1, taskId: single.id });
    const a = await ep.step({ name: "answer", arguments: { answer: "definitely not it" } });
    expect(a.terminated).toBe(true);
    expect(a.reward).toBeLessThan(0);
  });

  it("invalid actions are steps with an explanatory observation; the episode goes on", async () => {
    const ep = web.createEpisode("d");
    ep.reset({ seed: 1, taskId: single.id });
    const bad = await ep.step({ name: "delete_everything", arguments: {} });
    expect(bad.info).toMatchObject({ valid: false, error: "VALIDATION_ERROR" });
    expect(bad.observation).toMatch(/^Invalid action: unknown tool/);
    const text = await ep.step({ text: "<search>" + single.question + "</search>" });
    expect(text.info.valid).toBe(true);
    expect(text.observation).toMatch(/^<information>Doc 1\(Title: /);
    const find = await ep.step({ name: "find", arguments: { pattern: "x" } });
    expect(find.info.error).toBe("NO_PAGE");
    expect(ep.state().stepCount).toBe(3);
  });

  it("hitting max_steps truncates and scores the episode", async () => {
    const ep = web.createEpisode("e");
    ep.reset({ seed: 1, taskId: single.id, options: { maxSteps: 2 } });
    const r1 = await ep.step({ name: "search", arguments: { query: "a" } });
    expect(r1.truncated).toBe(false);
    const r2 = await ep.step({ name: "search", arguments: { query: "b" } });
    expect(r2).toMatchObject({ terminated: false, truncated: true });
    expect(r2.info.end_reason).toBe("max_steps");
    expect(r2.info.reward_components).toBeDefined();
  });

  it("follows recorded redirects when opening a URL", async () => {
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const inst = await DuckDBInstance.create(web.dbPath, { access_mode: "READ_ONLY" });
    const c = await inst.connect();
    const row = (await c.runAndReadAll("SELECT url, redirect_to FROM pages WHERE redirect_to IS NOT NULL LIMIT 1")).getRowObjectsJS()[0];
    c.closeSync();
    inst.closeSync();
    if (!row) throw new Error("the test world has no redirect");
    const ep = web.createEpisode("f");
    ep.reset({ seed: 1, taskId: single.id });
    const o = await ep.step({ name: "open", arguments: { url: String(row.url) } });
    expect(o.info.redirects).toEqual([row.url]);
    expect(o.info.url).toBe(row.redirect_to);
  });

  it("same seed → identical observations, rewards and info, byte for byte; the sink sees every step", async () => {
    const steps: TrajectoryStep[] = [];
    let ended: Trajectory | null = null;
    const sink: EpisodeSink = { onStep: (_s, st) => steps.push(st), onEnd: (_s, t) => void (ended = t) };
    const a = await play(5, sink);
    const b = await play(5);
    expect(a).toBe(b);
    expect(steps).toHaveLength(5);
    expect(ended).not.toBeNull();
    expect(ended!.finalAnswer).toBe(single.answers[0]);
  });

  it("reset without a task id draws a task from the split with the seed", () => {
    const pick = (seed: number) => web.createEpisode("g").reset({ seed, split: "test" }).info.task_id;
    expect(pick(42)).toBe(pick(42));
    const drawn = new Set([1, 2, 3, 4, 5, 6, 7, 8].map(pick));
    expect(drawn.size).toBeGreaterThan(1);
    for (const id of drawn) expect(web.tasks.get(String(id))?.split).toBe("test");
  });
});

describe("Episode with a fault profile", () => {
  it("draws the same simulated latency and faults for the same seed, and faults do show up under 'harsh'", async () => {
    const harsh = await SimWeb.open(web.dbPath, { faults: "harsh" });
    try {
      const run = async (seed: number) => {
        const ep = harsh.createEpisode("h");
        ep.reset({ seed, taskId: single.id });
        const out = [];
        for (let i = 0; i < 6; i++) out.push(await ep.step({ name: "search", arguments: { query: `${single.question} ${i}` } }));
        return out;
      };
      const a = await run(9);
      expect(JSON.stringify(a)).toBe(JSON.stringify(await run(9)));
      expect(a.every((s) => typeof s.info.sim_seconds === "number")).toBe(true);
      expect(a.some((s) => (s.info.sim_seconds as number) > 0)).toBe(true);
      const faults = [];
      for (let seed = 0; seed < 20; seed++) for (const s of await run(seed)) if (s.info.fault) faults.push(s.info.fault);
      expect(faults.length).toBeGreaterThan(0);
    } finally {
      harsh.close();
    }
  });
});
