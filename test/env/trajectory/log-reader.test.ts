import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import type { EpisodeState } from "../../../env/episode/index.ts";
import { LogReader, readLog, TrajectoryLog, type LogContents } from "../../../env/trajectory/index.ts";
import type { Trajectory } from "../../../core/index.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";
import { makeUiRun, type UiRun } from "../ui/ui-fixture.ts";

const dir = useTmpDir("simweb-log-reader-");
let run: UiRun;
let log: LogContents;
let mixed = "";

const state = (episodeId: string, endReason: string): EpisodeState => ({
  episodeId,
  seed: 1,
  taskId: "t-x",
  question: "q?",
  stepCount: 1,
  done: true,
  simSeconds: 0.5,
  obsTokens: 0,
  currentUrl: null,
  searchQueries: [],
  openedUrls: [],
  endReason,
});
const trajectory: Trajectory = {
  taskId: "t-x",
  steps: [],
  searchQueries: [],
  openedUrls: [],
  finalAnswer: "a",
  answerCount: 1,
  citations: [],
  simSeconds: 0.5,
} as unknown as Trajectory;

/** A log written by the real writer with one episode of each status: done, error (a failed policy), closed (an interrupt). */
async function writeMixedLog(path: string): Promise<void> {
  const w = await TrajectoryLog.open(path, { runId: "mixed", config: {}, seed: 1, policy: "p", groupSize: 3 });
  for (const [i, [id, end]] of [
    ["ok", "answer"],
    ["bad", "answer"],
    ["cut", "closed"],
  ].entries()) {
    w.begin({ episodeId: id as string, taskId: "t-x", groupId: "g", sampleIdx: i, policy: "p", seed: 1, split: "train", question: "q?", promptMessages: [] });
    w.onStep(state(id as string, end as string), {
      index: 0,
      action: { name: "search", arguments: { query: "x" } },
      rawText: null,
      valid: true,
      error: null,
      observation: "o",
      urls: [],
      simSeconds: 0.5,
      fault: null,
    } as never);
    if (id === "bad") w.fail("bad", "HTTP_ERROR: boom");
    await w.onEnd(state(id as string, end as string), trajectory, {
      reward: i === 0 ? 1 : 0,
      components: { correct: i === 0 ? 1 : 0 },
      details: {},
      errors: {},
    });
  }
  await w.close();
}

beforeAll(async () => {
  run = await makeUiRun(dir);
  log = await readLog(run.log);
  mixed = join(dir, "mixed.duckdb");
  await writeMixedLog(mixed);
});

const withReader = async <T>(path: string, fn: (r: LogReader) => Promise<T>): Promise<T> => {
  const r = await LogReader.open(path);
  try {
    return await fn(r);
  } finally {
    r.close();
  }
};

describe("LogReader.open()", () => {
  it("opens a log read-only and says so in source; refuses a missing file, a foreign DuckDB file and junk with stable codes", async () => {
    await withReader(run.log, async (r) => expect(r.source).toEqual({ kind: "log", path: run.log }));
    await expect(LogReader.open(join(dir, "missing.duckdb"))).rejects.toMatchObject({ code: "LOG_NOT_FOUND" });
    const other = join(dir, "other.duckdb");
    const inst = await DuckDBInstance.create(other);
    const c = await inst.connect();
    await c.run("CREATE TABLE t (x INTEGER)");
    c.closeSync();
    inst.closeSync();
    await expect(LogReader.open(other)).rejects.toMatchObject({ code: "BAD_LOG", message: expect.stringContaining("missing table") });
    const junk = join(dir, "junk.duckdb");
    writeFileSync(junk, "not a database");
    await expect(LogReader.open(junk)).rejects.toMatchObject({ code: "BAD_LOG" });
  });
});

