/** @module The HTML page shell shared by all generated sites: head, header, nav, breadcrumbs, main, footer. */

/** Everything a page needs besides its article content. */
export interface PageShell {
  lang: string;
  title: string;
  /** Site name shown in the header and footer. */
  site: string;
  /** Site navigation links (href, label); hrefs may be root-relative. */
  nav: Array<[string, string]>;
  /** Breadcrumb trail; the last entry is the current page (no link). */
  crumbs: Array<[string | null, string]>;
  /** Inner HTML of `<article>`. */
  article: string;
  /** Optional sidebar HTML (placed in `<aside>`). */
  aside?: string;
  noindex?: boolean;
  canonical?: string;
  description?: string;
}

/** A link element; `href` and `text` must not contain HTML-special characters (generator tables never do). */
export function a(href: string, text: string): string {
  return `<a href="${href}">${text}</a>`;
}

/** Renders a complete HTML document. */
export function renderPage(p: PageShell): string {
  const head =
    `<!DOCTYPE html>\n<html lang="${p.lang}">\n<head>\n<meta charset="utf-8">\n<title>${p.title}</title>\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    (p.description !== undefined ? `<meta name="description" content="${p.description}">\n` : "") +
    (p.noindex === true ? `<meta name="robots" content="noindex, nofollow">\n` : "") +
    (p.canonical !== undefined ? `<link rel="canonical" href="${p.canonical}">\n` : "") +
    `<link rel="stylesheet" href="/static/site.css">\n<script src="/static/analytics.js" defer></script>\n</head>\n`;
  const nav = `<nav class="site-nav"><ul>${p.nav.map(([h, t]) => `<li>${a(h, t)}</li>`).join("")}</ul></nav>\n`;
  const crumbs = `<div class="breadcrumbs">${p.crumbs.map(([h, t]) => (h === null ? `<span>${t}</span>` : a(h, t))).join(" &rsaquo; ")}</div>\n`;
  const aside = p.aside !== undefined ? `<aside class="sidebar">${p.aside}</aside>\n` : "";
  return (
    head +
    `<body>\n<header class="site-header">${a("/", p.site)}<form action="/search" class="search"><input name="q" type="search"></form></header>\n` +
    nav +
    crumbs +
    `<main>\n<article>\n${p.article}\n</article>\n${aside}</main>\n` +
    `<footer class="site-footer"><p>&copy; ${p.site}. ${a("/about", "About")} | ${a("/privacy", "Privacy policy")} | ${a("/contact", "Contact")}</p></footer>\n` +
    `</body>\n</html>\n`
  );
}

/** Wraps paragraphs in `<p>`. */
export function paras(texts: readonly string[]): string {
  return texts.map((t) => `<p>${t}</p>`).join("\n");
}
