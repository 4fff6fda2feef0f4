import { describe, expect, it } from "vitest";
import { InvalidMessageError, jsonDepth, parseGuardedJson, validateClientMessage } from "../../../env/ws/index.ts";

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    return (err as InvalidMessageError).code;
  }
  return "no error";
}

describe("validateClientMessage()", () => {
  it("maps snake_case reset data to the episode's camelCase args", () => {
    const m = validateClientMessage({
      type: "reset",
      id: "r1",
      data: { env_id: "e", seed: 4, task_id: "t", split: "dev", options: { max_steps: 3, task: { question: "q?", answers: ["a"], gold_urls: ["u"] } } },
    });
    expect(m).toEqual({
      type: "reset",
      id: "r1",
      envId: "e",
      args: {
        seed: 4,
        taskId: "t",
        split: "dev",
        options: { maxSteps: 3, task: { question: "q?", answers: ["a"], goldUrls: ["u"], hops: 1, rubric: null } },
      },
    });
  });

  it("accepts tool calls (object or string arguments, OpenAI function shape) and text actions with tokens", () => {
    expect(validateClientMessage({ type: "step", data: { name: "find", arguments: '{"pattern":"x"}' } })).toMatchObject({
      action: { name: "find", arguments: '{"pattern":"x"}' },
    });
    expect(validateClientMessage({ type: "step", data: { type: "function", function: { name: "open", arguments: { id: 1 } } } })).toMatchObject({
      action: { name: "open", arguments: { id: 1 } },
    });
    expect(validateClientMessage({ type: "step", data: { text: "<search>q</search>", tokens: { prompt: 1, completion: 2 } } })).toMatchObject({
      action: { text: "<search>q</search>" },
      tokens: { prompt: 1, completion: 2 },
    });
  });

  it("rejects bad shapes with VALIDATION_ERROR and unknown types with UNKNOWN_TYPE, keeping ids", () => {
    expect(codeOf(() => validateClientMessage(null))).toBe("VALIDATION_ERROR");
    // as OpenEnv: no or unknown type → UNKNOWN_TYPE; a known type with extra top-level fields → VALIDATION_ERROR
    expect(codeOf(() => validateClientMessage({ type: 3 }))).toBe("UNKNOWN_TYPE");
    expect(codeOf(() => validateClientMessage({ data: {} }))).toBe("UNKNOWN_TYPE");
    expect(codeOf(() => validateClientMessage({ type: "state", extra: 1 }))).toBe("VALIDATION_ERROR");
    expect(validateClientMessage({ type: "reset", data: { seed: 1, episode_id: "e" } })).toMatchObject({ args: { seed: 1 } });
    expect(validateClientMessage({ type: "mcp", data: { jsonrpc: "2.0", method: "tools/list", id: 4 } })).toMatchObject({
      rpc: { ok: true, method: "tools/list", params: {}, rpcId: 4 },
    });
    expect(validateClientMessage({ type: "mcp", data: { jsonrpc: "1.0", method: "x", id: 5 } })).toMatchObject({ rpc: { ok: false, rpcId: 5 } });
    expect(codeOf(() => validateClientMessage({ type: "state", id: {} }))).toBe("VALIDATION_ERROR");
    expect(codeOf(() => validateClientMessage({ type: "reset", data: { options: { max_steps: -1 } } }))).toBe("VALIDATION_ERROR");
    expect(codeOf(() => validateClientMessage({ type: "reset", data: { options: { maxSteps: 3 } } }))).toBe("VALIDATION_ERROR");
    expect(codeOf(() => validateClientMessage({ type: "reset", data: { options: { task: { question: "q", answers: [] } } } }))).toBe("VALIDATION_ERROR");
    expect(codeOf(() => validateClientMessage({ type: "step", data: { text: "x", tokens: { prompt: -1, completion: 0 } } }))).toBe("VALIDATION_ERROR");
    expect(codeOf(() => validateClientMessage({ type: "state", data: { env_id: "" } }))).toBe("VALIDATION_ERROR");
    try {
      validateClientMessage({ type: "render", id: 9, data: { env_id: "k" } });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidMessageError);
      expect((err as InvalidMessageError).detail).toMatchObject({ id: 9, envId: "k", error: { code: "UNKNOWN_TYPE" } });
    }
  });
});

describe("jsonDepth()", () => {
  it("counts nesting and ignores brackets inside strings", () => {
    expect(jsonDepth('{"a":[1,{"b":"[[{{\\"]]"}]}')).toBe(3);
    expect(jsonDepth("3")).toBe(0);
    expect(jsonDepth("[".repeat(1000), 5)).toBe(6);
  });
});

describe("parseGuardedJson()", () => {
  const limits = { maxBytes: 64, maxDepth: 4 };
  it("parses within limits and names the limit it hits", () => {
    expect(parseGuardedJson('{"a":[1]}', limits)).toEqual({ a: [1] });
    expect(codeOf(() => parseGuardedJson(`"${"é".repeat(40)}"`, limits))).toBe("MESSAGE_TOO_BIG");
    expect(codeOf(() => parseGuardedJson("[[[[[1]]]]]", limits))).toBe("VALIDATION_ERROR");
    expect(codeOf(() => parseGuardedJson("{", limits))).toBe("INVALID_JSON");
  });
});
