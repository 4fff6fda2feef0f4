import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUILTIN_PROFILES, loadProfile, validateProfile } from "../../../env/faults/profile.ts";

const invalid = (v: unknown, field: string): void => {
  expect(() => validateProfile(v)).toThrow(expect.objectContaining({ code: "FAULT_PROFILE_INVALID", message: expect.stringContaining(field) }));
};

describe("validateProfile()", () => {
  it("accepts every built-in profile and fills missing rates with 0", () => {
    for (const p of Object.values(BUILTIN_PROFILES)) expect(validateProfile(p)).toEqual({ ...p, errors: p.errors });
    expect(validateProfile({})).toEqual({ latency: {}, errors: {}, timeout: 0, truncate: 0, blocked: 0 });
  });

  it("names the bad field", () => {
    invalid([], "(root)");
    invalid({ timeout: 1.5 }, "timeout");
    invalid({ truncate: "0.1" }, "truncate");
    invalid({ errors: { "404": 0.1 } }, "errors.404");
    invalid({ errors: { "429": 0.7 }, timeout: 0.5 }, "errors + timeout");
    invalid({ latency: { page: { median_ms: -1, sigma: 0 } } }, "latency.page.median_ms");
    invalid({ latency: { page: { median_ms: 1, sigma: 9 } } }, "latency.page.sigma");
    invalid({ latency: { page: { median_ms: 1, jitter: 2 } } }, "latency.page.jitter");
    invalid(
      {
        schedule: [
          { step: 10, multiplier: 1 },
          { step: 5, multiplier: 2 },
        ],
      },
      "schedule[1].step",
    );
    invalid({ schedule: [{ step: 0, multiplier: -1 }] }, "schedule[0].multiplier");
    invalid({ retries: 3 }, "retries");
  });
});

describe("loadProfile()", () => {
  it("resolves built-in names, objects and JSON files", () => {
    expect(loadProfile("mild").errors["429"]).toBe(0.01);
    expect(loadProfile({ blocked: 0.3 }).blocked).toBe(0.3);
    const dir = mkdtempSync(join(tmpdir(), "simweb-faults-"));
    const file = join(dir, "f.json");
    writeFileSync(file, JSON.stringify({ timeout: 0.2, schedule: [{ step: 0, multiplier: 1 }] }));
    expect(loadProfile(file)).toMatchObject({ timeout: 0.2, schedule: [{ step: 0, multiplier: 1 }] });
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{not json");
    expect(() => loadProfile(bad)).toThrow(expect.objectContaining({ code: "FAULT_PROFILE_INVALID" }));
  });

  it("rejects unknown names with FAULT_PROFILE_NOT_FOUND", () => {
    expect(() => loadProfile("brutal")).toThrow(expect.objectContaining({ code: "FAULT_PROFILE_NOT_FOUND" }));
  });
});
