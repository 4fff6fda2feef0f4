import { describe, expect, it } from "vitest";
import { porterStem } from "../../../env/search/index.ts";

describe("porterStem()", () => {
  it("matches the reference outputs of Porter's test vocabulary", () => {
    const cases: Record<string, string> = {
      caresses: "caress",
      ponies: "poni",
      ties: "ti",
      caress: "caress",
      cats: "cat",
      feed: "feed",
      agreed: "agre",
      plastered: "plaster",
      bled: "bled",
      motoring: "motor",
      sing: "sing",
      conflated: "conflat",
      troubled: "troubl",
      sized: "size",
      hopping: "hop",
      tanned: "tan",
      falling: "fall",
      hissing: "hiss",
      fizzed: "fizz",
      failing: "fail",
      filing: "file",
      happy: "happi",
      sky: "sky",
      relational: "relat",
      conditional: "condit",
      rational: "ration",
      valenci: "valenc",
      digitizer: "digit",
      generalization: "gener",
      electrical: "electr",
      adjustment: "adjust",
      dependent: "depend",
      adoption: "adopt",
      controll: "control",
      roll: "roll",
      generate: "gener",
      probate: "probat",
      rate: "rate",
      cease: "ceas",
      yelling: "yell",
      youth: "youth",
    };
    for (const [w, s] of Object.entries(cases)) expect(porterStem(w), w).toBe(s);
  });

  it("leaves short words unchanged", () => {
    expect(porterStem("is")).toBe("is");
    expect(porterStem("")).toBe("");
  });
});
