import { describe, expect, it } from "vitest";
import { parseTextAction, parseToolCall } from "../../../env/episode/parse-action.ts";

describe("parseToolCall()", () => {
  it("accepts arguments as an object, a JSON string, or OpenAI's {type, function} shape", () => {
    const a = parseToolCall({ name: "search", arguments: { query: "x" } });
    const b = parseToolCall({ name: "search", arguments: '{"query":"x"}' });
    const c = parseToolCall({ type: "function", function: { name: "search", arguments: '{"query":"x","k":3}' } });
    expect(a).toMatchObject({ ok: true, action: { name: "search", query: "x", k: 10 } });
    expect(b).toMatchObject({ ok: true, action: { name: "search", query: "x", k: 10 } });
    expect(c).toMatchObject({ ok: true, action: { name: "search", query: "x", k: 3 } });
  });

  it.each([
    [null, /must be an object/],
    [{ arguments: {} }, /name must be a string/],
    [{ name: "search", arguments: "{nope" }, /not valid JSON/],
    [{ name: "search", arguments: [1] }, /must be an object/],
    [{ name: "search", arguments: { query: "  " } }, /non-empty string `query`/],
    [{ name: "search", arguments: { query: "q", k: 0 } }, /k must be an integer/],
    [{ name: "open", arguments: {} }, /needs `url` or `id`/],
    [{ name: "open", arguments: { id: -1 } }, /non-negative integer/],
    [{ name: "find", arguments: { pattern: "" } }, /non-empty string `pattern`/],
    [{ name: "answer", arguments: { answer: "a", citations: "http://x" } }, /citations must be an array/],
    [{ name: "rm", arguments: {} }, /unknown tool "rm"/],
  ])("rejects %j with a message naming the problem", (raw, msg) => {
    const r = parseToolCall(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(msg);
  });
});

describe("parseTextAction()", () => {
  it("reads Search-R1 tags (first tag wins) and ignores <think> blocks", () => {
    expect(parseTextAction("<think><answer>no</answer></think> <search> capital of France </search><answer>Paris</answer>")).toMatchObject({
      ok: true,
      source: "search_r1_tags",
      action: { name: "search", query: "capital of France" },
    });
    expect(parseTextAction("so... <answer>Paris</answer>")).toMatchObject({ ok: true, action: { name: "answer", answer: "Paris", citations: [] } });
  });

  it("reads a Hermes/Qwen <tool_call> block", () => {
    const r = parseTextAction('I will search.\n<tool_call>\n{"name": "open", "arguments": {"url": "https://a.test/"}}\n</tool_call>');
    expect(r).toMatchObject({ ok: true, source: "hermes_tool_call", action: { name: "open", url: "https://a.test/" } });
  });

  it("says what to do when nothing parses", () => {
    const r = parseTextAction("The answer is probably Paris.");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/<search>query<\/search>/);
    expect(parseTextAction("<tool_call>{bad json</tool_call>")).toMatchObject({ ok: false, message: expect.stringMatching(/not valid JSON/) });
  });
});
