/** @module The words of a URL that the `url` field indexes: host labels and path segments, without scheme, `www`, file extensions or the query. */

/** Host labels and extensions that name no content. */
const NOISE = new Set(["www", "http", "https", "html", "htm", "php", "asp", "aspx", "jsp", "index"]);

/**
 * The words of `url` as one space-separated string for the tokeniser: the host's labels (without
 * `www` and the top-level domain) and the path's segments split at punctuation, percent-decoded,
 * with `.html`-style extensions and `index` dropped. Query and fragment are left out. Linear in the
 * URL's length (no regex backtracking).
 * @example
 * urlWords("https://git-scm.com/docs/git-rebase.html") // "git scm docs git rebase"
 */
export function urlWords(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "";
  }
  const host = u.hostname;
  const path = u.pathname;
  const labels = host.split(".");
  if (labels.length > 1) labels.pop(); // the TLD
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // keep the raw path when it is not valid percent-encoding
  }
  const out: string[] = [];
  for (const part of [...labels, ...decoded.split("/")]) {
    for (const w of part.split(/[^\p{L}\p{N}]+/u)) {
      if (w === "" || NOISE.has(w.toLowerCase())) continue;
      out.push(w);
    }
  }
  return out.join(" ");
}
