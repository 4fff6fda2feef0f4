/** @module The spellings of a requested URL that the page store tries, in order. */
import { canonicalizeUrl } from "../../corpus-loader/index.ts";

/**
 * Candidate stored URLs for a requested one, most specific first: the input as given, its
 * canonical form (a scheme-less input like `example.com/a` is read as `http://` then `https://`),
 * then for each canonical form the path with/without a trailing slash, the other scheme
 * (http ↔ https), and both changes. Duplicates are removed. Returns [] for input that is not an
 * http(s) URL.
 * @example
 * urlVariants("HTTP://Example.com/a/");
 * // ["HTTP://Example.com/a/", "http://example.com/a/", "http://example.com/a",
 * //  "https://example.com/a/", "https://example.com/a"]
 */
export function urlVariants(requested: string): string[] {
  const raw = requested.trim();
  const out = new Set<string>();
  if (raw === "") return [];
  const canon: string[] = [];
  const c = canonicalizeUrl(raw);
  if (c !== null) canon.push(c);
  else if (!/^[a-z][a-z0-9+.-]*:/i.test(raw)) {
    for (const scheme of ["http://", "https://"]) {
      const s = canonicalizeUrl(scheme + raw);
      if (s !== null) canon.push(s);
    }
  }
  if (canon.length === 0) return [];
  out.add(raw);
  for (const u of canon) {
    const slash = toggleTrailingSlash(u);
    const other = otherScheme(u);
    out.add(u);
    if (slash !== null) out.add(slash);
    out.add(other);
    const both = toggleTrailingSlash(other);
    if (both !== null) out.add(both);
  }
  return [...out];
}

/** The URL with the last path segment's trailing slash added or removed; null for the root "/". */
function toggleTrailingSlash(url: string): string | null {
  const m = /^(https?:\/\/[^/?#]+)(\/[^?#]*)(.*)$/.exec(url);
  if (m === null) return null;
  const [, origin, path, rest] = m as unknown as [string, string, string, string];
  if (path === "/") return null;
  const flipped = path.endsWith("/") ? path.slice(0, -1) : `${path}/`;
  return origin + flipped + rest;
}

/** Swaps http ↔ https. */
function otherScheme(url: string): string {
  return url.startsWith("https:") ? `http:${url.slice(6)}` : `https:${url.slice(5)}`;
}
