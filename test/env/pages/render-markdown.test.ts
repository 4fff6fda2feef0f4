import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../../env/pages/render-markdown.ts";
import { renderText } from "../../../env/pages/render-text.ts";

describe("renderMarkdown()", () => {
  it("renders title, paragraphs and inline links, listing unplaced links at the end", () => {
    const md = renderMarkdown({ title: "Paris", url: "https://w.org/Paris", text: "Paris is on the Seine.\nSee [notes] too." }, [
      { url: "https://w.org/Seine", anchor: "Seine" },
      { url: "https://w.org/a_(b)", anchor: "missing" },
      { url: "https://w.org/n", anchor: "[notes]" },
    ]);
    expect(md).toBe(
      "# Paris\n\nParis is on the [Seine](https://w.org/Seine).\n\nSee [\\[notes\\]](https://w.org/n) too.\n\n" +
        "Links:\n\n- [missing](https://w.org/a_%28b%29)\n",
    );
  });

  it("falls back to the URL as title and handles empty text", () => {
    expect(renderMarkdown({ title: " ", url: "https://e.org/", text: "" })).toBe("# https://e.org/\n");
  });
});

describe("renderText()", () => {
  it("returns the text, optionally after the title", () => {
    expect(renderText({ title: "A", text: "x\ny" })).toBe("x\ny");
    expect(renderText({ title: "A", text: "x\ny" }, { title: true })).toBe("A\n\nx\ny");
  });
});
