import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import type { Trajectory } from "../../../core/index.ts";
import type { EpisodeState } from "../../../env/episode/index.ts";
import { compareLogs } from "../../../scripts/commands/compare.ts";
import { exportRun } from "../../../env/export/index.ts";
import { expandLogPaths, LogReader, TrajectoryLog } from "../../../env/trajectory/index.ts";
import { RunStore } from "../../../env/ui/run-store.ts";
import { wildcardMatch } from "../../../env/trajectory/log-paths.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";

const dir = useTmpDir("simweb-merged-log-");

const state = (episodeId: string, endReason: string, steps: number): EpisodeState => ({
  episodeId,
  seed: 1,
  taskId: "t-x",
  question: "q?",
  stepCount: steps,
  done: true,
  simSeconds: 0.5,
  obsTokens: 0,
  currentUrl: null,
  searchQueries: [],
  openedUrls: [],
  endReason,
});

/** A served-style log (run id `served`, as every replica's is) written by the real writer: `[episode id, end reason, steps]`. */
async function writeLog(path: string, replica: string, episodes: ReadonlyArray<[string, string, number]>): Promise<void> {
  const w = await TrajectoryLog.open(path, { runId: "served", config: { served: true }, seed: 0, policy: "remote", groupSize: 1, resume: true });
  for (const [id, end, n] of episodes) {
    w.begin({
      episodeId: id,
      taskId: "t-x",
      groupId: "t-x",
      sampleIdx: 0,
      policy: "remote",
      seed: 1,
      split: null,
      question: "q?",
      promptMessages: [],
      replica,
      corpusDigest: "sha256:0000000000000001",
    });
    for (let i = 0; i < n; i++) {
      w.onStep(state(id, end, n), {
        index: i,
        action: { name: "search", arguments: { query: `${replica} ${i}` } },
        rawText: null,
        valid: true,
        error: null,
        observation: "o",
        urls: [],
        simSeconds: 0.5,
        fault: null,
      } as never);
    }
    const trajectory = {
      taskId: "t-x",
      steps: [],
      searchQueries: [],
      openedUrls: [],
      finalAnswer: "a",
      answerCount: 1,
      citations: [],
      simSeconds: 0.5,
    } as unknown as Trajectory;
    await w.onEnd(state(id, end, n), trajectory, {
      reward: end === "answer" ? 1 : 0,
      components: { correct: end === "answer" ? 1 : 0 },
      details: {},
      errors: {},
    });
  }
  await w.close();
}

let a = "";
let b = "";
beforeAll(async () => {
  a = join(dir, "served-a.duckdb");
  b = join(dir, "served-b.duckdb");
  await writeLog(a, "a", [
    ["a/1", "answer", 2],
    ["a/2", "answer", 1],
    ["x/shared", "closed", 1], // cut short here, finished in the other log
  ]);
  await writeLog(b, "b", [
    ["b/1", "answer", 3],
    ["x/shared", "answer", 2],
  ]);
});

const read = async <T>(logs: string | readonly string[], fn: (r: LogReader) => Promise<T>): Promise<T> => {
  const r = await LogReader.open(logs);
  try {
    return await fn(r);
  } finally {
    r.close();
  }
};

