import { describe, expect, it } from "vitest";
import { replaySchedule, throughputOf } from "../../../env/ui/index.ts";

describe("replaySchedule()", () => {
  it("gives each job to the first free worker, in job order", () => {
    const eps = [
      { order: 2, wallSeconds: 1 },
      { order: 0, wallSeconds: 2 },
      { order: 1, wallSeconds: 1 },
    ];
    // order 0 → worker A [0,2]; order 1 → worker B [0,1]; order 2 → worker B [1,2]
    expect(replaySchedule(eps, 2)).toEqual([2, 2, 1]);
  });

  it("runs jobs back to back with one worker, and treats a bad concurrency as 1", () => {
    const eps = [
      { order: 0, wallSeconds: 1 },
      { order: 1, wallSeconds: 2 },
      { order: 2, wallSeconds: 0.5 },
    ];
    expect(replaySchedule(eps, 1)).toEqual([1, 3, 3.5]);
    expect(replaySchedule(eps, Number.NaN)).toEqual([1, 3, 3.5]);
    expect(replaySchedule([], 4)).toEqual([]);
  });
});

describe("throughputOf()", () => {
  it("buckets finish times into round-width buckets that hold every episode", () => {
    const t = throughputOf([0.5, 1.5, 1.7, 9.9], { target: 10 });
    expect(t.bucketSeconds).toBe(1);
    expect(t.buckets).toHaveLength(10);
    expect(t.buckets.map((b) => b.n)).toEqual([1, 2, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(t.buckets[9]?.t).toBe(9);
    expect(t.spanSeconds).toBe(9.9);
    expect(t.meanPerSecond).toBeCloseTo(4 / 9.9);
    expect(t.estimated).toBe(true);
  });

  it("is empty without finish times", () => {
    expect(throughputOf([]).buckets).toEqual([]);
  });
});
