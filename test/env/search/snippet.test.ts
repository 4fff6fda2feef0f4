import { describe, expect, it } from "vitest";
import { SNIPPET_MAX_CHARS, makeSnippet, porterStem } from "../../../env/search/index.ts";
import { probeLength } from "../../../env/search/snippet.ts";

describe("makeSnippet()", () => {
  it("highlights matched terms, including stemmed and folded forms", () => {
    const s = makeSnippet("Running a Café: connections matter.", ["run", "cafe", "connect"], { stem: true });
    expect(s).toBe("**Running** a **Café**: **connections** matter.");
  });

  it("centres on the densest cluster of distinct terms and respects the bound", () => {
    const filler = "lorem ipsum dolor sit amet ".repeat(200);
    const text = `alpha ${filler} beta gamma delta together here ${filler} alpha`;
    const s = makeSnippet(text, ["beta", "gamma", "delta"], { stem: false });
    expect(s).toContain("**beta** **gamma** **delta**");
    expect(s.startsWith("…")).toBe(true);
    expect(s.length).toBeLessThanOrEqual(SNIPPET_MAX_CHARS);
  });

  it("falls back to the start of the page without matches", () => {
    const s = makeSnippet("word ".repeat(500), ["absent"], { stem: false });
    expect(s.startsWith("word word")).toBe(true);
    expect(s.endsWith("…")).toBe(true);
    expect(s.length).toBeLessThanOrEqual(SNIPPET_MAX_CHARS);
    expect(makeSnippet("", ["x"], { stem: false })).toBe("");
  });
});

describe("makeSnippet() ASCII fast path", () => {
  it("highlights exactly what the full word scan highlights (non-ASCII text forces the full scan)", async () => {
    const { stream } = await import("../../../corpus-loader/seeded-stream.ts");
    const rng = stream(5, "snippet-fast-path");
    const vocab = ["founded", "founding", "city", "cities", "happy", "happiness", "sky", "says", "pbkdf2_hmac", "hmac", "3.11", "v3.11.2",
      "Born", "BORN", "reborn", "ties", "tie", "the", "a", "x_y", "2024", "citizen", "foundation", "said", "spy", "spies"];
    const { tokenize } = await import("../../../env/search/index.ts");
    for (let round = 0; round < 200; round++) {
      const words = Array.from({ length: 300 }, () => rng.pick(vocab));
      const text = words.join(rng.chance(0.5) ? " " : ", ");
      const query = Array.from({ length: 1 + rng.int(3) }, () => rng.pick(vocab)).join(" ");
      const terms = [...new Set(tokenize(query, { stem: true }))];
      const fast = makeSnippet(text, terms, { stem: true });
      const slow = makeSnippet(text + " é", terms, { stem: true });
      const marks = (s: string) => [...s.matchAll(/\*\*([^*]+)\*\*/g)].map((m) => m[1]);
      expect(marks(fast)).toEqual(marks(slow));
    }
  });
});

describe("probeLength()", () => {
  it("is a prefix length every word shares with its Porter stem (derivational suffixes included)", () => {
    const roots = ["relat", "condit", "gener", "possib", "happ", "communic", "nation", "valen", "digit", "electr", "adjust",
      "depend", "organ", "sens", "form", "activ", "hop", "fil", "sky", "agre", "citi", "compan", "registr", "found", "ration"];
    const suffixes = ["", "s", "es", "ed", "ing", "ly", "ity", "ities", "ation", "ational", "ization", "izer", "ness", "fulness",
      "ousness", "iveness", "able", "ible", "ibility", "ability", "ment", "ence", "ency", "enci", "ance", "ancy", "anci", "ize",
      "ise", "al", "ally", "alli", "ical", "ic", "icate", "iciti", "ful", "ous", "ously", "ousli", "ive", "ivity", "iviti",
      "ism", "alism", "ist", "er", "ers", "y", "ies", "e", "eli", "entli", "ator", "aliti", "biliti", "ate", "ated"];
    let checked = 0;
    for (const r of roots) {
      for (const s of suffixes) {
        const w = r + s;
        const stem = porterStem(w);
        if (stem.length < 2) continue;
        const n = probeLength(stem, { stem: true });
        expect(w.startsWith(stem.slice(0, n)), `${w} → ${stem}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
