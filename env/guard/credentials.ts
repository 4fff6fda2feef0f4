/**
 * @module Bearer tokens: the three forms a request may present one in (the same on every HTTP route
 * and on the `/ws` upgrade), and a constant-time check against the configured tokens.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/** Query parameter that carries a token (`?token=…`); the server drops it before routing. */
export const TOKEN_PARAM = "token";

/**
 * The token a request presents, in order of preference: `Authorization: Bearer <token>`, then
 * `X-API-KEY: <token>` (what Serper and Exa clients send), then the `token` query parameter. The
 * first form present wins, so a wrong header is not rescued by a right query token. Headers are
 * preferred because a query string ends up in proxy access logs, shell and browser history.
 * Returns null when no form is present.
 * @example
 * presentedToken({ "x-api-key": "s3cret" }, ""); // → "s3cret"
 * presentedToken({}, "q=a&token=s3cret"); // → "s3cret"
 */
export function presentedToken(headers: IncomingHttpHeaders, search: string): string | null {
  const auth = headers.authorization;
  if (typeof auth === "string") {
    const m = /^Bearer[ \t]+(\S+)\s*$/i.exec(auth);
    if (m?.[1] !== undefined) return m[1];
  }
  const key = headers["x-api-key"];
  if (typeof key === "string" && key.trim() !== "") return key.trim();
  if (!mayHoldToken(search)) return null;
  const q = new URLSearchParams(search).get(TOKEN_PARAM);
  return q === null || q === "" ? null : q;
}

/** Cookie that carries the token for the run viewer's pages (`/ui` only: a browser cannot send headers with its asset and API requests). */
export const TOKEN_COOKIE = "simweb_token";

/**
 * The token of a `Cookie` header's {@link TOKEN_COOKIE} pair, or null. Linear in the header (split on `;`).
 * @example
 * cookieToken({ cookie: "a=1; simweb_token=s3cret" }); // → "s3cret"
 */
export function cookieToken(headers: IncomingHttpHeaders): string | null {
  const raw = headers.cookie;
  if (typeof raw !== "string" || !raw.includes(TOKEN_COOKIE)) return null;
  for (const pair of raw.split(";")) {
    const eq = pair.indexOf("=");
    if (eq < 0 || pair.slice(0, eq).trim() !== TOKEN_COOKIE) continue;
    try {
      const v = decodeURIComponent(pair.slice(eq + 1).trim());
      return v === "" ? null : v;
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * The `Set-Cookie` value that keeps `token` for the viewer's pages: HttpOnly (page scripts cannot read
 * it), SameSite=Strict (no other site's page sends it), scoped to `/ui`.
 */
export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=/ui; HttpOnly; SameSite=Strict`;
}

/**
 * A raw query string without its `token` parameters (every other pair kept byte for byte), so routes
 * that reject unknown parameters, and fault draws keyed on the query, never see the token.
 * @example
 * withoutTokenParam("q=a&token=s3cret&k=3"); // → "q=a&k=3"
 */
export function withoutTokenParam(search: string): string {
  if (!mayHoldToken(search)) return search;
  const kept = search.split("&").filter((pair) => {
    const name = pair.split("=", 1)[0] ?? "";
    let decoded = name;
    try {
      decoded = decodeURIComponent(name.replace(/\+/g, " "));
    } catch {
      // a malformed escape is not the token parameter; the route reports it
    }
    return decoded !== TOKEN_PARAM;
  });
  return kept.join("&");
}

/**
 * Splits a token list as given to `--token` or `SIMWEB_TOKEN`: comma-separated, blanks ignored. A
 * token may not contain whitespace (it could not be sent as `Bearer <token>`).
 * @example
 * splitTokens("team-a-key, team-b-key"); // → ["team-a-key", "team-b-key"]
 */
export function splitTokens(list: string): string[] {
  const tokens = list
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "");
  for (const t of tokens) {
    if (/\s/.test(t)) throw new RangeError("a token may not contain whitespace");
  }
  return tokens;
}

/**
 * The configured tokens. `match` compares a presented token with every configured one in constant
 * time (sha256 digests of equal length, no early exit), so neither a token nor its length leaks.
 * Several tokens give several clients their own identity (and their own per-token session limit).
 * @example
 * const tokens = TokenSet.from(["a-key", "b-key"]);
 * tokens?.match("b-key"); // → 1
 * tokens?.match("nope"); // → -1
 */
export class TokenSet {
  /** Number of tokens. */
  readonly size: number;
  private readonly digests: Buffer[];

  private constructor(tokens: readonly string[]) {
    this.size = tokens.length;
    this.digests = tokens.map(digest);
  }

  /** A set from one token, a list, or a comma-separated string; null when there is none (no auth). */
  static from(token: string | readonly string[] | undefined): TokenSet | null {
    if (token === undefined) return null;
    const list = typeof token === "string" ? splitTokens(token) : token.flatMap(splitTokens);
    return list.length === 0 ? null : new TokenSet(list);
  }

  /** Index of the token `presented` equals, or -1 (also for null). */
  match(presented: string | null): number {
    const d = digest(presented ?? "");
    let found = -1;
    for (let i = 0; i < this.digests.length; i++) {
      if (timingSafeEqual(d, this.digests[i] as Buffer) && presented !== null && found < 0) found = i;
    }
    return found;
  }
}

/**
 * Compares a presented token with the expected one in constant time (both are hashed first, so the
 * comparison does not leak the expected token's length either).
 * @example
 * tokenMatches("s3cret", "s3cret"); // → true
 */
export function tokenMatches(presented: string | null, expected: string): boolean {
  if (presented === null) return false;
  return timingSafeEqual(digest(presented), digest(expected));
}

/** False when `search` surely has no token parameter (its name is neither spelled out nor escaped). */
function mayHoldToken(search: string): boolean {
  return search.includes(TOKEN_PARAM) || search.includes("%");
}

function digest(s: string): Buffer {
  return createHash("sha256").update(s, "utf8").digest();
}
