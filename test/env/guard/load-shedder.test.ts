import { describe, expect, it } from "vitest";
import { GuardError, LoadShedder } from "../../../env/guard/index.ts";

const busy = (ms: number): void => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};
const tick = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe("LoadShedder", () => {
  it("ignores one long pause, sheds after sustained lag with Retry-After, and clears when the lag ends", async () => {
    const s = new LoadShedder({ maxLagMs: 60, lagSamples: 2, sampleMs: 10, maxInFlight: 0 });
    try {
      busy(150);
      await tick(15);
      expect(s.overloaded).toBe(false); // one late tick, then a punctual one
      // a CPU-bound overload: every turn of the event loop takes 80 ms
      const hog = setInterval(() => busy(80), 1);
      await tick(400);
      clearInterval(hog);
      expect(s.overloaded).toBe(true);
      let err: unknown;
      try {
        s.check();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(GuardError);
      expect((err as GuardError).status).toBe(429);
      expect((err as GuardError).headers["Retry-After"]).toBe("1");
      await tick(50);
      expect(s.overloaded).toBe(false);
      expect(s.stats().shedTotal.lag).toBe(1);
    } finally {
      s.stop();
    }
  });

  it("sheds above maxInFlight", () => {
    const s = new LoadShedder({ maxLagMs: 0, maxInFlight: 1 });
    const a = s.enter();
    expect(() => s.check()).not.toThrow();
    const b = s.enter();
    expect(() => s.check()).toThrow(/2 requests in flight|1 requests in flight/);
    b();
    b();
    a();
    expect(s.stats().inFlight).toBe(0);
  });
});
