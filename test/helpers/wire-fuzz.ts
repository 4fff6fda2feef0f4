/** @module Test helper: fast-check arbitraries of hostile, malformed and odd-but-valid wire messages. */
import fc from "fast-check";

/** One frame a fuzzing client sends. */
export type FuzzFrame =
  | { kind: "text"; text: string }
  /** A text frame whose bytes are not UTF-8 (the server must close with 1007). */
  | { kind: "bad-utf8"; bytes: Uint8Array }
  | { kind: "binary"; bytes: Uint8Array }
  /** A text frame of `size` bytes, above the server's maxPayload (close 1009). */
  | { kind: "oversize"; size: number };

/** Settings of the message arbitraries. */
export interface FuzzConfig {
  /** Task ids that exist, so some resets succeed and later steps run real tools. */
  taskIds: readonly string[];
  /** Largest string a "huge" field may hold (keep it around the server's message limit). */
  hugeMax: number;
  /** The server's maxPayload: `oversize` frames are a little above it. */
  maxPayload: number;
}

const TYPES = ["reset", "step", "state", "close", "Reset", "STEP", "", "observation", "error", "__proto__", "constructor"];
const TOOLS = ["search", "open", "find", "answer", "Search", "", "browser.search", "python", "toString", "__proto__"];

/** Strings that stress parsers, tokenisers and URL handling. */
function oddString(hugeMax: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 4, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
    { weight: 2, arbitrary: fc.constantFrom("\ud800", "\udfff\ud800", "\u0000", "\u202e", "ﬁ", "İ", "ß", "🙂".repeat(50), "\r\n\t") },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        "file:///etc/passwd",
        "../../etc/passwd",
        "http://169.254.169.254/latest/meta-data/",
        "https://example.com/",
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "http://[::1]:22/",
        "gopher://127.0.0.1:6379/_INFO",
        "//evil.test/x",
        "http://127.0.0.1:1/",
        "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "【0†x】",
        '"phrase',
        "site:",
        "-site:",
        "site:a.b -site:a.b",
      ),
    },
    { weight: 1, arbitrary: fc.integer({ min: 2_000, max: hugeMax }).map((n) => "ab ".repeat(Math.ceil(n / 3)).slice(0, n)) },
  );
}

/** A JSON value of any shape, odd strings included. */
function oddValue(hugeMax: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: oddString(hugeMax) },
    {
      weight: 3,
      arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 1e308, -0, 2 ** 53, 2 ** 31, 1.5, Number.MAX_SAFE_INTEGER + 2)),
    },
    { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

/** Tool arguments: the right keys with odd values, wrong keys, or not an object at all. */
function toolArguments(c: FuzzConfig): fc.Arbitrary<unknown> {
  const v = oddValue(c.hugeMax);
  return fc.oneof(
    fc.record({ query: v }, { requiredKeys: [] }),
    fc.record({ query: v, k: v }, { requiredKeys: ["query"] }),
    fc.record({ url: v, loc: v, num_lines: v }, { requiredKeys: [] }),
    fc.record({ id: v, loc: v }, { requiredKeys: [] }),
    fc.record({ pattern: v }),
    fc.record({ answer: v, citations: fc.oneof(fc.array(v, { maxLength: 4 }), v) }, { requiredKeys: [] }),
    fc.dictionary(fc.string({ maxLength: 12 }), v, { maxKeys: 4 }),
    v,
    v.map((x) => JSON.stringify(x) ?? "null"),
  );
}

/** Raw model text: Search-R1 tags and Hermes tool_call blocks, well formed or not. */
function modelText(c: FuzzConfig): fc.Arbitrary<string> {
  const s = oddString(c.hugeMax);
  return fc.oneof(
    s,
    s.map((q) => `<search>${q}</search>`),
    s.map((a) => `<think>hmm</think><answer>${a}</answer>`),
    s.map((q) => `<tool_call>{"name": "search", "arguments": {"query": ${JSON.stringify(q)}}}</tool_call>`),
    s.map((q) => `<tool_call>${q}</tool_call>`),
    fc.constantFrom("<search>", "<answer></answer>", "<tool_call>{</tool_call>", "<search><search>x</search></search>"),
  );
}

/** `data` of a message: plausible for its type, with unknown fields and wrong types mixed in. */
function messageData(c: FuzzConfig): fc.Arbitrary<unknown> {
  const v = oddValue(c.hugeMax);
  const taskId = fc.oneof(fc.constantFrom(...c.taskIds), v);
  const envId = fc.oneof(fc.constantFrom("a", "b", "c"), v);
  return fc.oneof(
    fc.record(
      {
        seed: fc.oneof(fc.integer({ min: 0, max: 1000 }), v),
        task_id: taskId,
        split: fc.oneof(fc.constantFrom("train", "test", "dev"), v),
        env_id: envId,
        options: fc.oneof(fc.record({ max_steps: v, max_sim_seconds: v, max_obs_tokens: v, task: v }, { requiredKeys: [] }), v),
      },
      { requiredKeys: [] },
    ),
    fc.record(
      {
        name: fc.oneof(fc.constantFrom(...TOOLS), v),
        arguments: toolArguments(c),
        env_id: envId,
        tokens: fc.oneof(fc.record({ prompt: v, completion: v }), v),
      },
      { requiredKeys: ["name"] },
    ),
    fc.record({ text: modelText(c), env_id: envId }, { requiredKeys: ["text"] }),
    fc.record({ function: fc.record({ name: fc.constantFrom(...TOOLS), arguments: toolArguments(c) }), type: fc.constant("function"), id: v }),
    fc.record({ env_id: envId }, { requiredKeys: [] }),
    fc.dictionary(fc.string({ maxLength: 10 }), v, { maxKeys: 5 }),
    v,
  );
}

/** A message object: the envelope with odd types, ids and data, sometimes with unknown top-level fields. */
function envelope(c: FuzzConfig): fc.Arbitrary<Record<string, unknown>> {
  const v = oddValue(c.hugeMax);
  return fc.record(
    {
      type: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...TYPES) }, { weight: 1, arbitrary: v }),
      id: fc.oneof(fc.integer(), fc.string({ maxLength: 140 }), v),
      data: messageData(c),
      extra: v,
    },
    { requiredKeys: ["type"] },
  );
}

