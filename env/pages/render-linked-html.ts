/**
 * @module HTML rendering of a stored page with its links as `<a href>`: what Exa's
 * `text: {includeHtmlTags: true}` returns, so an HTML-reading client (gpt-oss's `process_html`) finds
 * the page's links. Built from the stored text and links (not the source HTML, which a corpus may lack),
 * so it shows the same text every other renderer shows.
 */
import { escapeHtml } from "./error-page.ts";
import { layoutLinks, type LinkInput } from "./link-layout.ts";

/**
 * Renders a page as a small HTML document: `<title>` and `<h1>` from the title, one `<p>` per text
 * line with each link placed where its anchor text occurs (see `layoutLinks`), and the links that
 * could not be placed in a `<ul>` at the end. Link order is the layout's id order, so the n-th distinct
 * `href` in document order is link id n of the browser view.
 * @example
 * renderLinkedHtml({ title: "A", url: "https://a.org/", text: "Go to B." }, [{ url: "https://b.org/", anchor: "B" }]);
 * // '<html><head><title>A</title></head><body><h1>A</h1>\n<p>Go to <a href="https://b.org/">B</a>.</p>\n</body></html>'
 */
export function renderLinkedHtml(page: { title: string; url: string; text: string }, links: readonly LinkInput[] = []): string {
  const layout = layoutLinks(
    page.text,
    links.map((l) => ({ url: l.url, anchor: l.anchor.trim() })),
  );
  let body = "";
  for (const s of layout.segments) body += s.kind === "text" ? escapeHtml(s.text) : anchor(s.url, s.anchor);
  const title = escapeHtml(page.title.trim() !== "" ? page.title.trim() : page.url);
  let out = `<html><head><title>${title}</title></head><body><h1>${title}</h1>\n`;
  for (const p of body.split("\n")) if (p.trim() !== "") out += `<p>${p.trim()}</p>\n`;
  if (layout.unplaced.length > 0) {
    out += "<ul>\n";
    for (const u of layout.unplaced) out += `<li>${anchor(u.url, u.anchor === "" ? u.url : u.anchor)}</li>\n`;
    out += "</ul>\n";
  }
  return `${out}</body></html>`;
}

function anchor(url: string, text: string): string {
  return `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>`;
}
