/** @module Pages served instead of a stored page when the fault model blocks it (robots, paywall). */
import { errorPage, type ErrorPage } from "./error-page.ts";

/** Why a page is blocked (the fault model's `blocked` draw). */
export type BlockKind = "robots" | "paywall";

/** Characters of the page text a paywall teaser keeps at most. */
export const PAYWALL_TEASER_CHARS = 300;

/**
 * What an agent sees for a blocked page: `robots` → 403 with a robots.txt notice; `paywall` → 200
 * with the title, a teaser (the first paragraph, at most 300 characters, cut at a word) and a
 * subscribe notice, as paywalled news sites answer.
 * @example
 * blockedPage("robots", { url: "https://a.org/x", title: "X", text: "..." }).status; // 403
 */
export function blockedPage(kind: BlockKind, page: { url: string; title: string; text: string }): ErrorPage {
  if (kind === "robots") {
    return errorPage(403, "403 Forbidden", [`Access to ${page.url} is disallowed for automated agents by the site's robots.txt.`]);
  }
  const first = page.text.split("\n").find((p) => p.trim() !== "") ?? "";
  return errorPage(
    200,
    page.title,
    [teaser(first.trim()), "Subscribe to continue reading."].filter((p) => p !== ""),
  );
}

function teaser(p: string): string {
  if (p.length <= PAYWALL_TEASER_CHARS) return p;
  const cut = p.lastIndexOf(" ", PAYWALL_TEASER_CHARS);
  return `${p.slice(0, cut > 0 ? cut : PAYWALL_TEASER_CHARS)}…`;
}