/** Applies a byte-level edit to JSON text: truncation, insertion, deletion or duplication. */
function mutated(c: FuzzConfig): fc.Arbitrary<string> {
  return fc
    .tuple(
      envelope(c).map((m) => JSON.stringify(m)),
      fc.nat(),
      fc.nat(),
      fc.string({ unit: "binary", minLength: 1, maxLength: 4 }),
      fc.nat(3),
    )
    .map(([text, a, b, ins, op]) => {
      const i = a % (text.length + 1);
      const j = b % (text.length + 1);
      if (op === 0) return text.slice(0, i);
      if (op === 1) return text.slice(0, i) + ins + text.slice(i);
      if (op === 2) return text.slice(0, Math.min(i, j)) + text.slice(Math.max(i, j));
      return text.slice(0, i) + text.slice(Math.min(i, j), Math.max(i, j)) + text.slice(i);
    });
}

/** Deeply nested arrays/objects, from a little past the depth limit to very deep. */
function deep(): fc.Arbitrary<string> {
  return fc.tuple(fc.integer({ min: 20, max: 20_000 }), fc.boolean(), fc.boolean()).map(([n, obj, closed]) => {
    const open = obj ? '{"a":'.repeat(n) : "[".repeat(n);
    const close = closed ? (obj ? "}" : "]").repeat(n) : "";
    return obj ? `{"type":"step","data":${open}1${close}}` : `${open}1${close}`;
  });
}

/** Bytes that are not valid UTF-8 (a lone continuation byte, an overlong form, a surrogate, a truncated sequence...). */
function badUtf8(): fc.Arbitrary<Uint8Array> {
  const bad = fc.constantFrom([0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf5, 0x80, 0x80, 0x80], [0xe2, 0x82], [0xff], [0xfe, 0xff]);
  return fc
    .tuple(fc.string({ maxLength: 20 }), bad, fc.string({ maxLength: 20 }))
    .map(([a, b, z]) => Uint8Array.from([...Buffer.from(`{"type":"step","data":{"text":"${a}`), ...b, ...Buffer.from(`${z}"}}`)]));
}

/**
 * Frames a fuzzing client sends: mostly JSON envelopes with odd contents, plus random JSON, mutated
 * text, deep nesting, binary frames, invalid UTF-8 and frames above maxPayload (rare: they cost a reconnect).
 * @example
 * const frames = fc.sample(fuzzFrame({ taskIds: ["t-1"], hugeMax: 200_000, maxPayload: 256 * 1024 }), { numRuns: 100, seed: 1 });
 */
export function fuzzFrame(c: FuzzConfig): fc.Arbitrary<FuzzFrame> {
  const text = (a: fc.Arbitrary<string>): fc.Arbitrary<FuzzFrame> => a.map((t) => ({ kind: "text" as const, text: t }));
  return fc.oneof(
    { weight: 40, arbitrary: text(envelope(c).map((m) => JSON.stringify(m))) },
    { weight: 12, arbitrary: text(mutated(c)) },
    { weight: 6, arbitrary: text(fc.json({ maxDepth: 4 })) },
    { weight: 4, arbitrary: text(fc.string({ unit: "binary", maxLength: 80 })) },
    { weight: 3, arbitrary: text(deep()) },
    { weight: 3, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ kind: "binary" as const, bytes })) },
    { weight: 1, arbitrary: badUtf8().map((bytes) => ({ kind: "bad-utf8" as const, bytes })) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 4096 }).map((n) => ({ kind: "oversize" as const, size: c.maxPayload + n })) },
  );
}
