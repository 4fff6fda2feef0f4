/** @module Known-item queries of the development set, drawn from a loaded documentation corpus: section headings, link anchors and templated questions. */
import type { DuckDBConnection } from "@duckdb/node-api";
import { stream } from "../../../core/index.ts";

/** The query sets. */
export const QUERY_SETS = ["headings", "anchors", "questions"] as const;

/** One of `QUERY_SETS`. */
export type QuerySet = (typeof QUERY_SETS)[number];

/** One known-item query: the page at `answer` is the one to find. */
export interface DevQuery {
  set: QuerySet;
  query: string;
  /** URL of the answer page. */
  answer: string;
  /** `tune` queries set the parameters; `test` queries only measure. */
  split: "tune" | "test";
}

/** Pilcrows, leading section numbers ("E.16.1. ", "53.38. ", "Chapter 5. ") and extra space removed. */
export function cleanHeading(s: string): string {
  let t = s.replace(/¶/g, " ").trim();
  t = t.replace(/^(?:Chapter|Part|Appendix)\s+/, "");
  // leading section numbers: [A-Z.]? digits and dots, then a space (bounded, no backtracking across words)
  const m = /^(?:[A-Z]\.)?(?:\d{1,4}\.){0,6}\d{0,4}\.?\s+/.exec(t);
  if (m !== null && /\d/.test(m[0])) t = t.slice(m[0].length);
  return t.replace(/\s+/g, " ").trim();
}

const key = (s: string): string => s.toLowerCase();
const words = (s: string): number => s.split(" ").filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** A present-tense third-person verb made plain ("sends" → "send"), for the question templates. */
function plainVerb(desc: string): string {
  const [first, ...rest] = desc.split(" ");
  if (first === undefined) return desc;
  let v = first.toLowerCase();
  if (v.length > 3 && v.endsWith("es") && /(?:ss|sh|ch|x)es$/.test(v)) v = v.slice(0, -2);
  else if (v.length > 3 && v.endsWith("s") && !v.endsWith("ss")) v = v.slice(0, -1);
  return [v, ...rest].join(" ");
}

interface PageRow {
  url: string;
  title: string;
  headings: string;
  text: string;
}

/** Questions from a page's one-line summary: git's NAME line, PostgreSQL's refpurpose, Python's module title. */
function questionOf(p: PageRow): string | null {
  if (p.url.startsWith("https://git-scm.com/docs/")) {
    const m = /\nNAME\n(git[\w-]*) - ([^\n]{8,160})\n/.exec(`\n${p.text.slice(0, 2000)}\n`);
    return m ? `how to ${plainVerb(m[2] as string)} in git` : null;
  }
  if (p.url.startsWith("https://www.postgresql.org/docs/")) {
    const lines = p.text.slice(0, 1000).split("\n", 4);
    for (const l of lines.slice(1)) {
      const at = l.indexOf(" — ");
      if (at > 0 && at < 80 && l.length - at < 200) return `how to ${plainVerb(l.slice(at + 3))} in postgresql`;
    }
    return null;
  }
  if (p.url.startsWith("https://docs.python.org/") && p.url.includes("/library/")) {
    const parts = p.title.split(" — ");
    if (parts.length === 3 && words(parts[1] as string) >= 2) return `python module for ${(parts[1] as string).toLowerCase()}`;
  }
  return null;
}

function sample<T>(items: T[], n: number, seed: number, purpose: string): T[] {
  const rng = stream(seed, "devset", purpose);
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a.slice(0, n);
}

/**
 * Draws up to `perSet` queries of each set from the corpus on `conn` (seeded):
 * - `headings`: a section heading (h1–h3, not the page's first heading, 2–12 words) that only one page has;
 * - `anchors`: the text of a link (2–10 words) whose every occurrence points at the same page (the answer);
 * - `questions`: "how to … in git/postgresql" / "python module for …" from the page's own one-line
 *   summary, when only one page has that summary.
 * Every query is then assigned to the `tune` or `test` split by a seeded coin.
 */
export async function drawDevQueries(conn: DuckDBConnection, perSet: number, seed: number): Promise<DevQuery[]> {
  const rows = (
    await conn.runAndReadAll(`SELECT url, title, headings, text FROM pages WHERE NOT noindex AND status < 300 AND text <> '' ORDER BY id`)
  ).getRowObjectsJS() as unknown as PageRow[];
  const byHeading = new Map<string, Set<string>>();
  const headingText = new Map<string, string>();
  const byQuestion = new Map<string, Set<string>>();
  for (const p of rows) {
    const hs = p.headings.split("\n").map(cleanHeading);
    const title = key(cleanHeading(p.title.split(" — ")[0] ?? ""));
    hs.forEach((h, i) => {
      const k = key(h);
      if (!byHeading.has(k)) byHeading.set(k, new Set());
      (byHeading.get(k) as Set<string>).add(i === 0 || k === title ? "" : p.url); // a page's first heading names the page, not a section
      headingText.set(k, h);
    });
    const q = questionOf(p);
    if (q !== null) {
      if (!byQuestion.has(q)) byQuestion.set(q, new Set());
      (byQuestion.get(q) as Set<string>).add(p.url);
    }
  }
  const headings: DevQuery[] = [];
  for (const [k, urls] of byHeading) {
    const h = headingText.get(k) as string;
    const n = words(h);
    if (urls.size !== 1 || urls.has("") || n < 2 || n > 12) continue;
    headings.push({ set: "headings", query: h, answer: [...urls][0] as string, split: "test" });
  }
  const questions: DevQuery[] = [];
  for (const [q, urls] of byQuestion) if (urls.size === 1) questions.push({ set: "questions", query: q, answer: [...urls][0] as string, split: "test" });

  const links = (
    await conn.runAndReadAll(`SELECT l.anchor, p.url FROM links l JOIN pages p ON p.id = l.dst_id
      WHERE l.dst_id <> l.src_id AND NOT p.noindex AND p.status < 300 ORDER BY l.src_id, l.anchor`)
  ).getRowObjectsJS();
  const byAnchor = new Map<string, { text: string; urls: Set<string> }>();
  for (const l of links) {
    const text = cleanHeading(String(l.anchor));
    const k = key(text);
    if (!byAnchor.has(k)) byAnchor.set(k, { text, urls: new Set() });
    byAnchor.get(k)?.urls.add(String(l.url));
  }
  const anchors: DevQuery[] = [];
  for (const { text, urls } of byAnchor.values()) {
    const n = words(text);
    if (urls.size !== 1 || n < 2 || n > 10 || /^https?:/.test(text)) continue;
    anchors.push({ set: "anchors", query: text, answer: [...urls][0] as string, split: "test" });
  }
  const out = [...sample(headings, perSet, seed, "headings"), ...sample(anchors, perSet, seed, "anchors"), ...sample(questions, perSet, seed, "questions")];
  const coin = stream(seed, "devset", "split");
  for (const q of out) q.split = coin.chance(0.5) ? "tune" : "test";
  return out;
}
