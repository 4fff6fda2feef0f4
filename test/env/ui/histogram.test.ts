import { describe, expect, it } from "vitest";
import { histogram, rateTable } from "../../../env/ui/index.ts";

describe("histogram()", () => {
  it("gives one bin per integer for small integer ranges", () => {
    const h = histogram([3, 3, 5, 4, 3]);
    expect(h.bins).toEqual([
      { lo: 3, hi: 4, n: 3 },
      { lo: 4, hi: 5, n: 1 },
      { lo: 5, hi: 6, n: 1 },
    ]);
    expect(h).toMatchObject({ count: 5, min: 3, max: 5, mean: 3.6 });
  });

  it("uses equal-width bins for real values, the maximum in the last bin", () => {
    const h = histogram([0, 0.1, 0.5, 0.99, 1], 4);
    expect(h.bins.map((b) => b.n)).toEqual([2, 0, 1, 2]);
    expect(h.bins[0]).toMatchObject({ lo: 0, hi: 0.25 });
    expect(h.bins[3]).toMatchObject({ lo: 0.75, hi: 1 });
    expect(h.bins.reduce((a, b) => a + b.n, 0)).toBe(5);
  });

  it("puts a constant real series in one bin, ignores non-finite values, and handles empty input", () => {
    expect(histogram([0.5, 0.5, NaN, Infinity]).bins).toEqual([{ lo: 0.5, hi: 0.5, n: 2 }]);
    expect(histogram([])).toEqual({ bins: [], count: 0, min: null, max: null, mean: null });
  });

  it("falls back to equal-width bins for integers spanning more than 40 values", () => {
    const h = histogram([0, 100], 10);
    expect(h.bins).toHaveLength(10);
    expect(h.bins[0]?.n).toBe(1);
    expect(h.bins[9]?.n).toBe(1);
  });
});

describe("rateTable()", () => {
  it("counts successes and mean reward per key, numeric keys sorted numerically", () => {
    const rows = rateTable([
      { key: "10", success: true, reward: 1 },
      { key: "2", success: false, reward: 0 },
      { key: "2", success: true, reward: 1.2 },
    ]);
    expect(rows.map((r) => r.key)).toEqual(["2", "10"]);
    expect(rows[0]).toEqual({ key: "2", episodes: 2, successes: 1, rate: 0.5, meanReward: 0.6 });
  });
});
