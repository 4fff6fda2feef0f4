import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { beforeAll, describe, expect, it } from "vitest";
import { exportRun, selectEpisodes, type ExportFormat, type ExportStyle } from "../../../env/export/index.ts";
import { localDriver, randomPolicy, runRollouts, scriptedPolicy } from "../../../env/rollout/index.ts";
import { FIXTURE_TASKS, fixtureDeps } from "../../helpers/rollout-fixture.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";
import { queryLog } from "../rollout/log-inspect.ts";

const dir = useTmpDir("simweb-export-");
const LOG = join(dir, "run.duckdb");
const G = 4;

interface LogRow {
  run_id: string;
  episode_id: string;
  group_id: string;
  sample_idx: number;
  reward: number;
  split: string;
  steps: number;
}
let episodes: LogRow[] = [];
let components: Map<string, Record<string, number>>;

beforeAll(async () => {
  // two runs in one log: random (rewards vary within groups) and scripted without exploration (identical samples)
  const common = { out: LOG, tasks: FIXTURE_TASKS, groupSize: G, concurrency: 2, maxSteps: 6, seed: 2 };
  await runRollouts({ ...common, runId: "random", driver: localDriver(fixtureDeps()), policy: randomPolicy({ answerProbability: 0.3 }) });
  await runRollouts({ ...common, runId: "scripted", driver: localDriver(fixtureDeps()), policy: scriptedPolicy({ explore: 0 }) });
  episodes = (await queryLog(LOG, `SELECT run_id, episode_id, group_id, sample_idx, reward, split, steps FROM episodes`)) as unknown as LogRow[];
  components = new Map();
  for (const c of await queryLog(LOG, `SELECT run_id, episode_id, name, value FROM components`)) {
    const k = `${String(c.run_id)}/${String(c.episode_id)}`;
    components.set(k, { ...(components.get(k) ?? {}), [String(c.name)]: Number(c.value) });
  }
});

/** GRPO advantage recomputed independently: (r − mean) / (unbiased std + ε) per (run, group). */
function expectedAdvantage(e: LogRow, eps: number): number {
  const g = episodes.filter((x) => x.run_id === e.run_id && x.group_id === e.group_id).map((x) => x.reward);
  const mean = g.reduce((a, b) => a + b, 0) / g.length;
  const std = g.length > 1 ? Math.sqrt(g.reduce((a, b) => a + (b - mean) ** 2, 0) / (g.length - 1)) : 0;
  return (e.reward - mean) / (std + eps);
}

function checkRow(row: Record<string, unknown>, eps: number): void {
  const e = episodes.find((x) => x.run_id === row.run_id && x.episode_id === row.episode_id);
  expect(e).toBeDefined();
  expect(row.group_id).toBe(e?.group_id);
  expect(Number(row.sample_idx)).toBe(e?.sample_idx);
  expect(row.reward).toBeCloseTo(e?.reward as number, 12);
  for (const [name, v] of Object.entries(components.get(`${e?.run_id}/${e?.episode_id}`) ?? {})) expect(row[`reward_${name}`]).toBe(v);
  expect(row.advantage as number).toBeCloseTo(expectedAdvantage(e as LogRow, eps), 9);
}