describe("LogReader.open() over several logs", () => {
  it("reads them as one run, each episode id once (its finished copy, with that copy's steps)", async () => {
    const got = await read([a, b], async (r) => ({
      runs: await r.runs(),
      done: await r.finishedEpisodes(),
      counts: await r.statusCounts(),
      duplicates: r.duplicates,
      shared: await r.episode("served", "x/shared"),
    }));
    expect(got.runs.map((x) => x.runId)).toEqual(["served"]);
    expect(got.done.episodes.map((e) => e.episodeId).sort()).toEqual(["a/1", "a/2", "b/1", "x/shared"]);
    expect(got.counts).toEqual({ done: 4 });
    expect(got.duplicates).toBe(1);
    expect(got.shared).toMatchObject({ status: "done", replica: "b" });
    expect(got.shared?.steps.map((s) => s.index)).toEqual([0, 1]);
    const stepsOf = Object.fromEntries(got.done.episodes.map((e) => [e.episodeId, e.steps.length]));
    expect(stepsOf).toEqual({ "a/1": 2, "a/2": 1, "b/1": 3, "x/shared": 2 });
  });

  it("gives the same as one log for a log given twice, its copy, or a glob; a glob skips live snapshots", async () => {
    const alone = await read(a, (r) => r.finishedEpisodes());
    const twice = await read([a, a], (r) => r.finishedEpisodes());
    expect(twice).toEqual(alone);
    const copy = join(dir, "copy-of-a.duckdb");
    copyFileSync(a, copy);
    const withCopy = await read([a, copy], async (r) => ({ eps: await r.finishedEpisodes(), dup: r.duplicates }));
    expect(withCopy.eps).toEqual(alone);
    expect(withCopy.dup).toBe(3);
    copyFileSync(a, join(dir, "served-a.live.duckdb")); // a stale live snapshot next to the log
    expect(expandLogPaths([join(dir, "served-*.duckdb")])).toEqual([a, b]);
    const globbed = await read(join(dir, "served-?.duckdb"), (r) => r.finishedEpisodes());
    const listed = await read([a, b], (r) => r.finishedEpisodes());
    expect(globbed).toEqual(listed);
  });

  it("merges a log of an older schema (no replica columns) with a newer one", async () => {
    const old = join(dir, "old.duckdb");
    await writeLog(old, "o", [["o/1", "answer", 1]]);
    const inst = await DuckDBInstance.create(old);
    const c = await inst.connect();
    await c.run("ALTER TABLE episodes DROP COLUMN corpus_digest");
    await c.run("ALTER TABLE episodes DROP COLUMN replica");
    c.closeSync();
    inst.closeSync();
    const eps = await read([old, b], async (r) => (await r.finishedEpisodes()).episodes);
    expect(eps.map((e) => [e.episodeId, e.replica])).toEqual([
      ["b/1", "b"],
      ["o/1", null],
      ["x/shared", "b"],
    ]);
  });

  it("names what is wrong: a glob matching nothing, a missing log, a file that is not a log", async () => {
    await expect(LogReader.open(join(dir, "nothing-*.duckdb"))).rejects.toMatchObject({
      code: "LOG_NOT_FOUND",
      message: expect.stringContaining("nothing-*.duckdb"),
    });
    await expect(LogReader.open([a, join(dir, "missing.duckdb")])).rejects.toMatchObject({
      code: "LOG_NOT_FOUND",
      message: expect.stringContaining("missing.duckdb"),
    });
    const foreign = join(dir, "foreign.duckdb");
    const inst = await DuckDBInstance.create(foreign);
    (await inst.connect()).closeSync();
    inst.closeSync();
    await expect(LogReader.open([a, foreign])).rejects.toMatchObject({ code: "BAD_LOG", message: expect.stringContaining("foreign.duckdb") });
  });
});

describe("merged logs in export, compare and the viewer", () => {
  it("export writes each episode once; compare counts one run over both; the viewer's store reads the merge", async () => {
    const out = join(dir, "merged.jsonl");
    const s = await exportRun(join(dir, "served-*.duckdb"), { format: "jsonl", style: "steps", out });
    expect(s.episodes).toBe(4);
    expect(s.rows).toBe(2 + 1 + 3 + 2);
    const c = await compareLogs([[a, b]]);
    expect(c.rows).toHaveLength(1);
    expect(c.rows[0]).toMatchObject({ runId: "served", episodes: 4 });
    const store = new RunStore([a, b], { idleMs: 50 });
    try {
      expect(await store.use(async (db) => (await db.log.finishedEpisodes()).episodes.length)).toBe(4);
    } finally {
      store.close();
    }
  });
});

describe("wildcardMatch()", () => {
  it("matches * and ? against the whole name, and stays fast on a hostile pattern", () => {
    expect(wildcardMatch("served-*.duckdb", "served-r1.duckdb")).toBe(true);
    expect(wildcardMatch("served-?.duckdb", "served-r1.duckdb")).toBe(false);
    expect(wildcardMatch("*a*b", "xxaxxb")).toBe(true);
    expect(wildcardMatch("*a*b", "xxaxxbc")).toBe(false);
    expect(wildcardMatch(`${"*a".repeat(30)}b`, "a".repeat(200))).toBe(false);
  });
});
