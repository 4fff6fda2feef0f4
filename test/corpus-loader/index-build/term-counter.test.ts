import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_TF } from "../../../corpus-loader/index-build/postings-builder.ts";
import { TermCounter, type TermBatch } from "../../../corpus-loader/index-build/term-counter.ts";
import { tokenize } from "../../../env/search/index.ts";

/** Per document: term → weighted tf, from a batch and the counter's dictionary. */
function docsOf(c: TermCounter, b: TermBatch): Array<Map<string, number>> {
  const docs: Array<Map<string, number>> = [];
  let from = 0;
  for (const end of b.docPairEnd) {
    const m = new Map<string, number>();
    for (let i = from; i < end; i++) m.set(c.terms[b.pairTerm[i] as number] as string, b.pairTf[i] as number);
    docs.push(m);
    from = end;
  }
  return docs;
}

/** The same from `tokenize`. */
function expected(fields: Array<[string, number]>, stem: boolean): { tf: Map<string, number>; len: number; order: string[] } {
  const tf = new Map<string, number>();
  const order: string[] = [];
  let len = 0;
  for (const [text, w] of fields) {
    const toks = tokenize(text, { stem });
    for (const t of toks) {
      if (!tf.has(t)) order.push(t);
      tf.set(t, Math.min((tf.get(t) ?? 0) + w, MAX_TF));
    }
    len += toks.length * w;
  }
  return { tf, len, order };
}

const WORDISH = fc.constantFrom(
  "the",
  "Running",
  "runs",
  "pbkdf2_hmac",
  "__init__",
  "3.11.2",
  "Café",
  "naïve",
  "ＡＢＣ",
  "ß",
  "e\u0301",
  "x",
  "a_b_c",
  "of",
  "東京",
  "42",
  "a".repeat(70),
  "___",
  "1.2.",
);
const TEXT = fc.array(fc.oneof(WORDISH, fc.string({ maxLength: 6 }), fc.constantFrom(" ", ". ", "-", "_", "\n")), { maxLength: 40 }).map((a) => a.join(""));

describe("TermCounter", () => {
  it("counts exactly tokenize()'s terms, weighted, with ids in first-seen order", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(TEXT, TEXT), { minLength: 1, maxLength: 6 }), fc.boolean(), (docs, stem) => {
        const c = new TermCounter({ stem });
        const lens = docs.map(([title, text]) => {
          c.addField(title, 3);
          c.addField(text, 1);
          return c.endDoc();
        });
        const b = c.takeBatch();
        const got = docsOf(c, b);
        const order: string[] = [];
        docs.forEach(([title, text], i) => {
          const want = expected(
            [
              [title, 3],
              [text, 1],
            ],
            stem,
          );
          expect(got[i]).toEqual(want.tf);
          expect(lens[i]).toBe(want.len);
          expect(b.docLen[i]).toBe(want.len);
          for (const t of want.order) if (!order.includes(t)) order.push(t);
        });
        expect(c.terms).toEqual(order);
        expect(b.newTerms).toEqual(order);
        expect(b.termBase).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it("sends only the terms first seen since the last batch, and caps tf", () => {
    const c = new TermCounter({ stem: false });
    c.addField("alpha beta", 1);
    c.endDoc();
    const first = c.takeBatch();
    c.addField("beta gamma ".repeat(40_000), 2);
    c.endDoc();
    const second = c.takeBatch();
    expect(first.newTerms).toEqual(["alpha", "beta"]);
    expect(second.termBase).toBe(2);
    expect(second.newTerms).toEqual(["gamma"]);
    expect([...second.pairTerm]).toEqual([1, 2]);
    expect([...second.pairTf]).toEqual([MAX_TF, MAX_TF]);
    expect(second.tokens).toBe(80_000);
  });

  it("keeps working past table growth", () => {
    const c = new TermCounter({ stem: true });
    const words = Array.from({ length: 100_000 }, (_, i) => `w${i.toString(36)}z`);
    c.addField(words.join(" "), 1);
    c.addField(words.join(" "), 1);
    c.endDoc();
    const b = c.takeBatch();
    expect(c.terms).toEqual(words);
    expect(b.pairTf.every((tf) => tf === 2)).toBe(true);
  });
});
