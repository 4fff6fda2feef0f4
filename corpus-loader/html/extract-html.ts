/** @module HTML → title, headings, visible text, outgoing links, lang, noindex, in one streaming htmlparser2 pass. */
import { Parser } from "htmlparser2";
import type { LinkRecord } from "../types.ts";
import { canonicalizeUrl } from "../url/canonicalize.ts";
import { BLOCK_ELEMENTS, CELL_ELEMENTS, HIDDEN_ELEMENTS, isChrome } from "./boilerplate.ts";
import { toIso639_1 } from "./lang-code.ts";

/** What {@link extractHtml} returns. */
export interface ExtractedHtml {
  /** `<title>` text (whitespace collapsed), else the first `<h1>`, else "". */
  title: string;
  /** Text of the visible `<h1>`–`<h3>` outside page chrome, one heading per line, in document order. */
  headings: string;
  /** Visible main text, one paragraph/block per line ("\n"-separated), whitespace collapsed within lines. */
  text: string;
  /** Outgoing http(s) links, canonical, with anchor text; in document order, exact duplicates and
   *  links to the page itself (in-page `#fragment` links) removed. */
  links: LinkRecord[];
  /** ISO 639-1 code from `<html lang>` (or `xml:lang`, or `<meta http-equiv="content-language">`). */
  lang: string | null;
  /** True when `<meta name="robots">` (or googlebot) says noindex or none. */
  noindex: boolean;
}

/** Per-open-element state, pushed on open and popped on close. */
const NONE = 0;
const HIDDEN = 1;
const CHROME = 2;
const PRE = 4;

/**
 * Extracts title, visible text and links from an HTML document with htmlparser2's streaming callbacks
 * (no DOM). Text inside script/style/noscript/template/svg/head is never read; text inside page chrome
 * (nav, header, footer, aside, and elements whose class/id/role/aria-label name navigation, menus,
 * breadcrumbs or cookie banners) is dropped, but links there are kept. If dropping chrome would leave no
 * text at all, the chrome text is kept. Block elements and `<br>` break lines; `<pre>` keeps its lines.
 * Links are resolved against `<base href>` (if any) or `pageUrl` and canonicalised; non-http(s) links,
 * pure `#fragment` links and links back to the page itself are dropped.
 * @param html Decoded HTML.
 * @param pageUrl Absolute URL of the page (links are resolved against it).
 * @example
 * const r = extractHtml('<title>Hi</title><nav><a href="/a">Home</a></nav><p>Hello</p>', "http://x.org/p");
 * // r.title "Hi", r.text "Hello", r.links [{url: "http://x.org/a", anchor: "Home"}]
 */
