/**
 * @module Places a page's links back into its text. Pages store text and links separately, so each
 * link's anchor text is searched for in the text: the first occurrence, at word boundaries, that no
 * earlier link already took. Links whose anchor is empty or not found are "unplaced" (renderers list
 * them after the text). Link ids follow gpt-oss: 0-based in document order, one id per distinct URL.
 */

/** A link to place: target URL and anchor text. */
export interface LinkInput {
  url: string;
  anchor: string;
}

/** A piece of laid-out text: plain text, or a link occurrence. */
export type LayoutSegment = { kind: "text"; text: string } | { kind: "link"; id: number; url: string; anchor: string };

/** Text with links placed, plus the links that could not be placed. */
export interface LinkLayout {
  /** Text and link segments in document order; concatenating their text gives the input text. */
  segments: LayoutSegment[];
  /** Links whose anchor was empty or not found (in stored order, first of each URL only). */
  unplaced: Array<{ id: number; url: string; anchor: string }>;
  /** Link id → URL (ids are dense 0..n-1). */
  urls: string[];
}

/**
 * Lays out `links` over `text` (both already in their display form).
 * @example
 * layoutLinks("See the docs.", [{ url: "https://x.org/d", anchor: "docs" }]).segments;
 * // [{kind:"text",text:"See the "}, {kind:"link",id:0,url:"https://x.org/d",anchor:"docs"}, {kind:"text",text:"."}]
 */
export function layoutLinks(text: string, links: readonly LinkInput[]): LinkLayout {
  const taken: Array<{ start: number; end: number; link: LinkInput }> = [];
  const notFound: LinkInput[] = [];
  for (const link of links) {
    const start = link.anchor === "" ? -1 : findFree(text, link.anchor, taken);
    if (start < 0) notFound.push(link);
    else taken.push({ start, end: start + link.anchor.length, link });
  }
  taken.sort((a, b) => a.start - b.start);

  const urls: string[] = [];
  const idOf = new Map<string, number>();
  const assign = (url: string): number => {
    let id = idOf.get(url);
    if (id === undefined) {
      id = urls.length;
      urls.push(url);
      idOf.set(url, id);
    }
    return id;
  };

  const segments: LayoutSegment[] = [];
  let at = 0;
  for (const t of taken) {
    if (t.start > at) segments.push({ kind: "text", text: text.slice(at, t.start) });
    segments.push({ kind: "link", id: assign(t.link.url), url: t.link.url, anchor: t.link.anchor });
    at = t.end;
  }
  if (at < text.length || segments.length === 0) segments.push({ kind: "text", text: text.slice(at) });

  const unplaced: LinkLayout["unplaced"] = [];
  for (const l of notFound) {
    if (idOf.has(l.url)) continue; // already reachable through a placed link
    unplaced.push({ id: assign(l.url), url: l.url, anchor: l.anchor });
  }
  return { segments, unplaced, urls };
}

/** First occurrence of `anchor` at word boundaries not overlapping a taken span; -1 if none. */
function findFree(text: string, anchor: string, taken: ReadonlyArray<{ start: number; end: number }>): number {
  let from = 0;
  for (;;) {
    const i = text.indexOf(anchor, from);
    if (i < 0) return -1;
    const end = i + anchor.length;
    if (atBoundary(text, anchor, i, end) && !taken.some((t) => i < t.end && end > t.start)) return i;
    from = i + 1;
  }
}

const WORD = /[\p{L}\p{N}\p{M}_]/u;

/** The match neither starts nor ends inside a word (checked only where the anchor itself is wordy). */
function atBoundary(text: string, anchor: string, start: number, end: number): boolean {
  if (start > 0 && WORD.test(anchor[0] as string) && WORD.test(text[start - 1] as string)) return false;
  if (end < text.length && WORD.test(anchor[anchor.length - 1] as string) && WORD.test(text[end] as string)) {
    return false;
  }
  return true;
}
