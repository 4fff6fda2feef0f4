import { describe, expect, it } from "vitest";
import { FaultModel, type FaultDraw } from "../../../env/faults/fault-model.ts";
import type { FaultProfile } from "../../../env/faults/profile.ts";

function drawMany(m: FaultModel, seed: number | string, n: number, trainingStep?: number): FaultDraw[] {
  const out: FaultDraw[] = [];
  for (let i = 0; i < n; i++) {
    const args = { seed, episode: Math.floor(i / 10), step: i % 10, route: "page" };
    out.push(m.draw(trainingStep === undefined ? args : { ...args, trainingStep }));
  }
  return out;
}

const rate = (draws: FaultDraw[], pred: (d: FaultDraw) => boolean): number => draws.filter(pred).length / draws.length;

describe("FaultModel.draw()", () => {
  it("gives the same draw for the same arguments", () => {
    const a = FaultModel.from("harsh");
    const b = FaultModel.from("harsh");
    expect(drawMany(a, 42, 500)).toEqual(drawMany(b, 42, 500));
    expect(a.draw({ seed: 1, episode: "e", step: 0, route: "search" })).toEqual(a.draw({ seed: 1, episode: "e", step: 0, route: "search" }));
  });

  it("differs across seeds, episodes, steps and routes", () => {
    const m = FaultModel.from("harsh");
    const lat = (seed: number, episode: number, step: number, route: string): number => m.draw({ seed, episode, step, route }).latencyMs;
    expect(drawMany(m, 1, 200)).not.toEqual(drawMany(m, 2, 200));
    const base = lat(1, 0, 0, "page");
    const others = [lat(1, 1, 0, "page"), lat(1, 0, 1, "page"), lat(1, 0, 0, "search")];
    expect(others.some((x) => x !== base)).toBe(true);
  });

  it("never faults and has zero latency with `none`", () => {
    const draws = drawMany(FaultModel.from("none"), 7, 1000);
    expect(draws.every((d) => d.latencyMs === 0 && d.error === null && d.truncate === null && d.blocked === null)).toBe(true);
  });

  it("matches the profile's rates over many draws", () => {
    const p: FaultProfile = {
      latency: { page: { median_ms: 400, sigma: 0.6 } },
      errors: { "429": 0.1, "500": 0.05, "503": 0.05 },
      timeout: 0.1,
      timeout_ms: 5000,
      truncate: 0.2,
      blocked: 0.1,
    };
    const draws = drawMany(new FaultModel(p), 3, 8000);
    expect(rate(draws, (d) => d.error === 429)).toBeCloseTo(0.1, 1);
    expect(rate(draws, (d) => d.error === 500)).toBeCloseTo(0.05, 1);
    expect(rate(draws, (d) => d.error === "timeout")).toBeCloseTo(0.1, 1);
    const ok = draws.filter((d) => d.error === null);
    expect(rate(ok, (d) => d.blocked !== null)).toBeCloseTo(0.1, 1);
    expect(
      rate(
        ok.filter((d) => d.blocked === null),
        (d) => d.truncate !== null,
      ),
    ).toBeCloseTo(0.2, 1);
    expect(
      rate(
        ok.filter((d) => d.blocked !== null),
        (d) => d.blocked === "robots",
      ),
    ).toBeCloseTo(0.5, 1);
    const lat = ok.map((d) => d.latencyMs).sort((a, b) => a - b);
    const median = lat[Math.floor(lat.length / 2)] as number;
    expect(median).toBeGreaterThan(360);
    expect(median).toBeLessThan(440);
    expect(draws.filter((d) => d.error === "timeout").every((d) => d.latencyMs === 5000)).toBe(true);
    expect(lat.every((x) => x <= 5000 && Number.isInteger(x))).toBe(true);
    const fr = ok.flatMap((d) => (d.truncate === null ? [] : [d.truncate]));
    expect(fr.every((f) => f >= 0.1 && f <= 0.9)).toBe(true);
  });

  it("uses the route's latency, then `default`, else 0", () => {
    const m = new FaultModel({
      latency: { search: { median_ms: 100, sigma: 0 }, default: { median_ms: 7, sigma: 0 } },
      errors: {},
      timeout: 0,
      truncate: 0,
      blocked: 0,
    });
    expect(m.draw({ seed: 1, episode: 0, step: 0, route: "search" }).latencyMs).toBe(100);
    expect(m.draw({ seed: 1, episode: 0, step: 0, route: "other" }).latencyMs).toBe(7);
    const bare = new FaultModel({ latency: {}, errors: {}, timeout: 0, truncate: 0, blocked: 0 });
    expect(bare.draw({ seed: 1, episode: 0, step: 0, route: "x" }).latencyMs).toBe(0);
  });

  it("rejects a bad step, route or training step", () => {
    const m = FaultModel.from("mild");
    const base = { seed: 1, episode: 0, step: 0, route: "page" };
    expect(() => m.draw({ ...base, step: -1 })).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    expect(() => m.draw({ ...base, route: "" })).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    expect(() => m.draw({ ...base, trainingStep: Number.NaN })).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
  });
});

describe("FaultModel schedule", () => {
  const profile: FaultProfile = {
    latency: {},
    errors: { "503": 0.05 },
    timeout: 0,
    truncate: 0.05,
    blocked: 0,
    schedule: [
      { step: 0, multiplier: 1 },
      { step: 1000, multiplier: 4 },
    ],
  };

  it("interpolates the multiplier by training step and holds it past the ends", () => {
    const m = new FaultModel(profile);
    expect([m.multiplier(0), m.multiplier(500), m.multiplier(1000), m.multiplier(5000)]).toEqual([1, 2.5, 4, 4]);
  });

  it("raises fault rates as training advances, only adding faults", () => {
    const m = new FaultModel(profile);
    const early = drawMany(m, 9, 2000, 0);
    const late = drawMany(m, 9, 2000, 1000);
    expect(rate(late, (d) => d.error === 503)).toBeGreaterThan(2.5 * rate(early, (d) => d.error === 503));
    early.forEach((d, i) => {
      if (d.error !== null) expect(late[i]?.error).toBe(d.error);
    });
    m.trainingStep = 1000;
    expect(drawMany(m, 9, 2000)).toEqual(late);
  });

  it("keeps the error distribution valid when multiplied rates pass 1", () => {
    const m = new FaultModel({ ...profile, errors: { "429": 0.5, "500": 0.3 }, schedule: [{ step: 0, multiplier: 10 }] });
    const draws = drawMany(m, 1, 2000);
    expect(draws.every((d) => d.error === 429 || d.error === 500)).toBe(true);
  });
});
