/** @module Where the rollouts of a GRPO group first took different actions (pure, unit-tested). */

/** The first step at which a group's action sequences differ. */
export interface Divergence {
  /** Step index of the first difference, or null when every rollout took the same actions. */
  step: number | null;
  /**
   * For each rollout, which branch it took at `step` (rollouts with the same action share a number, numbered
   * in order of first appearance; a rollout that had already ended is its own branch "ended"); empty when `step` is null.
   */
  branches: Array<number | "ended">;
}

/**
 * Compares the rollouts' action keys step by step (a key is any string identifying the action, e.g. its
 * canonical JSON) and returns the first index where they are not all equal, including where one rollout
 * has ended and another goes on.
 * @example
 * firstDivergence([["s:a", "o:x"], ["s:a", "o:y"]]) // { step: 1, branches: [0, 1] }
 */
export function firstDivergence(sequences: ReadonlyArray<readonly string[]>): Divergence {
  if (sequences.length < 2) return { step: null, branches: [] };
  const longest = Math.max(...sequences.map((s) => s.length));
  for (let i = 0; i < longest; i++) {
    const keys = sequences.map((s) => (i < s.length ? (s[i] as string) : null));
    const first = keys[0];
    if (keys.every((k) => k === first)) continue;
    const ids = new Map<string, number>();
    const branches = keys.map((k): number | "ended" => {
      if (k === null) return "ended";
      let id = ids.get(k);
      if (id === undefined) {
        id = ids.size;
        ids.set(k, id);
      }
      return id;
    });
    return { step: i, branches };
  }
  return { step: null, branches: [] };
}

/**
 * The comparison key of a logged step: the stored action JSON with its arguments' keys sorted, or the raw
 * text of an unparseable action.
 */
export function actionKey(action: string | null, rawText: string | null): string {
  if (action === null) return `text:${rawText ?? ""}`;
  try {
    return `call:${JSON.stringify(sortKeys(JSON.parse(action)))}`;
  } catch {
    return `call:${action}`;
  }
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}
