import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { localDriver, runRollouts, scriptedPolicy } from "../../../env/rollout/index.ts";
import { FIXTURE_TASKS, fixtureDeps } from "../../helpers/rollout-fixture.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";
import { queryLog, trajectories } from "./log-inspect.ts";

const dir = useTmpDir("simweb-crash-");
const CHILD = join(import.meta.dirname, "rollout-child.ts");
const TOTAL = FIXTURE_TASKS.length * 8;

/** Runs the child; resolves with its exit signal after killing it with SIGKILL once `killAfter` episodes are done. */
function runChild(out: string, killAfter: number | null): Promise<{ signal: string | null; lastDone: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, out, "fresh", "15"], { stdio: ["ignore", "pipe", "pipe"] });
    let lastDone = 0;
    let stderr = "";
    child.stderr.on("data", (b) => (stderr += String(b)));
    child.stdout.on("data", (b: Buffer) => {
      for (const m of String(b).matchAll(/done (\d+)/g)) lastDone = Number(m[1]);
      if (killAfter !== null && lastDone >= killAfter && child.exitCode === null) child.kill("SIGKILL");
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => (signal === null && code !== 0 ? reject(new Error(`child exited ${code}: ${stderr}`)) : resolve({ signal, lastDone })));
  });
}

describe("TrajectoryLog (kill -9)", () => {
  it("survives SIGKILL mid-run: opens cleanly, complete episodes only, resume finishes without duplicates", async () => {
    const out = join(dir, "killed.duckdb");
    const r = await runChild(out, 12);
    expect(r.signal).toBe("SIGKILL");

    // the file opens; every logged episode has all its steps and its components
    const eps = await queryLog(out, `SELECT episode_id, steps, status FROM episodes`);
    expect(eps.length).toBeGreaterThan(0);
    expect(eps.length).toBeLessThan(TOTAL);
    const stepCounts = await queryLog(out, `SELECT episode_id, count(*) AS n, max(idx) AS mx FROM steps GROUP BY episode_id`);
    const byId = new Map(stepCounts.map((s) => [String(s.episode_id), s]));
    expect(byId.size).toBe(eps.length);
    for (const e of eps) {
      const s = byId.get(String(e.episode_id));
      expect(Number(s?.n)).toBe(Number(e.steps));
      expect(Number(s?.mx)).toBe(Number(e.steps) - 1);
      expect(e.status).toBe("done");
    }
    const orphanComponents = await queryLog(out, `SELECT count(*) AS n FROM components WHERE episode_id NOT IN (SELECT episode_id FROM episodes)`);
    expect(Number(orphanComponents[0]?.n)).toBe(0);

    // resume completes the rest, skipping what was logged
    const before = eps.length;
    const summary = await runRollouts({
      out,
      tasks: FIXTURE_TASKS,
      driver: localDriver(fixtureDeps()),
      policy: scriptedPolicy(),
      groupSize: 8,
      concurrency: 2,
      maxSteps: 10,
      seed: 11,
      resume: true,
      batchEpisodes: 2,
      batchMs: 20,
    });
    expect(summary.skipped).toBe(before);
    expect(summary.episodes).toBe(TOTAL - before);
    const after = await queryLog(out, `SELECT count(*) AS n, count(DISTINCT episode_id) AS d FROM episodes`);
    expect(Number(after[0]?.n)).toBe(TOTAL);
    expect(Number(after[0]?.d)).toBe(TOTAL);
    expect(Number((await queryLog(out, `SELECT count(*) AS n FROM runs`))[0]?.n)).toBe(1);

    // and the resumed log holds exactly the trajectories of an uninterrupted run
    const clean = join(dir, "clean.duckdb");
    await runRollouts({
      out: clean,
      tasks: FIXTURE_TASKS,
      driver: localDriver(fixtureDeps()),
      policy: scriptedPolicy(),
      groupSize: 8,
      concurrency: 3,
      maxSteps: 10,
      seed: 11,
    });
    expect(await trajectories(out)).toEqual(await trajectories(clean));
  });
});
