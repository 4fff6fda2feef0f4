/** @module URL canonicalisation: one spelling per page, so links, dedup and lookups agree. */

/** Options of {@link canonicalizeUrl}. */
export interface CanonicalizeOptions {
  /** Sort query parameters by name (stable, raw bytes; values untouched). Default false. */
  sortQuery?: boolean;
}

/**
 * Canonical form of an http(s) URL, or null when it is not one.
 *
 * WHATWG parsing (as browsers do), then: lowercase scheme and host (IDN → punycode), default ports
 * (80/443) dropped, empty path → "/", percent-encoding as WHATWG serialises it, fragment dropped,
 * user:password dropped, a lone trailing "?" dropped, optional query sort. Path case is kept.
 * Angle brackets around the input (`<http://...>`, as wget writes `WARC-Target-URI`) are stripped.
 * Returns null for non-http(s) schemes (mailto:, javascript:, data:, file:, ftp:...) and
 * unparseable input.
 * @param url Absolute URL, or a relative one when `base` is given.
 * @param base URL to resolve `url` against (itself parsed leniently, brackets allowed).
 * @example
 * canonicalizeUrl("HTTP://Example.COM:80/A/b#top"); // "http://example.com/A/b"
 * canonicalizeUrl("../x.html", "http://h/a/b/c.html"); // "http://h/a/x.html"
 * canonicalizeUrl("mailto:me@x.org"); // null
 */
export function canonicalizeUrl(url: string, base?: string, opts?: CanonicalizeOptions): string | null {
  const input = stripBrackets(url);
  if (input === "") return base === undefined ? null : canonicalizeUrl(base, undefined, opts);
  let parsed: URL;
  try {
    parsed = base === undefined ? new URL(input) : new URL(input, stripBrackets(base));
  } catch {
    return null;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  if (parsed.hostname === "") return null;
  // each URL setter reserialises the URL: only touch the parts that are there
  if (parsed.username !== "" || parsed.password !== "") {
    parsed.username = "";
    parsed.password = "";
  }
  let href = parsed.href;
  const hash = href.indexOf("#");
  if (hash >= 0) href = href.slice(0, hash);
  if (href.endsWith("?")) href = href.slice(0, -1);
  if (opts?.sortQuery === true) href = sortQuery(href);
  return href;
}

/**
 * Host of a URL as WHATWG gives it: lowercase, punycode, with the port only when it is not the
 * scheme's default (`"example.com"`, `"127.0.0.1:8732"`); null when the URL is not http(s).
 * @example
 * hostOf("https://Docs.Example.com:443/x"); // "docs.example.com"
 */
export function hostOf(url: string): string | null {
  const input = stripBrackets(url);
  try {
    const parsed = new URL(input);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
    return parsed.host === "" ? null : parsed.host;
  } catch {
    return null;
  }
}

/** Trims whitespace and one pair of surrounding angle brackets. */
function stripBrackets(url: string): string {
  let s = url.trim();
  if (s.length >= 2 && s.charCodeAt(0) === 60 /* < */ && s.charCodeAt(s.length - 1) === 62 /* > */) {
    s = s.slice(1, -1).trim();
  }
  return s;
}

/** Sorts the `&`-separated query parameters of an href by name (stable), keeping their bytes. */
function sortQuery(href: string): string {
  const q = href.indexOf("?");
  if (q < 0) return href;
  const params = href
    .slice(q + 1)
    .split("&")
    .filter((p) => p !== "");
  const keyed = params.map((p, i) => ({ p, i, k: p.split("=", 1)[0] ?? "" }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i));
  const query = keyed.map((x) => x.p).join("&");
  return query === "" ? href.slice(0, q) : `${href.slice(0, q)}?${query}`;
}