async function readBack(format: ExportFormat, out: string): Promise<{ rows: Array<Record<string, unknown>>; meta: Record<string, string> }> {
  if (format === "jsonl") {
    const rows = readFileSync(out, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    return { rows, meta: JSON.parse(readFileSync(out.replace(/\.jsonl$/, ".meta.json"), "utf8")) as Record<string, string> };
  }
  const buf = readFileSync(out);
  if (format === "arrow") {
    const t = tableFromIPC(buf);
    return { rows: t.toArray().map((r) => r.toJSON() as Record<string, unknown>), meta: Object.fromEntries(t.schema.metadata) };
  }
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  const md = parquetMetadata(ab);
  const rows = (await parquetReadObjects({ file: ab })) as Array<Record<string, unknown>>;
  return { rows, meta: Object.fromEntries((md.key_value_metadata ?? []).map((kv) => [kv.key, kv.value ?? ""])) };
}

describe("exportRun()", () => {
  it("round-trips every format × style through an independent reader, matching the log", async () => {
    const totalSteps = episodes.reduce((a, e) => a + e.steps, 0);
    for (const format of ["jsonl", "arrow", "parquet"] as const) {
      for (const style of ["openai", "hf", "steps"] as const satisfies readonly ExportStyle[]) {
        const out = join(dir, `${style}.${format === "arrow" ? "arrow" : format}`);
        const s = await exportRun(LOG, { format, style, out, advantage: { method: "group", epsilon: 1e-4 } });
        const { rows, meta } = await readBack(format, out);
        expect(rows.length).toBe(style === "steps" ? totalSteps : episodes.length);
        expect(s.rows).toBe(rows.length);
        expect(meta.advantage_method).toBe("group");
        expect(Number(meta.advantage_epsilon)).toBe(1e-4);
        expect(JSON.parse(String(meta.reward_components))).toEqual(["citation", "correct", "num_steps"]);
        for (const row of rows) checkRow(row, 1e-4);
      }
    }
  });

  it("openai style: tool_calls with JSON-string arguments and matching tool messages; hf style: argument objects and a prompt/completion split", async () => {
    const oa = (await readBack("jsonl", join(dir, "openai.jsonl"))).rows.find((r) => r.run_id === "scripted" && r.episode_id === "t-001#0");
    const msgs = oa?.messages as Array<{
      role: string;
      tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
      tool_call_id?: string;
    }>;
    expect(msgs.map((m) => m.role)).toEqual(["user", "assistant", "tool", "assistant", "tool", "assistant", "tool"]);
    expect(typeof msgs[1]?.tool_calls?.[0]?.function.arguments).toBe("string");
    expect(JSON.parse(String(msgs[1]?.tool_calls?.[0]?.function.arguments))).toEqual({ query: "Vexa Corp founded", k: 5 });
    expect(msgs[2]?.tool_call_id).toBe(msgs[1]?.tool_calls?.[0]?.id);
    expect((oa?.tools as unknown[]).length).toBe(4);

    for (const format of ["jsonl", "parquet", "arrow"] as const) {
      const hf = (await readBack(format, join(dir, `hf.${format}`))).rows.find((r) => r.run_id === "scripted" && r.episode_id === "t-001#0");
      const parse = (v: unknown): Array<Record<string, unknown>> => (typeof v === "string" ? JSON.parse(v) : v) as Array<Record<string, unknown>>;
      const m = parse(hf?.messages);
      const call = (m[1]?.tool_calls as Array<{ function: { arguments: Record<string, unknown> } }>)[0];
      expect(call?.function.arguments).toMatchObject({ query: "Vexa Corp founded", k: format === "parquet" ? 5n : 5 });
      expect(parse(hf?.prompt)).toHaveLength(1);
      expect(parse(hf?.completion)).toHaveLength(m.length - 1);
      expect(parse(hf?.completion)[0]).toMatchObject({ role: "assistant" });
    }
  });

  it("applies filters after computing advantages: min reward, only correct, dedup, split", async () => {
    const out = join(dir, "filtered.jsonl");
    const all = episodes.length;
    const minR = await exportRun(LOG, { format: "jsonl", style: "openai", out, minReward: 0.5 });
    expect(minR.rows).toBe(episodes.filter((e) => e.reward >= 0.5).length);
    const rows = (await readBack("jsonl", out)).rows;
    for (const r of rows) checkRow(r, 1e-6); // advantages are those of the full groups

    const correct = await exportRun(LOG, { format: "jsonl", style: "openai", out, onlyCorrect: true });
    const nCorrect = [...components.values()].filter((c) => (c.correct ?? 0) >= 1).length;
    expect(correct.rows).toBe(nCorrect);

    const split = await exportRun(LOG, { format: "jsonl", style: "openai", out, split: "test" });
    expect(split.rows).toBe(episodes.filter((e) => e.split === "test").length);

    // scripted without exploration: the G samples of a group are identical → one survives per group
    const dedup = await exportRun(LOG, { format: "jsonl", style: "openai", out, dedup: true, runId: "scripted" });
    expect(dedup.rows).toBe(FIXTURE_TASKS.length);
    expect(dedup.episodesInLog).toBe(all / 2);
  });

  it("batch and none advantage methods follow TRL's scale_rewards", async () => {
    const out = join(dir, "adv.jsonl");
    await exportRun(LOG, { format: "jsonl", style: "openai", out, runId: "random", advantage: { method: "none", epsilon: 0 } });
    const { rows, meta } = await readBack("jsonl", out);
    expect(meta.advantage_method).toBe("none");
    for (const r of rows) {
      const g = episodes.filter((x) => x.run_id === "random" && x.group_id === r.group_id).map((x) => x.reward);
      expect(r.advantage as number).toBeCloseTo((r.reward as number) - g.reduce((a, b) => a + b, 0) / g.length, 12);
    }
    await exportRun(LOG, { format: "jsonl", style: "openai", out, runId: "random", advantage: { method: "batch", epsilon: 0 } });
    const batch = (await readBack("jsonl", out)).rows;
    const rs = episodes.filter((x) => x.run_id === "random").map((x) => x.reward);
    const mean = rs.reduce((a, b) => a + b, 0) / rs.length;
    const std = Math.sqrt(rs.reduce((a, b) => a + (b - mean) ** 2, 0) / (rs.length - 1));
    for (const [i, r] of batch.entries()) expect(r.advantage as number).toBeCloseTo((rows[i]?.advantage as number) / std, 9);
  });

  it("names bad inputs", async () => {
    await expect(exportRun(join(dir, "missing.duckdb"), { format: "jsonl", style: "hf", out: join(dir, "x.jsonl") })).rejects.toMatchObject({
      code: "LOG_NOT_FOUND",
    });
    await expect(exportRun(LOG, { format: "csv" as ExportFormat, style: "hf", out: join(dir, "x.csv") })).rejects.toMatchObject({ code: "BAD_OPTION" });
    await expect(
      exportRun(LOG, { format: "jsonl", style: "hf", out: join(dir, "x.jsonl"), advantage: { method: "group", epsilon: -1 } }),
    ).rejects.toMatchObject({ code: "BAD_OPTION" });
    expect(() => selectEpisodes([], ["num_steps"], { onlyCorrect: true })).toThrow(/has: num_steps/);
  });

  it("refuses to write an empty export and says why: an unknown split names the log's splits; filters that keep nothing name themselves", async () => {
    const out = join(dir, "empty.jsonl");
    const splits = [...new Set(episodes.map((e) => e.split))].sort().join(", ");
    await expect(exportRun(LOG, { format: "jsonl", style: "hf", out, split: "nosuch" })).rejects.toMatchObject({
      code: "EMPTY_SELECTION",
      message: `no episode has split "nosuch"; splits in ${LOG}: ${splits}`,
    });
    await expect(exportRun(LOG, { format: "jsonl", style: "hf", out, minReward: 1e9 })).rejects.toMatchObject({
      code: "EMPTY_SELECTION",
      message: expect.stringContaining(`(--min-reward 1000000000) keep none of the ${episodes.length} finished episodes`),
    });
    expect(existsSync(out)).toBe(false);
  });
});
