import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { beforeAll, describe, expect, it, vi } from "vitest";
import {
  compareRuns,
  DEFAULT_PRICES,
  dominated,
  frontierOrder,
  parsePrices,
  passAtKOverGroups,
  readRunLog,
  runStats,
  type Comparison,
  type RunLog,
  type TaskKind,
  type TaskLookup,
} from "../../../env/compare/index.ts";
import { localDriver, randomPolicy, runRollouts, scriptedPolicy } from "../../../env/rollout/index.ts";
import { compareCommand } from "../../../scripts/commands/compare.ts";
import { FIXTURE_TASKS, fixtureDeps } from "../../helpers/rollout-fixture.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";
import { queryLog } from "../rollout/log-inspect.ts";

const dir = useTmpDir("simweb-compare-");
const G = 4;
const LOGS = { cheap: join(dir, "cheap.duckdb"), dear: join(dir, "dear.duckdb"), random: join(dir, "random.duckdb") };
/** Hops and types made up for the fixture's tasks so the slices differ. */
const KINDS = new Map<string, TaskKind>(FIXTURE_TASKS.map((t, i) => [t.id, { type: i % 2 === 0 ? "single_fact" : "multi_hop", hops: 1 + (i % 3) }]));
const lookup: TaskLookup = async () => KINDS;
let logs: RunLog[];
let cmp: Comparison;

beforeAll(async () => {
  const common = { tasks: FIXTURE_TASKS, groupSize: G, concurrency: 2, maxSteps: 8, seed: 3 };
  await runRollouts({ ...common, out: LOGS.cheap, driver: localDriver(fixtureDeps()), policy: scriptedPolicy({ budget: 1 }) });
  await runRollouts({ ...common, out: LOGS.dear, driver: localDriver(fixtureDeps()), policy: scriptedPolicy({ budget: 4, explore: 0.5 }) });
  await runRollouts({ ...common, out: LOGS.random, driver: localDriver(fixtureDeps()), policy: randomPolicy({ answerProbability: 0.3 }) });
  logs = [];
  for (const p of Object.values(LOGS)) logs.push(await readRunLog(p, lookup));
  cmp = compareRuns(logs);
});

/** C(n, k) by multiplication. */
function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

describe("passAtKOverGroups()", () => {
  it("matches a hand-worked example of 1 − C(n−c, k)/C(n, k) averaged over groups", () => {
    // group 1: n=4, c=1, k=2 → 1 − C(3,2)/C(4,2) = 1 − 3/6 = 0.5
    // group 2: n=4, c=2, k=2 → 1 − C(2,2)/C(4,2) = 1 − 1/6 = 5/6
    // group 3: n=4, c=0 → 0
    const groups = [
      [true, false, false, false],
      [false, true, true, false],
      [false, false, false, false],
    ];
    expect(passAtKOverGroups(groups, 2).value).toBeCloseTo((0.5 + 5 / 6 + 0) / 3, 12);
    expect(passAtKOverGroups(groups, 1).value).toBeCloseTo((0.25 + 0.5 + 0) / 3, 12);
    // k = n: any success in the group counts
    expect(passAtKOverGroups(groups, 4)).toEqual({ value: 2 / 3, groups: 3 });
    // groups smaller than k are left out, not guessed
    expect(
      passAtKOverGroups(
        [
          [true, true],
          [true, false, false, false],
        ],
        4,
      ),
    ).toEqual({ value: 1, groups: 1 });
    expect(passAtKOverGroups([[true]], 2)).toEqual({ value: null, groups: 0 });
  });
});

describe("runStats()", () => {
  it("works out cost and Agentic ROI by hand: 2 episodes, one right, 3 searches + 2 pages, 4 simulated seconds", () => {
    const ep = (id: string, correct: number, search: number, open: number, sim: number, tokens: [number, number]) => ({
      runId: "r",
      episodeId: id,
      taskId: "t",
      groupId: "g",
      sampleIdx: 0,
      status: "done",
      reward: correct,
      stepCount: search + open + 1,
      simSeconds: sim,
      wallSeconds: 0.1,
      endReason: "answer",
      correctness: correct,
      finishedAfter: null,
      tokensPrompt: tokens[0],
      tokensCompletion: tokens[1],
      toolCalls: search + open + 1,
      callsByTool: { search, open, answer: 1 },
    });
    const price = { inputPer1M: 1, outputPer1M: 4, perSearch: 0.01, perOpen: 0.002 };
    const s = runStats([ep("a", 1, 2, 2, 3, [1000, 500]), ep("b", 0, 1, 0, 5, [3000, 1500])], {
      price,
      groupSize: 2,
      baseline: 0.1,
      quality: "success",
      success: (e) => (e.correctness ?? 0) >= 1,
    });
    // costs: a = 0.001 + 0.002 + 0.02 + 0.004 = 0.027; b = 0.003 + 0.006 + 0.01 = 0.019 → mean 0.023 $
    expect(s.costUsd).toBeCloseTo(0.023, 12);
    expect(s.simSeconds).toBe(4);
    expect(s.tokensIn).toBe(2000);
    expect(s.searches).toBe(1.5);
    expect(s.pagesOpened).toBe(1);
    // ROI = (0.5 − 0.1) / ((4 + 0.1) s × 0.023 $)
    expect(s.roi).toBeCloseTo(0.4 / (4.1 * 0.023), 12);
    // pass@2 of the one group of 2 with 1 success: 1 − C(1,2)/C(2,2) = 1
    expect(s.passAtG).toBe(1);
    expect(s.passAt1).toBe(0.5);
  });
});

