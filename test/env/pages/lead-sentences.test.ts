import { describe, expect, it } from "vitest";
import { leadSentences } from "../../../env/pages/index.ts";

describe("leadSentences()", () => {
  it("keeps whole lead sentences within the budget", () => {
    const text = "Alpha Corp was founded in 1987. It makes tools.\nIt is based in Paris. More text follows here.";
    expect(leadSentences(text, 40)).toBe("Alpha Corp was founded in 1987.");
    expect(leadSentences(text, 60)).toBe("Alpha Corp was founded in 1987. It makes tools.");
    expect(leadSentences(text)).toBe("Alpha Corp was founded in 1987. It makes tools. It is based in Paris. More text follows here.");
  });

  it("cuts a first sentence longer than the budget at a word, and gives '' for no text", () => {
    expect(leadSentences("one two three four five six", 12)).toBe("one two…");
    expect(leadSentences("v1.2 is out", 40)).toBe("v1.2 is out");
    expect(leadSentences("  \n ")).toBe("");
  });
});
