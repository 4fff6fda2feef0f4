import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { localDriver, runRollouts, scriptedPolicy } from "../../../env/rollout/index.ts";
import { FIXTURE_TASKS, fixtureDeps } from "../../helpers/rollout-fixture.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";
import { queryLog } from "./log-inspect.ts";

const dir = useTmpDir("simweb-budget-");

describe("scriptedPolicy({ budget })", () => {
  it("makes at most `budget` web calls before answering, spends more with a bigger budget, and records it in the run config", async () => {
    const spent: number[] = [];
    for (const budget of [1, 2, 4, 8]) {
      const out = join(dir, `b${budget}.duckdb`);
      await runRollouts({
        out,
        tasks: FIXTURE_TASKS,
        groupSize: 3,
        concurrency: 2,
        maxSteps: 16,
        seed: 5,
        driver: localDriver(fixtureDeps()),
        policy: scriptedPolicy({ budget }),
      });
      const rows = await queryLog(
        out,
        `SELECT e.episode_id, count(*) FILTER (WHERE json_extract_string(s.action, '$.name') <> 'answer') AS web,
           count(*) FILTER (WHERE json_extract_string(s.action, '$.name') = 'answer') AS answers
         FROM episodes e JOIN steps s USING (run_id, episode_id) GROUP BY 1`,
      );
      for (const r of rows) {
        expect(Number(r.web)).toBeLessThanOrEqual(budget);
        expect(Number(r.answers)).toBe(1);
      }
      spent.push(rows.reduce((a, r) => a + Number(r.web), 0));
      const [run] = await queryLog(out, `SELECT config FROM runs`);
      expect((JSON.parse(String(run?.config)) as { policy: { budget: number } }).policy.budget).toBe(budget);
    }
    for (let i = 1; i < spent.length; i++) expect(spent[i]).toBeGreaterThanOrEqual(spent[i - 1] as number);
    expect(spent[3]).toBeGreaterThan(spent[0] as number);
  });
});
