import { describe, expect, it } from "vitest";
import { extractHtml } from "../../../corpus-loader/html/extract-html.ts";

const PAGE = "http://site.org/docs/page.html";

describe("extractHtml()", () => {
  it("reads title, visible text in lines, and drops script/style/noscript/template/svg/head", () => {
    const r = extractHtml(
      `<!doctype html><html lang="en-GB"><head><title> My  Page </title><style>p{}</style><script>var x="hidden";</script></head>
       <body><h1>Heading</h1><p>First   para with <b>bold</b>
       text.</p><script>evil()</script><noscript>enable js</noscript><template><p>tmpl</p></template>
       <svg><title>svg title</title><text>svg text</text></svg><div>Second<br>line</div><ul><li>one</li><li>two</li></ul>
       <table><tr><td>a</td><td>b</td></tr></table></body></html>`,
      PAGE,
    );
    expect(r.title).toBe("My Page");
    expect(r.text).toBe("Heading\nFirst para with bold text.\nSecond\nline\none\ntwo\na b");
    expect(r.lang).toBe("en");
  });

  it("keeps visible h1–h3 headings outside chrome, one per line, in order", () => {
    const r = extractHtml(
      `<title>T</title><nav><h2>Menu</h2></nav><h1>Git <em>rebase</em></h1><p>x</p><h2>  Merge
        strategies </h2><h4>Not kept</h4><script><h3>no</h3></script><h3>Examples</h3>`,
      "http://x.org/p",
    );
    expect(r.headings).toBe("Git rebase\nMerge strategies\nExamples");
    expect(extractHtml("<p>no headings</p>", "http://x.org/").headings).toBe("");
  });

  it("falls back to the first <h1> for the title", () => {
    expect(extractHtml("<body><h1>Main <i>title</i></h1><h1>Other</h1></body>", PAGE).title).toBe("Main title");
    expect(extractHtml("<title></title><h1>H</h1>", PAGE).title).toBe("H");
    expect(extractHtml("<p>no title</p>", PAGE).title).toBe("");
  });

  it("drops nav/header/footer/aside and class/id/role chrome text but keeps their links", () => {
    const r = extractHtml(
      `<body><header><a href="/">Site name</a></header>
       <div class="navheader"><a href="prev.html">Prev</a> <a href="next.html">Next</a></div>
       <nav><a href="/docs/">Docs</a></nav><div id="breadcrumbs"><a href="/a">Crumb</a></div>
       <div class="cookie-banner">We use cookies</div><div role="navigation"><a href="/r">RoleNav</a></div>
       <ul class="main-menu"><li><a href="/m">MenuItem</a></li></ul>
       <main><p>Real content about <a href="topic.html">the topic</a>.</p></main>
       <aside>Related stuff</aside><footer>© 2024 <a href="/legal">Legal</a></footer></body>`,
      PAGE,
    );
    expect(r.text).toBe("Real content about the topic.");
    expect(r.links).toEqual([
      { url: "http://site.org/", anchor: "Site name" },
      { url: "http://site.org/docs/prev.html", anchor: "Prev" },
      { url: "http://site.org/docs/next.html", anchor: "Next" },
      { url: "http://site.org/docs/", anchor: "Docs" },
      { url: "http://site.org/a", anchor: "Crumb" },
      { url: "http://site.org/r", anchor: "RoleNav" },
      { url: "http://site.org/m", anchor: "MenuItem" },
      { url: "http://site.org/docs/topic.html", anchor: "the topic" },
      { url: "http://site.org/legal", anchor: "Legal" },
    ]);
  });

  it("does not treat content classes that merely contain 'nav' letters as chrome", () => {
    const r = extractHtml(`<div class="canvas-wrapper unavailable"><p>kept</p></div><div id="navy-theme"><p>also</p></div>`, PAGE);
    expect(r.text).toBe("kept\nalso");
  });

  it("keeps chrome text when the page has no other text", () => {
    expect(extractHtml("<nav><a href='/x'>Only nav</a></nav>", PAGE).text).toBe("Only nav");
  });

  it("resolves links against <base href>, canonicalises, drops non-http, self and fragment links, dedups", () => {
    const r = extractHtml(
      `<head><base href="http://cdn.site.org/root/"></head><body>
       <a href="a.html#x">A</a><a href="A.html">Upper</a><a href="mailto:x@y.org">mail</a><a href="javascript:go()">js</a>
       <a href="#top">top</a><a href="a.html">A</a><a href="HTTP://Other.ORG:80">other</a><a href="data:text/plain,x">d</a>
       <a href="  ">empty</a><a href="x.html"><img src="i.png" alt="Logo"></a><a href="${PAGE}#frag">self</a></body>`,
      PAGE,
    );
    expect(r.links).toEqual([
      { url: "http://cdn.site.org/root/a.html", anchor: "A" },
      { url: "http://cdn.site.org/root/A.html", anchor: "Upper" },
      { url: "http://other.org/", anchor: "other" },
      { url: "http://cdn.site.org/root/x.html", anchor: "Logo" },
    ]);
  });

  it("decodes entities in text, titles and attributes", () => {
    const r = extractHtml(`<title>Fish &amp; Chips</title><p>caf&eacute; &lt;b&gt; &#8364;5&nbsp;now</p><a href="/q?a=1&amp;b=2">q</a>`, PAGE);
    expect(r.title).toBe("Fish & Chips");
    expect(r.text).toBe("café <b> €5 now\nq");
    expect(r.links[0]?.url).toBe("http://site.org/q?a=1&b=2");
  });

  it("keeps the lines of <pre> blocks", () => {
    expect(extractHtml("<p>intro</p><pre>SELECT *\n  FROM t\r\nWHERE x</pre>", PAGE).text).toBe("intro\nSELECT *\nFROM t\nWHERE x");
  });

  it("reads noindex from <meta name=robots> and lang from xml:lang or content-language", () => {
    expect(extractHtml('<meta name="robots" content="NOINDEX, follow"><p>x</p>', PAGE).noindex).toBe(true);
    expect(extractHtml('<meta name="robots" content="none">', PAGE).noindex).toBe(true);
    expect(extractHtml('<meta name="robots" content="index, nofollow">', PAGE).noindex).toBe(false);
    expect(extractHtml('<html xml:lang="de"><p>x</p></html>', PAGE).lang).toBe("de");
    expect(extractHtml('<meta http-equiv="Content-Language" content="fr-CA, en">', PAGE).lang).toBe("fr");
    expect(extractHtml("<p>x</p>", PAGE).lang).toBeNull();
  });

  it("survives broken markup (unclosed tags, stray closers, nested anchors)", () => {
    const r = extractHtml("<div><p>one<p>two</span></div></div><a href='/a'>x<a href='/b'>y</a><table><td>cell", PAGE);
    expect(r.text.split("\n")).toEqual(["one", "two", "xy", "cell"]);
    expect(r.links.map((l) => l.anchor)).toEqual(["x", "y"]);
  });
});