describe("dominated() / frontierOrder()", () => {
  it("greys a run another beats on both axes, keeps ties, orders the frontier by cost", () => {
    const pts = [
      { cost: 2, quality: 0.5 },
      { cost: 1, quality: 0.5 },
      { cost: 3, quality: 0.9 },
      { cost: 3, quality: 0.9 },
      { cost: 4, quality: 0.8 },
    ];
    expect(dominated(pts)).toEqual([true, false, false, false, true]);
    expect(frontierOrder(pts)).toEqual([1, 2, 3]);
  });
});

describe("parsePrices()", () => {
  it("reads the documented shape and refuses anything else with BAD_PRICES", () => {
    const p = parsePrices('{"m": {"input_per_1m": 1, "output_per_1m": 2, "per_search": 0.01}}');
    expect(p.m).toEqual({ inputPer1M: 1, outputPer1M: 2, perSearch: 0.01, perOpen: 0 });
    expect(p["*"]).toEqual(DEFAULT_PRICES["*"]);
    for (const bad of ["[1]", '{"m": {"per_serch": 1}}', '{"m": {"per_search": -1}}', "{"]) expect(() => parsePrices(bad)).toThrow(/prices/);
  });
});

describe("compareRuns()", () => {
  it("computes every figure of every run from the logs written by the real writer, as independent SQL does", async () => {
    expect(cmp.rows.map((r) => r.label)).toEqual(["cheap", "dear", "random"]);
    expect(cmp.rows.map((r) => r.policy)).toEqual(["scripted budget=1", "scripted budget=4", "random"]);
    for (const r of cmp.rows) {
      const eps = await queryLog(
        r.path,
        `SELECT e.episode_id, e.group_id, e.task_id, e.reward, e.sim_seconds, e.wall_seconds, c.value AS correct,
           (SELECT count(*) FROM steps s WHERE s.episode_id = e.episode_id AND s.action IS NOT NULL) AS calls,
           (SELECT count(*) FROM steps s WHERE s.episode_id = e.episode_id AND json_extract_string(s.action, '$.name') = 'search') AS searches,
           (SELECT count(*) FROM steps s WHERE s.episode_id = e.episode_id AND json_extract_string(s.action, '$.name') = 'open') AS opens
         FROM episodes e JOIN components c ON c.episode_id = e.episode_id AND c.name = 'correct' WHERE e.status = 'done'`,
      );
      const n = eps.length;
      expect(r.episodes).toBe(n);
      const avg = (f: (e: Record<string, unknown>) => number): number => eps.reduce((a, e) => a + f(e), 0) / n;
      expect(r.successBy).toBe("correct");
      expect(r.successRate).toBeCloseTo(
        avg((e) => (Number(e.correct) >= 1 ? 1 : 0)),
        12,
      );
      expect(r.meanReward).toBeCloseTo(
        avg((e) => Number(e.reward)),
        12,
      );
      expect(r.quality).toBe(r.meanReward);
      expect(r.toolCalls).toBeCloseTo(
        avg((e) => Number(e.calls)),
        12,
      );
      expect(r.searches).toBeCloseTo(
        avg((e) => Number(e.searches)),
        12,
      );
      expect(r.pagesOpened).toBeCloseTo(
        avg((e) => Number(e.opens)),
        12,
      );
      expect(r.simSeconds).toBeCloseTo(
        avg((e) => Number(e.sim_seconds)),
        12,
      );
      expect(r.wallSeconds).toBeCloseTo(
        avg((e) => Number(e.wall_seconds)),
        12,
      );
      expect(r.tokensIn).toBeNull(); // no policy here reports tokens
      expect(r.costUsd).toBeCloseTo(
        avg((e) => Number(e.searches) * 0.005 + Number(e.opens) * 0.001),
        12,
      );
      expect(r.roi).toBeCloseTo(Math.max(0, r.meanReward) / ((r.simSeconds + r.wallSeconds) * r.costUsd), 9);
      const groups = new Map<string, number[]>();
      for (const e of eps) groups.set(String(e.group_id), [...(groups.get(String(e.group_id)) ?? []), Number(e.correct) >= 1 ? 1 : 0]);
      const passAt = (k: number): number =>
        [...groups.values()].reduce((a, g) => a + 1 - choose(g.length - g.reduce((x, y) => x + y, 0), k) / choose(g.length, k), 0) / groups.size;
      expect(r.groups).toBe(FIXTURE_TASKS.length);
      expect(r.passAt1).toBeCloseTo(passAt(1), 12);
      expect(r.g).toBe(G);
      expect(r.passAtG).toBeCloseTo(passAt(G), 12);
      // slices: by hops and by type, each from the same episodes
      for (const [by, keyOf] of [
        ["byHops", (t: string) => String(KINDS.get(t)?.hops)],
        ["byType", (t: string) => String(KINDS.get(t)?.type)],
      ] as const) {
        expect(r[by].reduce((a, s) => a + s.episodes, 0)).toBe(n);
        for (const s of r[by]) {
          const mine = eps.filter((e) => keyOf(String(e.task_id)) === s.key);
          expect(s.episodes).toBe(mine.length);
          expect(s.successRate).toBeCloseTo(mine.filter((e) => Number(e.correct) >= 1).length / mine.length, 12);
        }
      }
    }
    expect(cmp.rows[0]?.byHops.map((s) => s.key)).toEqual(["1", "2", "3"]);
  });

  it("spends more with a bigger budget, and marks as dominated exactly the runs another beats for no more money", () => {
    const [cheap, dear] = cmp.rows;
    expect(cheap?.toolCalls).toBeLessThanOrEqual(2);
    expect(dear?.costUsd).toBeGreaterThan(cheap?.costUsd ?? Infinity);
    for (const r of cmp.rows) {
      const beaten = cmp.rows.some((o) => o !== r && o.costUsd <= r.costUsd && o.quality >= r.quality && (o.costUsd < r.costUsd || o.quality > r.quality));
      expect(r.dominated).toBe(beaten);
    }
  });

  it("prices tokens and searches by model, and refuses an empty comparison with NO_RUNS", () => {
    const priced = compareRuns(logs, { prices: parsePrices('{"*": {"per_search": 1, "per_open": 0}}'), quality: "success" });
    for (const r of priced.rows) {
      expect(r.costUsd).toBeCloseTo(r.searches, 12);
      expect(r.quality).toBe(r.successRate);
    }
    expect(() => compareRuns([])).toThrow(expect.objectContaining({ code: "NO_RUNS" }));
    expect(() => compareRuns(logs, { baseline: Number.NaN })).toThrow(expect.objectContaining({ code: "BAD_OPTION" }));
  });
});

