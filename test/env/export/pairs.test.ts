import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { exportRun } from "../../../env/export/index.ts";
import { localDriver, runRollouts, scriptedPolicy } from "../../../env/rollout/index.ts";
import { FIXTURE_TASKS, fixtureDeps } from "../../helpers/rollout-fixture.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";
import { queryLog } from "../rollout/log-inspect.ts";

const dir = useTmpDir("simweb-pairs-");
const LOG = join(dir, "run.duckdb");
const G = 6;
interface Ep {
  episode_id: string;
  group_id: string;
  sample_idx: number;
  reward: number;
  prompt_messages: string;
}
let eps: Ep[] = [];

beforeAll(async () => {
  await runRollouts({
    out: LOG,
    tasks: FIXTURE_TASKS,
    groupSize: G,
    concurrency: 2,
    maxSteps: 6,
    seed: 4,
    driver: localDriver(fixtureDeps()),
    policy: scriptedPolicy({ explore: 1, maxPages: 1 }), // opens one result in a seeded random order: rewards differ within groups
  });
  eps = (await queryLog(LOG, `SELECT episode_id, group_id, sample_idx, reward, prompt_messages FROM episodes WHERE status = 'done'`)) as unknown as Ep[];
});

async function duck(sql: string): Promise<Array<Record<string, unknown>>> {
  const inst = await DuckDBInstance.create(":memory:");
  const conn = await inst.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJS();
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
}

const byId = (id: unknown): Ep => eps.find((e) => e.episode_id === id) as Ep;

describe('exportRun({ style: "pairs" })', () => {
  it("writes each group's best against its worst as TRL conversational preference rows that DuckDB reads back", async () => {
    const out = join(dir, "pairs.parquet");
    const s = await exportRun(LOG, { format: "parquet", style: "pairs", out, tasks: new Map([["t-001", { type: "single_fact", hops: 1 }]]) });
    const rows = await duck(`SELECT * FROM read_parquet('${out}') ORDER BY group_id`);
    const groups = [...new Set(eps.map((e) => e.group_id))].filter((g) => {
      const rs = eps.filter((e) => e.group_id === g).map((e) => e.reward);
      return Math.max(...rs) > Math.min(...rs);
    });
    expect(groups.length).toBeGreaterThan(1);
    expect(s.rows).toBe(groups.length);
    expect(rows.map((r) => r.group_id)).toEqual([...groups].sort());
    for (const r of rows) {
      const [c, j] = [byId(r.chosen_episode_id), byId(r.rejected_episode_id)];
      const rewards = eps.filter((e) => e.group_id === r.group_id).map((e) => e.reward);
      expect(c.reward).toBe(Math.max(...rewards));
      expect(j.reward).toBe(Math.min(...rewards));
      expect(Number(r.chosen_reward)).toBeGreaterThan(Number(r.rejected_reward));
      expect(Number(r.reward_gap)).toBeCloseTo(c.reward - j.reward, 12);
      // prompt: the opening messages; chosen/rejected: assistant turns and tool replies after it
      const prompt = JSON.parse(c.prompt_messages) as Array<{ role: string; content: string }>;
      const got = r.prompt as Array<{ role: string; content: string }>;
      expect(got.map((m) => [m.role, m.content])).toEqual(prompt.map((m) => [m.role, m.content]));
      for (const side of ["chosen", "rejected"] as const) {
        const msgs = r[side] as Array<{ role: string }>;
        expect(msgs[0]?.role).toBe("assistant");
        expect(msgs.every((m) => m.role === "assistant" || m.role === "tool" || m.role === "user")).toBe(true);
      }
      expect(r.task_type).toBe(r.task_id === "t-001" ? "single_fact" : null);
    }
    const [meta] = await duck(`SELECT value::VARCHAR AS v FROM parquet_kv_metadata('${out}') WHERE key::VARCHAR = 'simweb.pairing'`);
    expect(meta?.v).toBe("best-worst");
  });

  it("with a margin writes every pair further apart than it, and the JSONL reads back with Python's json", async () => {
    const margin = 0.5;
    const out = join(dir, "pairs.jsonl");
    const s = await exportRun(LOG, { format: "jsonl", style: "pairs", out, margin });
    let expected = 0;
    for (const g of new Set(eps.map((e) => e.group_id))) {
      const rs = eps.filter((e) => e.group_id === g).map((e) => e.reward);
      for (let i = 0; i < rs.length; i++) for (let j = 0; j < rs.length; j++) if (i !== j && (rs[i] as number) - (rs[j] as number) > margin) expected++;
    }
    expect(s.rows).toBe(expected);
    const py = spawnSync(
      "/usr/bin/python3",
      [
        "-c",
        `import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert all(r["chosen_reward"] > r["rejected_reward"] for r in rows)
assert all(r["reward_gap"] > ${margin} for r in rows)
assert all(isinstance(r[k], list) and all("role" in m for m in r[k]) for r in rows for k in ("prompt", "chosen", "rejected"))
print(len(rows))`,
        out,
      ],
      { encoding: "utf8" },
    );
    expect(py.stderr).toBe("");
    expect(Number(py.stdout.trim())).toBe(expected);
    const back = await duck(`SELECT count(*) AS n, min(chosen_reward - rejected_reward) AS gap FROM read_json('${out}', format = 'newline_delimited')`);
    expect(Number(back[0]?.n)).toBe(expected);
    expect(Number(back[0]?.gap)).toBeGreaterThan(margin);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines.length).toBe(expected);
  });

  it("refuses a margin on another style, a negative margin, and a log with no group whose rewards differ", async () => {
    await expect(exportRun(LOG, { format: "jsonl", style: "hf", out: join(dir, "x.jsonl"), margin: 0.1 })).rejects.toMatchObject({ code: "BAD_OPTION" });
    await expect(exportRun(LOG, { format: "jsonl", style: "pairs", out: join(dir, "x.jsonl"), margin: -1 })).rejects.toMatchObject({ code: "BAD_OPTION" });
    await expect(exportRun(LOG, { format: "jsonl", style: "pairs", out: join(dir, "x.jsonl"), margin: 100 })).rejects.toMatchObject({
      code: "EMPTY_SELECTION",
    });
  });
});
