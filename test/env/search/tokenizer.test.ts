import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldText, forEachToken, tokenize } from "../../../env/search/index.ts";

const plain = { stem: false };
const stem = { stem: true };

describe("foldText()", () => {
  it("applies NFKC, case folding and diacritic folding", () => {
    expect(foldText("Ｃafé ＮAÏVE")).toBe("cafe naive");
    expect(foldText("ﬁne Straße")).toBe("fine strasse");
    expect(foldText("e\u0301te\u0301")).toBe("ete");
    expect(foldText("plain ASCII")).toBe("plain ascii");
  });
});

describe("tokenize()", () => {
  it("keeps dotted numbers and identifiers, and also emits identifier parts", () => {
    expect(tokenize("The hashlib.pbkdf2_hmac() of Python 3.11", plain)).toEqual(["hashlib", "pbkdf2_hmac", "pbkdf2", "hmac", "python", "3.11"]);
    expect(tokenize("version 3.11.2, end. 4.x", plain)).toEqual(["version", "3.11.2", "end", "4", "x"]);
    expect(tokenize("__init__ a_b", plain)).toEqual(["init", "a_b", "b"]);
  });

  it("drops stopwords and splits on non-letters", () => {
    expect(tokenize("To be, or NOT to be: that is the question!", plain)).toEqual(["question"]);
    expect(tokenize("e-mail/ü@x", plain)).toEqual(["e", "mail", "u", "x"]);
    expect(tokenize("", plain)).toEqual([]);
  });

  it("folds diacritics and full-width forms in non-Latin-1 text too", () => {
    expect(tokenize("Ｐｙｔｈｏｎ Crème brûlée", plain)).toEqual(["python", "creme", "brulee"]);
    expect(tokenize("Москва 東京", plain)).toEqual(["москва", "東京"]);
  });

  it("stems with Porter when asked, never identifiers or numbers", () => {
    expect(tokenize("Running runners ran easily", stem)).toEqual(["run", "runner", "ran", "easili"]);
    expect(tokenize("connections connected", stem)).toEqual(["connect", "connect"]);
    expect(tokenize("pbkdf2_hmac 3.11", stem)).toEqual(["pbkdf2_hmac", "pbkdf2", "hmac", "3.11"]);
  });

  it("agrees with forEachToken on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."abc XYZ_.3é-\u0301ﬁ日 the ".split("")), maxLength: 60 }), (s) => {
        const terms: string[] = [];
        forEachToken(s, stem, (t) => terms.push(t));
        expect(tokenize(s, stem)).toEqual(terms);
      }),
      { numRuns: 300 },
    );
  });
});

describe("forEachToken()", () => {
  it("counts stopwords in positions and gives identifier parts consecutive positions", () => {
    const got: Array<[string, number]> = [];
    forEachToken("state of the art pbkdf2_hmac sha", plain, (t, p) => got.push([t, p]));
    expect(got).toEqual([
      ["state", 0],
      ["art", 3],
      ["pbkdf2_hmac", 4],
      ["pbkdf2", 4],
      ["hmac", 5],
      ["sha", 6],
    ]);
  });
});
