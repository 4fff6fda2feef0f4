import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { openCorpus } from "../../../corpus-loader/index.ts";
import { exportCommand } from "../../../scripts/commands/export.ts";
import { createRolloutCommand, policyFromOptions } from "../../../scripts/commands/rollout.ts";
import { buildCommand } from "../../../scripts/lib/command-spec.ts";
import { FIXTURE_TASKS, fixtureDeps } from "../../helpers/rollout-fixture.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";

const dir = useTmpDir("simweb-cli-rollout-");
const db = join(dir, "corpus.duckdb");

beforeAll(async () => {
  const h = await openCorpus(db, { create: true });
  // plain INSERTs: writeTasks' temp-table appender fails on this DuckDB version (reported to the lead)
  for (const t of FIXTURE_TASKS) {
    await h.conn.run(
      `INSERT INTO tasks (id, question, answers, gold_urls, hops, split, source, type, rubric)
      VALUES ($1, $2, $3::VARCHAR[], $4::VARCHAR[], $5, $6, $7, $8, NULL)`,
      [t.id, t.question, JSON.stringify(t.answers), JSON.stringify(t.goldUrls), t.hops, t.split, t.source, t.type],
    );
  }
  h.close();
});

async function run(cmd: ReturnType<typeof buildCommand>, argv: string[]): Promise<string> {
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    await cmd.parseAsync(argv, { from: "user" });
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
  return out;
}

describe("rollout and export commands", () => {
  it("run scripted rollouts from a corpus's tasks, resume, and export them", async () => {
    const open = async () => ({ deps: fixtureDeps(), close: () => undefined });
    const log = join(dir, "runs", "cli.duckdb");
    const args = ["--db", db, "--tasks", "train", "--group-size", "2", "--concurrency", "2", "--max-steps", "8", "--seed", "4", "--out", log];
    const first = await run(buildCommand(createRolloutCommand(open)), [...args, "--limit", "2"]);
    expect(first).toMatch(/episodes\s+4 done, 0 skipped/);
    await expect(run(buildCommand(createRolloutCommand(open)), args)).rejects.toMatchObject({ code: "LOG_ERROR" });
    await expect(run(buildCommand(createRolloutCommand(open)), [...args, "--resume"])).rejects.toMatchObject({ code: "RESUME_MISMATCH" });
    const again = await run(buildCommand(createRolloutCommand(open)), [...args, "--limit", "2", "--resume"]);
    expect(again).toMatch(/episodes\s+0 done, 4 skipped/);
    expect(again).toMatch(/reward\s+no new episodes: all 4 were finished by an earlier invocation/);
    const out = join(dir, "cli.jsonl");
    const exp = await run(buildCommand(exportCommand), [log, "--format", "jsonl", "--style", "openai", "--out", out, "--only-correct"]);
    expect(exp).toMatch(/rows\s+4 \(4 of 4 episodes kept\)/);
    expect(readFileSync(out, "utf8").trim().split("\n")).toHaveLength(4);
    expect(JSON.parse(readFileSync(join(dir, "cli.meta.json"), "utf8"))).toMatchObject({ advantage_method: "group", advantage_epsilon: "0.000001" });
  });

  it("a run against an unreachable model endpoint fails loudly: grouped reasons, an early stop, a typed error", async () => {
    const open = async () => ({ deps: fixtureDeps(), close: () => undefined });
    // port 1 on loopback refuses connections: every model call fails the same way
    const args = [
      "--db",
      db,
      "--tasks",
      "train",
      "--group-size",
      "2",
      "--concurrency",
      "1",
      "--max-steps",
      "4",
      "--policy",
      "openai",
      "--model",
      "m",
      "--base-url",
      "http://127.0.0.1:1/v1",
      "--retries",
      "0",
      "--timeout",
      "5",
    ];
    let out = "";
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      await expect(
        buildCommand(createRolloutCommand(open)).parseAsync([...args, "--out", join(dir, "runs", "dead.duckdb"), "--max-failures", "3"], { from: "user" }),
      ).rejects.toMatchObject({ code: "EARLY_STOP", message: expect.stringMatching(/3 episodes in a row failed with HTTP_ERROR: .*chat\/completions/) });
      expect(out).toMatch(/failures\s+3 episodes, 1 reason:\n\s+3 × HTTP_ERROR: .*127\.0\.0\.1:1\/v1\/chat\/completions/);
      out = "";
      // fewer episodes than the early-stop bound: the run ends, prints the reasons, and is refused as unusable
      await expect(
        buildCommand(createRolloutCommand(open)).parseAsync([...args, "--out", join(dir, "runs", "dead2.duckdb"), "--limit", "1"], { from: "user" }),
      ).rejects.toMatchObject({ code: "NOTHING_USABLE" });
      expect(out).toMatch(/episodes\s+0 done, 0 skipped \(resume\), 2 failed/);
      expect(out).toMatch(/reward\s+no finished episode/);
      expect(out).toMatch(/\s+2 × HTTP_ERROR: /);
    } finally {
      spy.mockRestore();
      err.mockRestore();
    }
  });

  it("policyFromOptions() needs a model for the model policies", () => {
    expect(() => policyFromOptions({ policy: "openai", baseUrl: "http://x/v1" })).toThrow(/--model/);
    expect(policyFromOptions({ policy: "text", model: "m", baseUrl: "http://x/v1", temperature: 0.2, timeout: 5, retries: 1 }).config).toMatchObject({
      policy: "text",
      model: "m",
      temperature: 0.2,
      timeoutMs: 5000,
    });
  });
});
