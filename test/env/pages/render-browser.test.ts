import { describe, expect, it } from "vitest";
import { browserDocument, CHARS_PER_TOKEN, DEFAULT_VIEW_TOKENS, displayText, renderBrowserView } from "../../../env/pages/render-browser.ts";

const PAGE = {
  title: "Paris",
  url: "https://en.example.org/wiki/Paris",
  text:
    "Paris is the capital of France. It is on the Seine river and has many museums, such as the Louvre, " +
    "which is the most visited museum in the world.\nSee also Lyon and Marseille.\nParis again here.",
};
const LINKS = [
  { url: "https://en.example.org/wiki/Lyon", anchor: "Lyon" },
  { url: "https://louvre.fr/", anchor: "the Louvre" },
  { url: "https://en.example.org/wiki/Seine", anchor: "Seine river" },
  { url: "https://x.org/nothing", anchor: "not in the text" },
  { url: "https://en.example.org/wiki/Lyon", anchor: "Lyon" },
  { url: "https://y.org/", anchor: "" },
];

describe("renderBrowserView()", () => {
  it("renders the gpt-oss format exactly: header, scrollbar, numbered 80-column lines, link markers", () => {
    const v = renderBrowserView(browserDocument(PAGE, LINKS), { cursor: 1 });
    expect(v.text).toBe(
      [
        "[1] Paris (https://en.example.org/wiki/Paris)",
        "**viewing lines [0 - 8] of 8**",
        "",
        "L0: Paris is the capital of France. It is on the 【0†Seine river】 and has many ",
        "L1: museums, such as 【1†the Louvre†louvre.fr】, which is the most visited museum in ",
        "L2: the world.",
        "L3: See also 【2†Lyon】 and Marseille.",
        "L4: Paris again here.",
        "L5: ",
        "L6: Links:",
        "L7: 【3†not in the text†x.org】",
        "L8: 【4†https://y.org/†y.org】",
      ].join("\n"),
    );
    expect(v.links).toEqual({
      "0": "https://en.example.org/wiki/Seine",
      "1": "https://louvre.fr/",
      "2": "https://en.example.org/wiki/Lyon",
      "3": "https://x.org/nothing",
      "4": "https://y.org/",
    });
    expect([v.loc, v.end, v.totalLines]).toEqual([0, 9, 9]);
  });

  it("pages by loc and num_lines", () => {
    const doc = browserDocument(PAGE, LINKS);
    const v = renderBrowserView(doc, { loc: 2, numLines: 2 });
    expect(v.text).toBe(
      "[0] Paris (https://en.example.org/wiki/Paris)\n**viewing lines [2 - 3] of 8**\n\nL2: the world.\nL3: See also 【2†Lyon】 and Marseille.",
    );
    expect(renderBrowserView(doc, { loc: 7, numLines: 10 }).end).toBe(9);
    expect(renderBrowserView(doc, { loc: -1 }).loc).toBe(0); // gpt-oss: negative = unset
  });

  it("rejects loc past the last line with gpt-oss's message, and non-integers", () => {
    const doc = browserDocument(PAGE, LINKS);
    expect(() => renderBrowserView(doc, { loc: 9 })).toThrow(
      expect.objectContaining({ code: "INVALID_LOCATION", message: "Invalid location parameter: `9`. Cannot exceed page maximum of 8." }),
    );
    expect(() => renderBrowserView(doc, { loc: 1.5 })).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
  });

  it("bounds the viewport to ~1024 tokens (chars/4) and continues where it stopped", () => {
    const text = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} has some words in it.`).join("\n");
    const doc = browserDocument({ title: "Long", url: "https://l.org/", text });
    const v = renderBrowserView(doc);
    const body = v.text.split("\n\n").slice(1).join("\n\n");
    const budget = DEFAULT_VIEW_TOKENS * CHARS_PER_TOKEN;
    expect(v.end).toBeLessThan(400);
    // the lines shown all start inside the budget; one more line would start past it
    expect(body.length - (`L${v.end - 1}: `.length + (doc.lines[v.end - 1] as string).length)).toBeLessThan(budget);
    expect(body.length + 1).toBeGreaterThanOrEqual(budget);
    expect(v.text).toContain(`**viewing lines [0 - ${v.end - 1}] of 399**`);
    const next = renderBrowserView(doc, { loc: v.end });
    expect(next.text).toContain(`\nL${v.end}: Paragraph ${v.end} has`);
    expect(renderBrowserView(doc, { viewTokens: 64 }).end).toBeLessThan(v.end);
  });

  it("shows a short page whole", () => {
    const v = renderBrowserView(browserDocument({ title: "T", url: "https://t.org/", text: "" }));
    expect(v.text).toBe("[0] T (https://t.org/)\n**viewing lines [0 - 0] of 0**\n\nL0: ");
  });
});

describe("browserDocument()", () => {
  it("wraps at 80 columns", () => {
    const doc = browserDocument({ title: "W", url: "https://w.org/", text: "word ".repeat(100) });
    expect(doc.lines.length).toBeGreaterThan(5);
    for (const l of doc.lines) expect(l.length).toBeLessThanOrEqual(80);
  });

  it("places repeated anchors at successive occurrences, in document order, one id per URL", () => {
    const doc = browserDocument({ title: "R", url: "https://r.org/", text: "here and here and there" }, [
      { url: "https://r.org/2", anchor: "here" },
      { url: "https://r.org/1", anchor: "here" },
      { url: "https://r.org/2", anchor: "there" },
    ]);
    expect(doc.lines).toEqual(["【0†here】 and 【1†here】 and 【0†there】"]);
    expect(doc.links).toEqual(["https://r.org/2", "https://r.org/1"]);
  });

  it("matches anchors at word boundaries only", () => {
    const doc = browserDocument({ title: "B", url: "https://b.org/", text: "start art" }, [{ url: "https://b.org/art", anchor: "art" }]);
    expect(doc.lines).toEqual(["start 【0†art】"]);
  });

  it("escapes the marker brackets in page text and † in anchors; uses the domain when untitled", () => {
    const doc = browserDocument({ title: "", url: "https://d.org:8080/", text: "a 【b】 c†d" }, [{ url: "https://e.org/", anchor: "c†d" }]);
    expect(doc.title).toBe("d.org:8080");
    expect(doc.lines).toEqual(["a 〖b〗 【0†c‡d†e.org】"]);
    expect(displayText("x\u200by")).toBe("xy");
  });
});
