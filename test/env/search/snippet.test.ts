import { describe, expect, it } from "vitest";
import { SNIPPET_MAX_CHARS, makeSnippet, porterStem } from "../../../env/search/index.ts";
import { findMatches, probeLength } from "../../../env/search/snippet.ts";

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

describe("findMatches() candidate words", () => {
  it("finds exactly the words a full scan of every word finds, ASCII and not", async () => {
    const { stream } = await import("../../../core/seeded-stream.ts");
    const { foldWord, scanWords, tokenize, wordTerms } = await import("../../../env/search/tokenizer.ts");
    const rng = stream(5, "snippet-candidates");
    const vocab = [
      "founded",
      "founding",
      "city",
      "cities",
      "happy",
      "happiness",
      "sky",
      "says",
      "pbkdf2_hmac",
      "hmac",
      "3.11",
      "v3.11.2",
      "Born",
      "BORN",
      "reborn",
      "ties",
      "tie",
      "the",
      "a",
      "x_y",
      "2024",
      "citizen",
      "foundation",
      "said",
      "spy",
      "spies",
      "Café",
      "cafe",
      "naïve",
      "NAÏVE",
      "Ｃafé",
      "ﬁle",
      "file",
      "Straße",
      "strasse",
      "cafe\u0301",
      "\u212Aing",
      "king",
      "Zoë",
      "zoe",
      "São_Paulo",
      "paulo",
      "日本",
      "über",
      "uber",
      "ﬁled",
    ];
    const seps = [" ", ", ", "—", "“", "”", "_", ".", " … ", "\u00a0", "é", "-"];
    const opts = { stem: true };
    let compared = 0;
    for (let round = 0; round < 400; round++) {
      const parts: string[] = [];
      for (let i = 0; i < 120; i++) parts.push(rng.pick(vocab), rng.chance(0.7) ? " " : rng.pick(seps));
      if (rng.chance(0.05)) parts.push("İstanbul"); // lower-casing expands U+0130: the full-scan fallback
      const text = parts.join("");
      const query = Array.from({ length: 1 + rng.int(4) }, () => rng.pick(vocab)).join(" ");
      const terms = [...new Set(tokenize(query, opts))];
      const limit = rng.chance(0.3) ? rng.int(text.length) : 20_000;
      const expected: Array<{ s: number; e: number; term: number }> = [];
      scanWords(
        text,
        (s, e) => {
          let hit = -1;
          wordTerms(foldWord(text.slice(s, e)), opts, (t) => {
            if (hit < 0) hit = terms.indexOf(t);
          });
          if (hit >= 0) expected.push({ s, e, term: hit });
        },
        true,
        limit,
      );
      expect(findMatches(text, terms, opts, limit)).toEqual(expected);
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(1000);
  });
});

describe("probeLength()", () => {
  it("is a prefix length every word shares with its Porter stem (derivational suffixes included)", () => {
    const roots = [
      "relat",
      "condit",
      "gener",
      "possib",
      "happ",
      "communic",
      "nation",
      "valen",
      "digit",
      "electr",
      "adjust",
      "depend",
      "organ",
      "sens",
      "form",
      "activ",
      "hop",
      "fil",
      "sky",
      "agre",
      "citi",
      "compan",
      "registr",
      "found",
      "ration",
    ];
    const suffixes = [
      "",
      "s",
      "es",
      "ed",
      "ing",
      "ly",
      "ity",
      "ities",
      "ation",
      "ational",
      "ization",
      "izer",
      "ness",
      "fulness",
      "ousness",
      "iveness",
      "able",
      "ible",
      "ibility",
      "ability",
      "ment",
      "ence",
      "ency",
      "enci",
      "ance",
      "ancy",
      "anci",
      "ize",
      "ise",
      "al",
      "ally",
      "alli",
      "ical",
      "ic",
      "icate",
      "iciti",
      "ful",
      "ous",
      "ously",
      "ousli",
      "ive",
      "ivity",
      "iviti",
      "ism",
      "alism",
      "ist",
      "er",
      "ers",
      "y",
      "ies",
      "e",
      "eli",
      "entli",
      "ator",
      "aliti",
      "biliti",
      "ate",
      "ated",
    ];
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
