import { describe, expect, it } from "vitest";
import { renderLinkedHtml } from "../../../env/pages/index.ts";

describe("renderLinkedHtml()", () => {
  it("places links as <a href> where their anchors occur and lists the others", () => {
    const html = renderLinkedHtml({ title: "A & B", url: "https://a.org/", text: "Go to B <now>.\nEnd." }, [
      { url: "https://b.org/?x=1&y=2", anchor: "B" },
      { url: "https://c.org/", anchor: "missing" },
    ]);
    expect(html).toBe(
      "<html><head><title>A &#38; B</title></head><body><h1>A &#38; B</h1>\n" +
        '<p>Go to <a href="https://b.org/?x=1&#38;y=2">B</a> &#60;now&#62;.</p>\n<p>End.</p>\n' +
        '<ul>\n<li><a href="https://c.org/">missing</a></li>\n</ul>\n</body></html>',
    );
  });
});
