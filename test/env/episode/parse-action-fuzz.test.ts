import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseTextAction } from "../../../env/episode/parse-action.ts";
import { parseQuery } from "../../../env/search/index.ts";
import { correct } from "../../../verifiers/index.ts";
import type { Task, Trajectory } from "../../../core/index.ts";

// The regexes the parser used before it scanned (cubic on `<tool_call>` + whitespace): the reference
// semantics the linear scanner must keep, checked on inputs small enough for them.
const THINK = /<think>[\s\S]*?<\/think>/gi;
const TAG = /<(search|answer)>([\s\S]*?)<\/\1>/i;
const TOOL_CALL = /<tool_call>\s*([\s\S]*?)\s*<\/tool_call>/i;
function referenceParse(text: string): { kind: string; body: string } | null {
  const visible = text.replace(THINK, "");
  const tc = TOOL_CALL.exec(visible);
  const tag = TAG.exec(visible);
  if (tc && (!tag || tc.index < tag.index)) return { kind: "tool_call", body: tc[1] ?? "" };
  if (tag) return { kind: (tag[1] ?? "").toLowerCase(), body: (tag[2] ?? "").trim() };
  return null;
}

/** Nanoseconds per input character for `fn(input)`, the best of 3 runs (noise only adds time). */
function nsPerChar(fn: (s: string) => unknown, input: string): number {
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const t0 = process.hrtime.bigint();
    fn(input);
    best = Math.min(best, Number(process.hrtime.bigint() - t0));
  }
  return best / input.length;
}

// Truncated and adversarial model output: what a model emits when max_tokens cuts a tool call, and
// the shapes that made backtracking regexes quadratic or cubic.
const HOSTILE: Record<string, (n: number) => string> = {
  "truncated <tool_call> + newlines": (n) => "<tool_call>" + "\n".repeat(n),
  "truncated <tool_call> + spaces then text": (n) => "<tool_call>" + " ".repeat(n) + "x",
  "unclosed <think> repeated": (n) => "<think>".repeat(n / 7),
  "unclosed <search> repeated": (n) => "<search>".repeat(n / 8),
  "mixed unclosed tags": (n) => "<answer><search><tool_call> \n\t".repeat(n / 30),
  "closing tags only": (n) => "</tool_call></think>".repeat(n / 20),
  "open tags with partial closes": (n) => "<tool_call>\n</tool_cal".repeat(n / 22),
  "lone angle brackets": (n) => "<".repeat(n),
  "uppercase tags unclosed": (n) => "<TOOL_CALL>\r\n".repeat(n / 13),
};

// A linear parser spends well under 100 ns a character; the regexes it replaced spent milliseconds
// a character at these sizes. The budget is per input character, so it holds on any machine.
const BUDGET_NS_PER_CHAR = 2_000;
// Smallest first: the old regexes blew the budget at 2,000 characters, so the test fails instead of hanging.
const SIZES = [2_000, 25_000, 200_000];

describe("parseTextAction() under hostile model output", () => {
  for (const [name, make] of Object.entries(HOSTILE)) {
    it(`stays within ${BUDGET_NS_PER_CHAR} ns a character and linear: ${name}`, () => {
      const costs: number[] = [];
      for (const n of SIZES) {
        costs.push(nsPerChar(parseTextAction, make(n)));
        expect(costs.at(-1)).toBeLessThan(BUDGET_NS_PER_CHAR);
      }
      // 8× the input may not cost much more per character (a quadratic parser costs 8× more)
      expect(costs[2] as number).toBeLessThan(Math.max(4 * (costs[1] as number), 200));
      expect(parseTextAction(make(SIZES[0] as number)).ok).toBe(false);
    });
  }

  it("answers a 25,000-newline truncated tool call with the usual error", () => {
    const r = parseTextAction("<tool_call>" + "\n".repeat(25_000));
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/no action found/) });
  });

  it("finds the same action as the regexes it replaced on random tag soup", () => {
    const piece = fc.constantFrom(
      "<think>",
      "</think>",
      "<THINK>",
      "<search>",
      "</search>",
      "<Search>",
      "</SEARCH>",
      "<answer>",
      "</answer>",
      "<tool_call>",
      "</tool_call>",
      "<TOOL_CALL>",
      '{"name":"search","arguments":{"query":"q"}}',
      " ",
      "\n",
      "x",
      "<",
      ">",
      "/",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const text = parts.join("");
        const ref = referenceParse(text);
        const got = parseTextAction(text);
        if (ref === null) {
          expect(got.ok).toBe(false);
          expect(got.ok === false && got.message).toMatch(/no action found/);
        } else if (ref.kind === "tool_call") {
          expect(got.ok ? got.source : "hermes_tool_call").toBe("hermes_tool_call");
          if (got.ok) expect(got.call).toEqual({ name: "search", arguments: { query: "q" } });
        } else {
          expect(got.ok ? got.source : "search_r1_tags").toBe("search_r1_tags");
          if (got.ok) expect(got.action.name).toBe(ref.kind);
          if (got.ok && got.action.name === "search") expect(got.action.query).toBe(ref.body);
          if (got.ok && got.action.name === "answer") expect(got.action.answer).toBe(ref.body);
        }
      }),
      { numRuns: 3000, seed: 21 },
    );
  });
});

// The other text a client controls on a request path: search queries (parsed, then tokenised and
// stemmed) and answers (scored by the correctness verifiers).
const HOSTILE_QUERIES: Record<string, (n: number) => string> = {
  "site: with dots": (n) => "site:" + ".".repeat(n) + "a",
  "quotes and spaces": (n) => '" '.repeat(n / 2),
  "one long word": (n) => "ational".repeat(n / 7),
  "control characters": (n) => "\u0000\u200b".repeat(n / 2),
};

describe("parseQuery() under hostile queries", () => {
  for (const [name, make] of Object.entries(HOSTILE_QUERIES)) {
    it(`stays within the per-character budget: ${name}`, () => {
      for (const n of SIZES.slice(1)) expect(nsPerChar((s) => parseQuery(s, { stem: true }), make(n))).toBeLessThan(BUDGET_NS_PER_CHAR);
    });
  }
});

const HOSTILE_ANSWERS: Record<string, (n: number) => string> = {
  "digits and separators": (n) => "1, ".repeat(n / 3),
  "month names": (n) => "January ".repeat(n / 8),
  "list words": (n) => " or and ".repeat(n / 8),
  "spaces then unit": (n) => "5" + " ".repeat(n) + "km",
};

describe("scoreAnswer() under hostile answers", () => {
  const task: Task = {
    id: "t",
    question: "When?",
    answers: ["12 March 1987", "5 km"],
    goldUrls: [],
    hops: 1,
    split: "test",
    source: "fuzz",
    type: "date",
    rubric: null,
  };
  const scoreAnswer = (t: Task, finalAnswer: string) => {
    const trajectory: Trajectory = {
      taskId: t.id,
      steps: [],
      searchQueries: [],
      openedUrls: [],
      finalAnswer,
      answerCount: 1,
      citations: [],
      simSeconds: 0,
      tokens: null,
      endReason: "answer",
    };
    return correct(t, trajectory);
  };
  for (const [name, make] of Object.entries(HOSTILE_ANSWERS)) {
    it(`stays within the per-character budget: ${name}`, () => {
      // answers are capped at 4,000 characters at the action boundary; 8× that must still be linear
      for (const n of [4_000, 32_000]) expect(nsPerChar((s) => scoreAnswer(task, s), make(n))).toBeLessThan(BUDGET_NS_PER_CHAR * 5);
    });
  }
});
