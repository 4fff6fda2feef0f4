/**
 * @module Pages as a browser sees them: `GET /page?url=&format=text|markdown|html|browser&loc=&num_lines=`
 * and `GET /find?url=&pattern=`. Bodies are the page itself (text, Markdown, HTML or the gpt-oss-style
 * browser view); `Accept: application/json` gets a JSON envelope instead. Unknown URLs answer 404 with a
 * browser-like page; recorded redirects answer 301 with `Location` pointing back at this server.
 */
import { browserDocument, renderBrowserView, renderFind, renderMarkdown, type BrowserDocument } from "../pages/index.ts";
import { HttpError } from "./errors.ts";
import { resolvePage, type Resolved } from "./page-resolve.ts";
import { checkUrl, intParam, stringParam } from "./params.ts";
import { HTML_TYPE, json, MARKDOWN_TYPE, text, TEXT_TYPE, type Reply } from "./reply.ts";
import type { RequestContext, RouteDef, RouteDeps } from "./route.ts";

/** Page formats of `GET /page`. */
export const PAGE_FORMATS = ["text", "markdown", "html", "browser"] as const;
/** One of {@link PAGE_FORMATS}. */
export type PageFormat = (typeof PAGE_FORMATS)[number];
/** Longest find pattern. */
export const MAX_PATTERN_CHARS = 256;
/** Response header with the final (canonical) URL of the page served. */
export const URL_HEADER = "X-Simweb-Url";

/** The `/page` and `/find` routes. Faults: routes `page` and `find`, keyed by the URL. */
export function pageRoutes(deps: RouteDeps): RouteDef[] {
  const { web } = deps;

  const page = async (ctx: RequestContext): Promise<Reply> => {
    const p = ctx.query(["url", "format", "loc", "num_lines", "cursor"]);
    const url = checkUrl(p.get("url"));
    const format = (p.get("format") ?? "text") as PageFormat;
    if (!PAGE_FORMATS.includes(format))
      throw new HttpError("VALIDATION_ERROR", `format must be one of ${PAGE_FORMATS.join(", ")}, got ${JSON.stringify(format.slice(0, 40))}`);
    if (format !== "browser" && (p.has("loc") || p.has("num_lines") || p.has("cursor"))) {
      throw new HttpError("VALIDATION_ERROR", "loc, num_lines and cursor apply to format=browser only");
    }
    const loc = intParam("loc", p.get("loc"), 0, 10_000_000, 0);
    const numLines = intParam("num_lines", p.get("num_lines"), 0, 10_000, 0);
    const cursor = intParam("cursor", p.get("cursor"), 0, 1_000_000, 0);
    const draw = await ctx.fault("page", url);
    const r = resolvePage(web.pages, url, draw);
    if (r.kind === "redirect") return redirect(r, format, ctx.out);
    ctx.out[URL_HEADER] = headerSafe(r.kind === "page" ? r.page.url : r.url);
    const status = r.kind === "page" ? 200 : r.page.status;
    const title = r.page.title;
    let content: string;
    let type: string;
    let extra: Record<string, unknown> = {};
    switch (format) {
      case "text":
        content = r.kind === "page" ? (title !== "" ? `${title}\n\n${r.text}` : r.text) : `${r.page.title}\n\n${r.page.text}`;
        type = TEXT_TYPE;
        break;
      case "markdown":
        content =
          r.kind === "page"
            ? renderMarkdown({ title, url: r.page.url, text: r.text }, web.pages.links(r.page.id))
            : renderMarkdown({ title, url: r.url, text: r.page.text });
        type = MARKDOWN_TYPE;
        break;
      case "html": {
        if (r.kind === "page") {
          const html = await web.pages.html(r.page.id);
          if (html === null)
            throw new HttpError(
              "HTML_UNAVAILABLE",
              `the corpus has no HTML for ${r.page.url} (loaded without HTML or from a text-only source); use format=text, markdown or browser`,
            );
          content = r.truncated ? html.slice(0, Math.max(0, Math.round((html.length * r.text.length) / Math.max(1, r.page.text.length)))) : html;
        } else content = r.page.html;
        type = HTML_TYPE;
        break;
      }
      case "browser": {
        const doc = browserDoc(deps, r);
        const v = renderBrowserView(doc, { cursor, loc: doc.lines.length === 0 ? 0 : Math.min(loc, doc.lines.length - 1), numLines });
        content = v.text;
        type = TEXT_TYPE;
        extra = { loc: v.loc, end: v.end, total_lines: v.totalLines, links: v.links };
        break;
      }
    }
    if (!ctx.wantsJson()) return text(content, type, status);
    const finalUrl = r.kind === "page" ? r.page.url : r.url;
    return json({ url: finalUrl, status, format, title, content, truncated: r.kind === "page" && r.truncated, ...extra }, status);
  };

  const find = async (ctx: RequestContext): Promise<Reply> => {
    const p = ctx.query(["url", "pattern", "cursor"]);
    const url = checkUrl(p.get("url"));
    const pattern = stringParam("pattern", p.get("pattern"), MAX_PATTERN_CHARS);
    const cursor = intParam("cursor", p.get("cursor"), 0, 1_000_000, 0);
    const draw = await ctx.fault("find", url);
    const r = resolvePage(web.pages, url, draw, { follow: true });
    if (r.kind === "redirect") throw new Error("unreachable: redirects are followed");
    ctx.out[URL_HEADER] = headerSafe(r.kind === "page" ? r.page.url : r.url);
    const status = r.kind === "page" ? 200 : r.page.status;
    const v = renderFind(browserDoc(deps, r), pattern, cursor);
    if (!ctx.wantsJson()) return text(v.text, TEXT_TYPE, status);
    return json({ url: r.kind === "page" ? r.page.url : r.url, status, pattern, matches: v.matches, content: v.text }, status);
  };

  return [
    { path: "/page", methods: { GET: page } },
    { path: "/find", methods: { GET: find } },
  ];
}

/** The browser document of what is served: cached for intact pages, built fresh for cut or synthetic ones. */
function browserDoc(deps: RouteDeps, r: Exclude<Resolved, { kind: "redirect" }>): BrowserDocument {
  if (r.kind === "synthetic") return browserDocument({ title: r.page.title, url: r.url, text: r.page.text });
  if (!r.truncated) return deps.web.web.document(r.page.id);
  return browserDocument({ title: r.page.title, url: r.page.url, text: r.text }, deps.web.pages.links(r.page.id));
}

function redirect(r: Resolved & { kind: "redirect" }, format: PageFormat, out: Record<string, string>): Reply {
  const location = `/page?url=${encodeURIComponent(r.location)}${format === "text" ? "" : `&format=${format}`}`;
  return text(`Moved: ${r.location}\n`, TEXT_TYPE, r.status, { ...out, Location: location, "X-Simweb-Redirect-To": headerSafe(r.location) });
}

/** A header value: non-printable or non-ASCII characters percent-encoded. */
export function headerSafe(s: string): string {
  return /^[\x20-\x7e]*$/.test(s) ? s : s.replace(/[^\x20-\x7e]/gu, (c) => encodeURIComponent(c));
}
