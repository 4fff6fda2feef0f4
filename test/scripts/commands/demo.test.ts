/** @module Tests of `simweb demo`'s report: an overall success rate, the reward explained by its rubric, record types not reported as errors, the closing comparison. */
import { describe, expect, it } from "vitest";
import { readLog } from "../../../env/trajectory/index.ts";
import { runTs } from "../../helpers/child-process.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";
import { join } from "node:path";

const dir = useTmpDir("simweb-demo-");

describe("simweb demo", () => {
  it("reports solved episodes, the reward's components summing to its mean within the rubric's range, and non-page records apart from skips", async () => {
    const c = runTs(["scripts/cli.ts", "demo", "--pages", "600", "--tasks", "8", "--group-size", "4", "--dir", dir]);
    expect((await c.exited).code, c.stderr()).toBe(0);
    const out = c.stdout();
    const { episodes } = await readLog(join(dir, "runs", "demo.duckdb"));
    expect(episodes).toHaveLength(32);

    const solved = episodes.filter((e) => (e.components.correct ?? 0) >= 1).length;
    expect(out).toContain(`solved      ${solved}/32 episodes answered correctly (${((100 * solved) / 32).toFixed(1)}%)`);

    const mean = Number(/reward {6}mean (-?[\d.]+)/.exec(out)?.[1]);
    const shares = [...out.matchAll(/^ {2}(\w+) +× +([\d.]+) +mean +(-?[\d.]+) +([+−])([\d.]+)/gm)];
    expect(shares.map((m) => m[1])).toEqual(["correct", "citation_valid", "no_search_penalty", "invalid_actions"]);
    const sum = shares.reduce((a, m) => a + (m[4] === "−" ? -1 : 1) * Number(m[5]), 0);
    expect(sum).toBeCloseTo(mean, 2);
    const [, lo, hi] = /any episode scores in \[(-?[\d.]+), (-?[\d.]+)\]/.exec(out) ?? [];
    for (const e of episodes) {
      expect(e.reward).toBeGreaterThanOrEqual(Number(lo));
      expect(e.reward).toBeLessThanOrEqual(Number(hi));
    }

    const skipped = /^skipped +(.*)$/m.exec(out)?.[1];
    expect(skipped).toBe("none");
    expect(out).toMatch(/^not pages +warcinfo=1 request=600 /m);

    // it ends with the three budgets and its own run compared, and the frontier
    const cmp = out.slice(out.indexOf("== compare"));
    for (const b of [2, 4, 8]) expect(cmp).toMatch(new RegExp(`^budget-${b} +scripted budget=${b} +- +32 `, "m"));
    expect(cmp).toMatch(/^demo +scripted +- +32 /m);
    expect(cmp).toMatch(/^frontier \(cheapest first\): \S+/m);
    expect(cmp).toMatch(/^ {2}[A-Da-d] budget-2 \(scripted budget=2\)/m);
  }, 120_000);
});
