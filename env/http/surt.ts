/**
 * @module SURT keys (Sort-friendly URI Reordering Transform) as the Common Crawl index writes them:
 * `http://www.Example.com/a?b=2&a=1` → `com,example)/a?a=1&b=2` (scheme, `www.` and fragment
 * dropped, host labels reversed, lowercased, query parameters sorted).
 */

/** SURT of a host: `www.a.example.com` → `com,example,a` (port kept as `:8080`). */
export function surtHost(host: string): string {
  let h = host.toLowerCase().replace(/\.$/, "");
  let port = "";
  const colon = h.lastIndexOf(":");
  if (colon > 0 && /^\d+$/.test(h.slice(colon + 1)) && !h.endsWith("]")) {
    port = h.slice(colon);
    h = h.slice(0, colon);
    if (port === ":80" || port === ":443") port = "";
  }
  h = h.replace(/^www\d*\./, "");
  if (/^\[.*\]$/.test(h) || /^\d+\.\d+\.\d+\.\d+$/.test(h)) return `${h}${port}`;
  return `${h.split(".").reverse().join(",")}${port}`;
}

/**
 * SURT key of a URL (without scheme). A URL without a path gets `/`.
 * @example
 * surt("https://www.example.com/A?z=1&a=2#top"); // "com,example)/a?a=2&z=1"
 */
export function surt(url: string): string {
  const m = /^(?:[a-z][a-z0-9+.-]*:)?\/\/([^/?#]*)([^?#]*)(\?[^#]*)?/i.exec(url) ?? /^()([^?#]*)(\?[^#]*)?/.exec(url);
  const authority = (m?.[1] ?? "").replace(/^[^@]*@/, "");
  const path = m?.[2] === undefined || m[2] === "" ? "/" : m[2];
  const query =
    m?.[3] !== undefined && m[3].length > 1
      ? `?${m[3]
          .slice(1)
          .split("&")
          .filter((p) => p !== "")
          .sort()
          .join("&")}`
      : "";
  return `${surtHost(authority)})${path}${query}`.toLowerCase();
}

/** Common Crawl timestamp `yyyyMMddhhmmss` of an ISO-8601 time, or "-" when null. */
export function cdxTimestamp(iso: string | null): string {
  if (iso === null) return "-";
  const d = iso.replace(/[^0-9]/g, "").slice(0, 14);
  return d.length === 14 ? d : d.padEnd(14, "0");
}