describe("simweb compare", () => {
  it("prints the comparison as JSON and writes the flat table as Parquet that DuckDB reads back", async () => {
    const out = join(dir, "cmp.parquet");
    const chunks: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => {
      chunks.push(String(s));
      return true;
    });
    try {
      await compareCommand.action(Object.values(LOGS), { json: true, parquet: out, baseline: 0, quality: "reward" });
    } finally {
      spy.mockRestore();
    }
    const json = JSON.parse(chunks.join("")) as Comparison;
    expect(json.rows.map((r) => r.label)).toEqual(["cheap", "dear", "random"]);
    const inst = await DuckDBInstance.create(":memory:");
    const conn = await inst.connect();
    try {
      const rows = (await conn.runAndReadAll(`SELECT * FROM read_parquet('${out}') WHERE slice = 'all' ORDER BY label`)).getRowObjectsJS();
      expect(rows.map((r) => r.label)).toEqual(["cheap", "dear", "random"]);
      rows.forEach((r, i) => {
        const want = json.rows[i];
        expect(r.success_rate).toBeCloseTo(want?.successRate ?? NaN, 12);
        expect(r.pass_at_g).toBeCloseTo(want?.passAtG ?? NaN, 12);
        expect(r.cost_usd).toBeCloseTo(want?.costUsd ?? NaN, 12);
        expect(r.dominated).toBe(want?.dominated);
      });
      const slices = (await conn.runAndReadAll(`SELECT slice, count(*) AS n FROM read_parquet('${out}') GROUP BY 1 ORDER BY 1`)).getRowObjectsJS();
      expect(slices.map((s) => [s.slice, Number(s.n)])).toEqual([
        ["all", 3],
        ["hops", 3], // the fixture's runs name no corpus: their tasks' hops and type are "unknown"
        ["type", 3],
      ]);
    } finally {
      conn.closeSync();
      inst.closeSync();
    }
  });
});