describe("LogReader runs() and choices()", () => {
  it("lists the runs with their config and the distinct values of the log", async () => {
    await withReader(run.log, async (r) => {
      const runs = await r.runs();
      expect(runs.map((x) => x.runId).sort()).toEqual(["random", "scripted"]);
      expect(runs[0]).toMatchObject({ groupSize: 3, seed: 3, config: expect.objectContaining({ corpus: run.corpus }) });
      expect(runs[0]?.startedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      const ch = await r.choices();
      expect(ch.componentNames).toEqual(log.componentNames);
      expect(ch.policies).toEqual(["random", "scripted"]);
      expect(ch.statuses).toEqual(["done"]);
      expect(ch.taskIds).toEqual([...new Set(log.episodes.map((e) => e.taskId))].sort());
    });
  });
});

describe("LogReader listEpisodes() and listGroups()", () => {
  it("filters, sorts and pages episodes; binds search text as a value", async () => {
    await withReader(run.log, async (r) => {
      const all = await r.listEpisodes({}, { offset: 0, limit: 1000 });
      expect(all.total).toBe(log.episodes.length);
      expect(all.rows.map((e) => `${e.runId}/${e.episodeId}`).sort()).toEqual(log.episodes.map((e) => `${e.runId}/${e.episodeId}`).sort());
      const hi = await r.listEpisodes({ minReward: 0.5, policy: "scripted" }, { offset: 0, limit: 1000, sort: "-reward" });
      expect(hi.total).toBe(log.episodes.filter((e) => e.reward >= 0.5 && e.policy === "scripted").length);
      expect(hi.rows.map((e) => e.reward)).toEqual([...hi.rows.map((e) => e.reward)].sort((a, b) => b - a));
      const page = await r.listEpisodes({}, { offset: 30, limit: 5 });
      expect([page.total, page.rows.length]).toEqual([36, 5]);
      expect((await r.listEpisodes({ q: "GLIMMER labs" }, { offset: 0, limit: 100 })).rows.every((e) => e.taskId === "t-004")).toBe(true);
      expect((await r.listEpisodes({ q: "') OR 1=1 --" }, { offset: 0, limit: 100 })).total).toBe(0);
      await expect(r.listEpisodes({}, { offset: 0, limit: 5, sort: "evil; DROP TABLE runs" })).rejects.toMatchObject({ code: "BAD_CONFIG" });
      const row = all.rows.find((e) => e.runId === "scripted" && e.episodeId === "t-001#0");
      const e = log.episodes.find((x) => x.runId === "scripted" && x.episodeId === "t-001#0");
      expect(row).toMatchObject({ stepCount: e?.steps.length, finalAnswer: e?.finalAnswer, reward: e?.reward, status: "done" });
    });
  });

  it("aggregates groups with the rollouts passing the filter", async () => {
    await withReader(run.log, async (r) => {
      const g = await r.listGroups({ run: "scripted" }, { offset: 0, limit: 100 });
      expect(g.total).toBe(6);
      const mine = log.episodes.filter((e) => e.runId === "scripted" && e.groupId === "t-001");
      expect(g.rows.find((x) => x.groupId === "t-001")).toMatchObject({
        rollouts: 3,
        minReward: Math.min(...mine.map((e) => e.reward)),
        maxReward: Math.max(...mine.map((e) => e.reward)),
        meanReward: expect.closeTo(mine.reduce((a, e) => a + e.reward, 0) / 3, 9),
      });
    });
  });
});

describe("LogReader episode() and group()", () => {
  it("returns one episode with its steps, components and verifier output, as the writer logged it", async () => {
    await withReader(run.log, async (r) => {
      const e = log.episodes.find((x) => x.runId === "random" && x.episodeId === "t-002#1");
      const d = await r.episode("random", "t-002#1");
      expect(d).toMatchObject({ ...e, status: "done", error: null });
      expect(d?.rewardDetails).toEqual(expect.any(Object));
      expect(d?.finishedAt).toMatch(/^\d{4}-\d\d-\d\dT/); // schema 2: the writer records when each episode ended
      expect(await r.episode("random", "nope")).toBeNull();
    });
  });

  it("returns a group's rollouts by sample index with their actions and components", async () => {
    await withReader(run.log, async (r) => {
      const members = await r.group("scripted", "t-003");
      const mine = log.episodes.filter((e) => e.runId === "scripted" && e.groupId === "t-003");
      expect(members.map((m) => m.episodeId)).toEqual(mine.map((e) => e.episodeId));
      expect(members.map((m) => m.actions.map((a) => a.action))).toEqual(mine.map((e) => e.steps.map((s) => s.action)));
      expect(members.map((m) => m.components)).toEqual(mine.map((e) => e.components));
      expect(await r.group("scripted", "nope")).toEqual([]);
    });
  });
});

describe("LogReader outcomes(), statusCounts() and componentValues()", () => {
  it("gives overview inputs: correctness, end times after the run start, status counts, component values", async () => {
    await withReader(run.log, async (r) => {
      const o = await r.outcomes({ run: "scripted" }, { correctness: "correct" });
      const mine = log.episodes.filter((e) => e.runId === "scripted");
      expect(o.map((x) => x.correctness)).toEqual(mine.map((e) => e.components.correct ?? null));
      expect(r.hasEndTimes).toBe(true);
      expect(o.every((x) => x.finishedAfter !== null && x.finishedAfter >= 0 && x.finishedAfter < 600)).toBe(true);
      expect(await r.statusCounts({})).toEqual({ done: 36 });
      const correct = (await r.componentValues({ policy: "random" })).find((c) => c.name === "correct");
      expect(correct?.values.sort()).toEqual(
        log.episodes
          .filter((e) => e.policy === "random")
          .map((e) => e.components.correct)
          .sort(),
      );
    });
  });

  it("tells done, failed and closed episodes apart; export reads only the done ones", async () => {
    await withReader(mixed, async (r) => {
      expect(await r.statusCounts({})).toEqual({ closed: 1, done: 1, error: 1 });
      expect((await r.outcomes({}, { status: "error" })).map((x) => x.episodeId)).toEqual(["bad"]);
      expect((await r.outcomes({}, { status: null })).map((x) => x.status)).toEqual(["done", "error", "closed"]);
      expect((await r.episode("mixed", "bad"))?.error).toBe("HTTP_ERROR: boom");
      expect((await r.listEpisodes({ status: "closed" }, { offset: 0, limit: 10 })).rows.map((x) => x.episodeId)).toEqual(["cut"]);
      const fin = await r.finishedEpisodes();
      expect(fin.episodes.map((e) => e.episodeId)).toEqual(["ok"]);
      expect(fin.episodes[0]?.steps).toHaveLength(1);
      expect(await r.failureReasons()).toEqual([
        { reason: "HTTP_ERROR: boom", n: 1 },
        { reason: "closed", n: 1 },
      ]);
    });
  });
});

describe("LogReader finishedEpisodes()", () => {
  it("is what readLog returns, restricted to a run when asked", async () => {
    await withReader(run.log, async (r) => {
      expect(await r.finishedEpisodes()).toEqual(log);
      const one = await r.finishedEpisodes({ runId: "random" });
      expect(one.runIds).toEqual(["random"]);
      expect(one.episodes).toEqual(log.episodes.filter((e) => e.runId === "random"));
    });
  });
});
