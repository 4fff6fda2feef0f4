/** @module Which HTML elements hold no visible text, start a block, or look like page chrome (nav, menus...). */

/** Elements whose content is never visible text (the title is read separately). */
export const HIDDEN_ELEMENTS: ReadonlySet<string> = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "svg",
  "head",
  "iframe",
  "object",
  "canvas",
  "select",
  "datalist",
]);

/** Semantic page-chrome elements: their text is dropped, their links kept. */
export const CHROME_ELEMENTS: ReadonlySet<string> = new Set(["nav", "header", "footer", "aside"]);

/** Elements that start a new line of text. */
export const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "body",
  "caption",
  "dd",
  "details",
  "dialog",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hgroup",
  "hr",
  "html",
  "legend",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tbody",
  "thead",
  "tfoot",
  "tr",
  "ul",
  "center",
  "menu",
  "option",
  "textarea",
  "title",
]);

/** Elements whose boundaries separate words but not lines (table cells). */
export const CELL_ELEMENTS: ReadonlySet<string> = new Set(["td", "th"]);

/** Roles of page chrome (WAI-ARIA landmarks that are not main content). */
const CHROME_ROLES: ReadonlySet<string> = new Set(["navigation", "menu", "menubar", "banner", "contentinfo", "complementary", "search"]);

/** A class or id token that names chrome: nav*, *-menu, breadcrumb(s), cookie/consent banners, skip links. */
const CHROME_TOKEN = new RegExp(
  "^(?:nav(?:bar|igation|header|footer|menu|list|links|wrap(?:per)?|block|box|items?|area|panel|container)?(?:$|[-_])" +
    "|breadcrumb|cookie|consent|gdpr|skip-?link|skip-?to|menu(?:bar)?(?:$|[-_])|topbar|masthead|site-?header" +
    "|site-?footer|sidebar|social-?(?:links|share))" +
    "|(?:^|[-_])(?:nav|navbar|navigation|menu|menubar|breadcrumbs?|cookies?|consent|sitenav)(?:$|[-_])",
);

/** Elements never treated as chrome because of a class/id (a styled body or main is still content). */
const NEVER_CHROME: ReadonlySet<string> = new Set(["html", "body", "main", "article"]);

/**
 * True when an element looks like navigation, a menu, breadcrumbs or a cookie banner: a `nav`,
 * `header`, `footer` or `aside` element, a landmark role other than main, an aria-label naming
 * breadcrumbs/navigation, or a class/id token such as `navbar`, `navheader`, `main-menu`, `breadcrumb`,
 * `cookie-banner`.
 * @param name Lowercase tag name.
 * @param attribs Attributes (names lowercase).
 */
export function isChrome(name: string, attribs: Readonly<Record<string, string>>): boolean {
  if (CHROME_ELEMENTS.has(name)) return true;
  if (NEVER_CHROME.has(name)) return false;
  const role = attribs.role;
  if (role !== undefined && CHROME_ROLES.has(role.trim().toLowerCase())) return true;
  const label = attribs["aria-label"];
  if (label !== undefined && /breadcrumb|navigation/i.test(label)) return true;
  const cls = attribs.class;
  const id = attribs.id;
  if (cls === undefined && id === undefined) return false;
  const key = `${cls ?? ""} ${id ?? ""}`;
  let hit = tokenCache.get(key);
  if (hit === undefined) {
    hit = key
      .toLowerCase()
      .split(/\s+/)
      .some((t) => t !== "" && CHROME_TOKEN.test(t));
    if (tokenCache.size >= 50_000) tokenCache.clear();
    tokenCache.set(key, hit);
  }
  return hit;
}

/** class+id strings already judged (sites repeat the same few thousand across pages). */
const tokenCache = new Map<string, boolean>();
