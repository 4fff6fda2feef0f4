import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_SMALL_TF, MAX_TF } from "../../../corpus-loader/index-build/postings-builder.ts";
import { FIELD_COUNT, TermCounter, type TermBatch } from "../../../corpus-loader/index-build/term-counter.ts";
import { BODY_FIELD, tokenize } from "../../../env/search/index.ts";

/** Per document: term → [body tf, packed small-field tfs], from a batch and the counter's dictionary. */
function docsOf(c: TermCounter, b: TermBatch): Array<Map<string, [number, number]>> {
  const docs: Array<Map<string, [number, number]>> = [];
  let from = 0;
  for (const end of b.docPairEnd) {
    const m = new Map<string, [number, number]>();
    for (let i = from; i < end; i++) m.set(c.terms[b.pairTerm[i] as number] as string, [b.pairTf[i] as number, b.pairSmall[i] as number]);
    docs.push(m);
    from = end;
  }
  return docs;
}

/** The same from `tokenize`, per field (field index, text). */
function expected(fields: Array<[number, string]>, stem: boolean): { tf: Map<string, [number, number]>; lens: number[]; order: string[] } {
  const per = new Map<string, number[]>();
  const order: string[] = [];
  const lens = new Array<number>(FIELD_COUNT).fill(0);
  for (const [f, text] of fields) {
    const toks = tokenize(text, { stem });
    for (const t of toks) {
      if (!per.has(t)) {
        order.push(t);
        per.set(t, new Array<number>(FIELD_COUNT).fill(0));
      }
      const c = per.get(t) as number[];
      c[f] = (c[f] as number) + 1;
    }
    lens[f] = (lens[f] as number) + toks.length;
  }
  const tf = new Map<string, [number, number]>();
  for (const [t, c] of per) {
    let small = 0;
    for (let f = 0; f < FIELD_COUNT; f++) if (f !== BODY_FIELD) small += Math.min(c[f] as number, MAX_SMALL_TF) * 2 ** (8 * f);
    tf.set(t, [Math.min(c[BODY_FIELD] as number, MAX_TF), small]);
  }
  return { tf, lens, order };
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
  it("counts exactly tokenize()'s terms per field, with ids in first-seen order", () => {
    const FIELD = fc.integer({ min: 0, max: FIELD_COUNT - 1 });
    fc.assert(
      fc.property(fc.array(fc.array(fc.tuple(FIELD, TEXT), { maxLength: 6 }), { minLength: 1, maxLength: 6 }), fc.boolean(), (docs, stem) => {
        const c = new TermCounter({ stem });
        const lens = docs.map((fields) => {
          for (const [f, text] of fields) c.addField(text, f);
          return c.endDoc();
        });
        const b = c.takeBatch();
        const got = docsOf(c, b);
        const order: string[] = [];
        docs.forEach((fields, i) => {
          const want = expected(fields, stem);
          expect(got[i]).toEqual(want.tf);
          expect(lens[i]).toBe(want.lens.reduce((a, x) => a + x, 0));
          expect([...b.docFieldLen.subarray(i * FIELD_COUNT, (i + 1) * FIELD_COUNT)]).toEqual(want.lens);
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
    c.addField("alpha beta", BODY_FIELD);
    c.endDoc();
    const first = c.takeBatch();
    c.addField("beta gamma ".repeat(40_000), BODY_FIELD);
    c.addField("beta gamma ".repeat(40_000), BODY_FIELD);
    c.addField("gamma ".repeat(300), 2);
    c.endDoc();
    const second = c.takeBatch();
    expect(first.newTerms).toEqual(["alpha", "beta"]);
    expect(second.termBase).toBe(2);
    expect(second.newTerms).toEqual(["gamma"]);
    expect([...second.pairTerm]).toEqual([1, 2]);
    expect([...second.pairTf]).toEqual([MAX_TF, MAX_TF]);
    expect([...second.pairSmall]).toEqual([0, MAX_SMALL_TF << 16]);
    expect(second.tokens).toBe(160_300);
  });

  it("refuses a field index outside FIELD_NAMES", () => {
    const c = new TermCounter({ stem: false });
    expect(() => c.addField("x", FIELD_COUNT)).toThrow(RangeError);
  });

  it("keeps working past table growth", () => {
    const c = new TermCounter({ stem: true });
    const words = Array.from({ length: 100_000 }, (_, i) => `w${i.toString(36)}z`);
    c.addField(words.join(" "), BODY_FIELD);
    c.addField(words.join(" "), BODY_FIELD);
    c.endDoc();
    const b = c.takeBatch();
    expect(c.terms).toEqual(words);
    expect(b.pairTf.every((tf) => tf === 2)).toBe(true);
  });
});
