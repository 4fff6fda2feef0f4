/** @module A one-line label of a logged action for tables: `search("…")`, `open(url)`, `answer("…")` or the raw text. */

const MAX = 120;

const clip = (s: string, n = MAX): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * Labels a step from its stored action JSON (`{name, arguments}`) or, for an unparseable action, its raw text.
 * @example
 * actionLabel('{"name":"search","arguments":{"query":"vexa corp"}}', null) // 'search("vexa corp")'
 */
export function actionLabel(action: string | null, rawText: string | null): string {
  if (action === null) return rawText === null ? "(no action)" : clip(`text: ${rawText.replace(/\s+/g, " ").trim()}`);
  let call: { name?: unknown; arguments?: unknown };
  try {
    call = JSON.parse(action) as { name?: unknown; arguments?: unknown };
  } catch {
    return clip(action);
  }
  const name = typeof call.name === "string" ? call.name : "?";
  const args = call.arguments !== null && typeof call.arguments === "object" ? (call.arguments as Record<string, unknown>) : {};
  const main = args.query ?? args.url ?? args.pattern ?? args.answer ?? args.id;
  const first = main === undefined ? "" : typeof main === "string" ? JSON.stringify(main) : String(main);
  const rest = Object.keys(args)
    .filter((k) => !["query", "url", "pattern", "answer", "id"].includes(k))
    .map((k) => `${k}=${JSON.stringify(args[k])}`);
  return clip(`${name}(${[first, ...rest].filter((s) => s !== "").join(", ")})`);
}
