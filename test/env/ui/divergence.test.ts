import { describe, expect, it } from "vitest";
import { actionKey, actionLabel, firstDivergence } from "../../../env/ui/index.ts";

describe("firstDivergence()", () => {
  it("finds the first step where actions differ and numbers the branches", () => {
    expect(
      firstDivergence([
        ["a", "b", "c"],
        ["a", "b", "d"],
        ["a", "b", "c"],
        ["a", "b", "e"],
      ]),
    ).toEqual({ step: 2, branches: [0, 1, 0, 2] });
  });

  it("counts a rollout that ended while another went on as a divergence", () => {
    expect(firstDivergence([["a", "b"], ["a"]])).toEqual({ step: 1, branches: [0, "ended"] });
  });

  it("is null for identical sequences and for fewer than two rollouts", () => {
    expect(
      firstDivergence([
        ["a", "b"],
        ["a", "b"],
      ]),
    ).toEqual({ step: null, branches: [] });
    expect(firstDivergence([["a"]])).toEqual({ step: null, branches: [] });
    expect(firstDivergence([[], []])).toEqual({ step: null, branches: [] });
  });
});

describe("actionKey()", () => {
  it("ignores argument order but not argument values", () => {
    const a = actionKey('{"name":"search","arguments":{"query":"x","k":5}}', null);
    expect(actionKey('{"arguments":{"k":5,"query":"x"},"name":"search"}', null)).toBe(a);
    expect(actionKey('{"name":"search","arguments":{"query":"y","k":5}}', null)).not.toBe(a);
  });

  it("keys text actions by their raw text", () => {
    expect(actionKey(null, "<search>x</search>")).toBe("text:<search>x</search>");
    expect(actionKey(null, "a")).not.toBe(actionKey(null, "b"));
  });
});

describe("actionLabel()", () => {
  it("labels tool calls by their main argument", () => {
    expect(actionLabel('{"name":"search","arguments":{"query":"vexa corp"}}', null)).toBe('search("vexa corp")');
    expect(actionLabel('{"name":"open","arguments":{"id":2}}', null)).toBe("open(2)");
    expect(actionLabel('{"name":"answer","arguments":{"answer":"1987","citations":["u"]}}', null)).toBe('answer("1987", citations=["u"])');
  });

  it("labels text actions, missing actions and bad JSON without throwing, clipped to one line", () => {
    expect(actionLabel(null, "  hello\n  world ")).toBe("text: hello world");
    expect(actionLabel(null, null)).toBe("(no action)");
    expect(actionLabel("{oops", null)).toBe("{oops");
    expect(actionLabel(null, "x".repeat(500)).length).toBeLessThanOrEqual(120);
  });
});
