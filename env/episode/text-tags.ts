/**
 * @module Linear-time scanning of model text for literal tags (`<think>`, `<tool_call>`, `<search>` …):
 * ASCII case-insensitive, as the `/i` regexes they replace, but never backtracking, so a truncated or
 * hostile model output costs one pass however it is shaped.
 */

/**
 * Index of the first occurrence of `tag` (lowercase ASCII) in `text` at or after `from`, matching
 * ASCII letters case-insensitively; -1 when absent. O(text length × tag length), no backtracking.
 * @example
 * indexOfTag("a <Think> b", "<think>", 0); // 2
 */
export function indexOfTag(text: string, tag: string, from: number): number {
  const first = tag.charCodeAt(0);
  const n = tag.length;
  let i = text.indexOf(String.fromCharCode(first), from);
  while (i >= 0 && i + n <= text.length) {
    if (matchesAt(text, tag, i)) return i;
    i = text.indexOf(String.fromCharCode(first), i + 1);
  }
  return -1;
}

function matchesAt(text: string, tag: string, at: number): boolean {
  for (let k = 1; k < tag.length; k++) {
    const t = tag.charCodeAt(k);
    const c = text.charCodeAt(at + k);
    if (c === t) continue;
    // ASCII letters only: 'A'..'Z' folded onto 'a'..'z'
    if (t >= 97 && t <= 122 && c === t - 32) continue;
    return false;
  }
  return true;
}

/**
 * Removes `<think>…</think>` blocks: each opening tag up to the next closing tag, as the lazy regex
 * `/<think>[\s\S]*?<\/think>/gi` does; an unclosed `<think>` and everything after it stays.
 */
export function stripThinkBlocks(text: string): string {
  let out = "";
  let from = 0;
  for (;;) {
    const open = indexOfTag(text, "<think>", from);
    if (open < 0) break;
    const close = indexOfTag(text, "</think>", open + 7);
    if (close < 0) break;
    out += text.slice(from, open);
    from = close + 8;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** A tagged block found in text: where its opening tag starts and its inner text. */
export interface TagBlock {
  /** Lowercased tag name, e.g. `search`. */
  name: string;
  /** Index of the opening `<`. */
  index: number;
  /** Text between the opening and the closing tag, untrimmed. */
  inner: string;
}

/**
 * The earliest block `<name>…</name>` for any of `names` whose opening tag has a closing tag after it,
 * with the first closing tag after the opening (as `/<(a|b)>([\s\S]*?)<\/\1>/i`); null when none.
 * Linear: only the first opening of each name can start the earliest match, since a later opening
 * of the same name has the same or fewer closings after it.
 * @example
 * findFirstBlock("x <search>q</search>", ["search", "answer"]); // { name: "search", index: 2, inner: "q" }
 */
export function findFirstBlock(text: string, names: readonly string[]): TagBlock | null {
  let best: TagBlock | null = null;
  for (const name of names) {
    const openTag = `<${name}>`;
    const open = indexOfTag(text, openTag, 0);
    if (open < 0 || (best && best.index < open)) continue;
    const start = open + openTag.length;
    const close = indexOfTag(text, `</${name}>`, start);
    if (close < 0) continue;
    best = { name, index: open, inner: text.slice(start, close) };
  }
  return best;
}
