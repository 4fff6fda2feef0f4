import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  episodeSeed,
  localDriver,
  randomPolicy,
  resolveTasks,
  RolloutError,
  runRollouts,
  scriptedPolicy,
  type PolicyFactory,
} from "../../../env/rollout/index.ts";
import { FIXTURE_TASKS, fixtureDeps } from "../../helpers/rollout-fixture.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";
import { queryLog, trajectories } from "./log-inspect.ts";

const dir = useTmpDir("simweb-runner-");
const base = { tasks: FIXTURE_TASKS, groupSize: 3, maxSteps: 10, seed: 5 };

describe("runRollouts()", () => {
  it("is deterministic: same seeds give identical trajectories whatever the concurrency", async () => {
    for (const [name, policy] of [
      ["scripted", scriptedPolicy()],
      ["random", randomPolicy()],
    ] as const) {
      const a = join(dir, `${name}-a.duckdb`);
      const b = join(dir, `${name}-b.duckdb`);
      await runRollouts({ ...base, out: a, driver: localDriver(fixtureDeps()), policy, concurrency: 1 });
      await runRollouts({ ...base, out: b, driver: localDriver(fixtureDeps()), policy, concurrency: 4, batchEpisodes: 5 });
      const ta = await trajectories(a);
      expect(ta.size).toBe(FIXTURE_TASKS.length * 3);
      expect(await trajectories(b)).toEqual(ta);
    }
    const other = join(dir, "random-other-seed.duckdb");
    await runRollouts({ ...base, seed: 6, out: other, driver: localDriver(fixtureDeps()), policy: randomPolicy(), concurrency: 2 });
    expect(await trajectories(other)).not.toEqual(await trajectories(join(dir, "random-a.duckdb")));
  });

  it("logs groups, seeds, components and tool-call ids; the scripted policy solves the single-fact tasks", async () => {
    const out = join(dir, "logged.duckdb");
    const s = await runRollouts({ ...base, out, driver: localDriver(fixtureDeps()), policy: scriptedPolicy(), concurrency: 2 });
    expect(s.episodes).toBe(18);
    expect(s.meanReward).toBeGreaterThan(0.5);
    const eps = await queryLog(out, `SELECT episode_id, task_id, group_id, sample_idx, seed, reward, final_answer, policy FROM episodes ORDER BY episode_id`);
    const first = eps.find((e) => e.episode_id === "t-001#2");
    expect(first).toMatchObject({ task_id: "t-001", group_id: "t-001", sample_idx: 2, final_answer: "1987", reward: 1, policy: "scripted" });
    expect(Number(first?.seed)).toBe(episodeSeed(5, "t-001", 2));
    const solved = new Set(eps.filter((e) => e.reward === 1).map((e) => e.task_id));
    for (const t of ["t-001", "t-002", "t-003", "t-004", "t-006"]) expect(solved).toContain(t);
    const comps = await queryLog(out, `SELECT DISTINCT name FROM components ORDER BY name`);
    expect(comps.map((c) => c.name)).toEqual(["citation", "correct", "num_steps"]);
    const steps = await queryLog(out, `SELECT call_id, action FROM steps WHERE episode_id = 't-001#0' ORDER BY idx`);
    expect(steps.map((r) => r.call_id)).toEqual(steps.map((_, i) => `call_${i}`));
    expect(JSON.parse(String(steps[0]?.action))).toMatchObject({ name: "search" });
  });

  it("an abort closes in-flight episodes; resume redoes them and the log matches an uninterrupted run", async () => {
    const out = join(dir, "aborted.duckdb");
    const ac = new AbortController();
    const s1 = await runRollouts({
      ...base,
      out,
      driver: localDriver(fixtureDeps()),
      policy: scriptedPolicy(),
      concurrency: 2,
      signal: ac.signal,
      onProgress: (p) => {
        if (p.episodesDone >= 4) ac.abort();
      },
    });
    expect(s1.episodes).toBeLessThan(18);
    expect(s1.interrupted).toBeGreaterThan(0);
    const closed = await queryLog(out, `SELECT count(*) AS n FROM episodes WHERE status = 'closed'`);
    expect(Number(closed[0]?.n)).toBe(s1.interrupted);
    const s2 = await runRollouts({ ...base, out, driver: localDriver(fixtureDeps()), policy: scriptedPolicy(), concurrency: 2, resume: true });
    expect(s2.skipped).toBe(s1.episodes);
    expect(s2.episodes).toBe(18 - s1.episodes);
    expect(await trajectories(out)).toEqual(await trajectories(join(dir, "logged.duckdb")));
  });

  it("refuses to reuse a log without --resume and to resume with another configuration", async () => {
    const out = join(dir, "logged.duckdb");
    const run = (o: Partial<Parameters<typeof runRollouts>[0]>) =>
      runRollouts({ ...base, out, driver: localDriver(fixtureDeps()), policy: scriptedPolicy(), concurrency: 2, ...o });
    await expect(run({})).rejects.toMatchObject({ code: "LOG_ERROR" });
    await expect(run({ resume: true, seed: 99 })).rejects.toMatchObject({ code: "RESUME_MISMATCH" });
    await expect(run({ resume: true, groupSize: 4 })).rejects.toThrow(/groupSize/);
    await expect(run({ out: join(dir, "x.duckdb"), concurrency: 0 })).rejects.toBeInstanceOf(RolloutError);
  });

  it("logs a failing policy's episodes as errors, redone on resume; stops after too many failures in a row", async () => {
    const failing: PolicyFactory = {
      name: "failing",
      config: { policy: "failing" },
      create: () => ({
        name: "failing",
        initialMessages: (_q, o) => [{ role: "user", content: o }],
        act: async () => {
          throw new RolloutError("HTTP_ERROR", "boom");
        },
      }),
    };
    const out = join(dir, "failing.duckdb");
    await expect(
      runRollouts({ ...base, out, driver: localDriver(fixtureDeps()), policy: failing, concurrency: 1, maxConsecutiveErrors: 3 }),
    ).rejects.toMatchObject({ code: "POLICY_ERROR" });
    const rows = await queryLog(out, `SELECT status, error FROM episodes`);
    expect(rows.length).toBe(3);
    expect(rows.every((r) => r.status === "error" && String(r.error).includes("boom"))).toBe(true);
  });

  it("stops early when episodes keep failing for one reason, and reports the reasons grouped", async () => {
    let n = 0;
    const flaky: PolicyFactory = {
      name: "flaky",
      config: { policy: "flaky" },
      create: () => ({
        name: "flaky",
        initialMessages: (_q, o) => [{ role: "user", content: o }],
        // the first two fail with their own reasons, then every one with the same
        act: async () => {
          n++;
          throw new RolloutError("HTTP_ERROR", n <= 2 ? `bad ${n}` : "fetch failed (after 5 attempts)");
        },
      }),
    };
    const out = join(dir, "early.duckdb");
    const err = await runRollouts({ ...base, out, driver: localDriver(fixtureDeps()), policy: flaky, concurrency: 1, maxFailures: 4 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RolloutError);
    expect(err).toMatchObject({ code: "EARLY_STOP", message: expect.stringContaining("4 episodes in a row failed with HTTP_ERROR: fetch failed") });
    expect((err as RolloutError).failures).toEqual([
      { reason: "HTTP_ERROR: fetch failed (after 5 attempts)", count: 4 },
      { reason: "HTTP_ERROR: bad 1", count: 1 },
      { reason: "HTTP_ERROR: bad 2", count: 1 },
    ]);
    expect(n).toBe(6);
    // 0 turns the early stop off: the run goes on to the consecutive-error guard
    n = 0;
    await expect(
      runRollouts({
        ...base,
        out: join(dir, "early0.duckdb"),
        driver: localDriver(fixtureDeps()),
        policy: flaky,
        concurrency: 1,
        maxFailures: 0,
        maxConsecutiveErrors: 7,
      }),
    ).rejects.toMatchObject({ code: "POLICY_ERROR" });
    expect(n).toBe(7);
  });
});

describe("resolveTasks()", () => {
  it("selects all, a split, or ids from a file, and names what is wrong", async () => {
    const { writeFileSync } = await import("node:fs");
    expect(resolveTasks("all", FIXTURE_TASKS)).toHaveLength(6);
    expect(resolveTasks("test", FIXTURE_TASKS).map((t) => t.id)).toEqual(["t-005", "t-006"]);
    expect(resolveTasks("train", FIXTURE_TASKS, 2)).toHaveLength(2);
    const f = join(dir, "ids.txt");
    writeFileSync(f, 't-003\n{"id":"t-001"}\n\n');
    expect(resolveTasks(f, FIXTURE_TASKS).map((t) => t.id)).toEqual(["t-003", "t-001"]);
    writeFileSync(f, "t-003\nnope\n");
    expect(() => resolveTasks(f, FIXTURE_TASKS)).toThrow(/nope/);
    expect(() => resolveTasks("dev", FIXTURE_TASKS)).toThrow(/splits: test, train/);
  });
});