export function extractHtml(html: string, pageUrl: string): ExtractedHtml {
  let main = "";
  let all = "";
  const stack: number[] = [];
  let hidden = 0;
  let chrome = 0;
  let pre = 0;
  let svg = 0;
  let title: string | null = null;
  let titleBuf: string[] | null = null;
  let h1: string | null = null;
  let h1Buf: string[] | null = null;
  let h1Depth = 0;
  const headings: string[] = [];
  let headBuf: string[] | null = null;
  let headDepth = 0;
  let base = pageUrl;
  let baseSeen = false;
  let lang: string | null = null;
  let metaLang: string | null = null;
  let noindex = false;
  const links: LinkRecord[] = [];
  const seen = new Set<string>();
  let linkUrl: string | null = null;
  let linkText: string[] = [];
  let linkAlt = "";

  const emit = (s: string): void => {
    all += s;
    if (chrome === 0) main += s;
  };
  const self = canonicalizeUrl(pageUrl);
  // pages repeat their links (menus, pagination): resolve each distinct href once
  const resolved = new Map<string, string | null>();
  const resolve = (href: string): string | null => {
    let r = resolved.get(href);
    if (r === undefined) {
      r = canonicalizeUrl(href, base);
      resolved.set(href, r);
    }
    return r;
  };
  const finishLink = (): void => {
    if (linkUrl === null) return;
    if (linkUrl === self) {
      linkUrl = null;
      return;
    }
    let anchor = collapse(linkText.join(""));
    if (anchor === "") anchor = collapse(linkAlt);
    const key = `${linkUrl}\u0000${anchor}`;
    if (!seen.has(key)) {
      seen.add(key);
      links.push({ url: linkUrl, anchor });
    }
    linkUrl = null;
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        let flags = NONE;
        switch (name) {
          case "html":
            lang ??= toIso639_1(attribs.lang ?? attribs["xml:lang"]);
            break;
          case "title":
            if (title === null && titleBuf === null && svg === 0) titleBuf = [];
            break;
          case "base":
            if (!baseSeen && attribs.href !== undefined) {
              baseSeen = true;
              base = canonicalizeUrl(attribs.href, pageUrl) ?? pageUrl;
              resolved.clear();
            }
            break;
          case "meta":
            onMeta(attribs);
            break;
          case "a":
            finishLink();
            if (attribs.href !== undefined && hidden === 0) {
              const href = attribs.href.trim();
              if (href !== "" && href.charCodeAt(0) !== 35 /* # */) {
                linkUrl = resolve(href);
                linkText = [];
                linkAlt = "";
              }
            }
            break;
          case "img":
            if (linkUrl !== null && attribs.alt !== undefined) linkAlt += ` ${attribs.alt}`;
            break;
          case "br":
            if (hidden === 0) emit("\n");
            break;
          case "h1":
          case "h2":
          case "h3":
            if (name === "h1" && h1 === null && h1Buf === null && hidden === 0) {
              h1Buf = [];
              h1Depth = stack.length;
            }
            if (headBuf === null && hidden === 0 && chrome === 0) {
              headBuf = [];
              headDepth = stack.length;
            }
            break;
          case "pre":
          case "textarea":
          case "listing":
            flags |= PRE;
            pre++;
            break;
          case "svg":
            svg++;
            break;
        }
        if (HIDDEN_ELEMENTS.has(name)) {
          flags |= HIDDEN;
          hidden++;
        } else if (isChrome(name, attribs)) {
          flags |= CHROME;
          chrome++;
        }
        if (BLOCK_ELEMENTS.has(name)) emit("\n");
        else if (CELL_ELEMENTS.has(name)) emit(" ");
        stack.push(flags);
      },
      onclosetag(name) {
        if (stack.length === 0) return;
        const flags = stack.pop() ?? NONE;
        if (flags & HIDDEN) hidden--;
        if (flags & CHROME) chrome--;
        if (flags & PRE) pre--;
        if (name === "svg" && svg > 0) svg--;
        else if (name === "title" && titleBuf !== null) {
          title = collapse(titleBuf.join(""));
          titleBuf = null;
        } else if (name === "a") finishLink();
        else if (h1Buf !== null && stack.length === h1Depth) {
          h1 = collapse(h1Buf.join(""));
          h1Buf = null;
        }
        if (headBuf !== null && stack.length === headDepth) {
          const h = collapse(headBuf.join(""));
          if (h !== "") headings.push(h);
          headBuf = null;
        }
        if (BLOCK_ELEMENTS.has(name)) emit("\n");
        else if (CELL_ELEMENTS.has(name)) emit(" ");
      },
      ontext(data) {
        if (titleBuf !== null) {
          titleBuf.push(data);
          return;
        }
        if (hidden > 0) return;
        if (linkUrl !== null) linkText.push(data);
        if (h1Buf !== null) h1Buf.push(data);
        if (headBuf !== null) headBuf.push(data);
        if (pre > 0) emit(data.indexOf("\r") >= 0 ? data.replace(/\r\n?/g, "\n") : data);
        else emit(data.indexOf("\n") >= 0 ? data.replace(/[\r\n]+/g, " ") : data);
      },
    },
    { decodeEntities: true },
  );

  function onMeta(attribs: Record<string, string>): void {
    const name = (attribs.name ?? "").toLowerCase();
    if (name === "robots" || name === "googlebot") {
      if (/\b(?:noindex|none)\b/i.test(attribs.content ?? "")) noindex = true;
    } else if ((attribs["http-equiv"] ?? "").toLowerCase() === "content-language") {
      metaLang ??= toIso639_1((attribs.content ?? "").split(",", 1)[0]);
    }
  }

  parser.write(html);
  parser.end();
  finishLink();
  if (titleBuf !== null) title = collapse((titleBuf as string[]).join(""));
  if (h1Buf !== null) h1 = collapse((h1Buf as string[]).join(""));

  let text = toLines(main);
  if (text === "") text = toLines(all);
  const t: string = title ?? "";
  return { title: t !== "" ? t : (h1 ?? ""), headings: headings.join("\n"), text, links, lang: lang ?? metaLang, noindex };
}

/**
 * Raw text with "\n" block breaks → lines with whitespace collapsed, no empty lines: a whitespace run
 * holding a line break becomes one "\n", any other run one space, and the ends are trimmed (`\s` runs,
 * as the two regex replacements and the trim this replaces matched them), in one pass.
 */
export function toLines(raw: string): string {
  const n = raw.length;
  let out = "";
  let i = 0;
  while (i < n && isSpace(raw.charCodeAt(i))) i++;
  let from = i;
  while (i < n) {
    const c = raw.charCodeAt(i);
    if (!isSpace(c)) {
      i++;
      continue;
    }
    const runStart = i;
    let newline = false;
    while (i < n) {
      const d = raw.charCodeAt(i);
      if (!isSpace(d)) break;
      if (d === 10) newline = true;
      i++;
    }
    if (i >= n) {
      out += raw.slice(from, runStart);
      return out;
    }
    // a lone space needs no rewrite: keep it in the current slice
    if (!newline && i - runStart === 1 && c === 32) continue;
    out += raw.slice(from, runStart) + (newline ? "\n" : " ");
    from = i;
  }
  return out + raw.slice(from, n);
}

/** True for the characters of JavaScript's `\s`. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return (
    c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Collapses runs of whitespace (including NBSP) to one space and trims. */
function collapse(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}
