/** @module The fields a page is indexed under (BM25F): names, weights, per-field length normalisation, and their text form. */

/**
 * Field names in storage order. `body` is the page text, `title` its title, `headings` its h1–h3,
 * `anchors` the anchor text of the links pointing at it (aggregated over the corpus), `url` the words
 * of its host and path.
 */
export const FIELD_NAMES = ["title", "headings", "anchors", "url", "body"] as const;

/** One of `FIELD_NAMES`. */
export type FieldName = (typeof FIELD_NAMES)[number];

/** Index of the body field in `FIELD_NAMES` (its tf is stored apart from the small fields'). */
export const BODY_FIELD = 4;

/** How one field counts in BM25F. */
export interface FieldSpec {
  name: FieldName;
  /** Weight of one (length-normalised) occurrence, 0..100; 0 leaves the field out of the index. */
  weight: number;
  /** Length normalisation of this field, 0..1 (BM25's b, per field). */
  b: number;
}

/** A field as recorded in an index: its spec plus the average length it was normalised with. */
export interface IndexField extends FieldSpec {
  /** Average tokens of this field over the indexed pages (0 when no page has it). */
  avgLen: number;
}

/**
 * Default field weights and b. Tuned on the real-documentation development set
 * (`scripts/bench/devset/`) under one constraint: the scripted policy's task success on the generated
 * world must not drop. In-link anchors and URL words raise known-item success on real pages
 * (`ALL_FIELDS`) but cost the scripted policy 0.2–0.5 points on the generated world, so they are off by
 * default; `--fields anchors:1,url:0.5` (or `ALL_FIELDS`) turns them on. See docs/benchmarks.md.
 */
export const DEFAULT_FIELDS: readonly FieldSpec[] = [
  { name: "title", weight: 2, b: 0.75 },
  { name: "headings", weight: 2, b: 0.2 },
  { name: "anchors", weight: 0, b: 0.2 },
  { name: "url", weight: 0, b: 0.4 },
  { name: "body", weight: 1, b: 0.75 },
];

/** Every field on: the defaults plus in-link anchors (weight 1) and URL words (0.5), the best all-field setting on the development set. */
export const ALL_FIELDS: readonly FieldSpec[] = DEFAULT_FIELDS.map((f) =>
  f.name === "anchors" ? { ...f, weight: 1 } : f.name === "url" ? { ...f, weight: 0.5 } : { ...f },
);

/** Why a field spec string was refused (the caller wraps it in its own typed error). */
export class FieldSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FieldSpecError";
  }
}

/**
 * Parses `name:weight[:b],…` (e.g. `title:3:0.5,body:1`). Fields not named keep their default; a
 * field can be dropped with weight 0. Throws `FieldSpecError` naming the bad part.
 * @example
 * parseFieldSpec("title:4,anchors:0") // title weight 4, anchors left out, the rest default
 */
export function parseFieldSpec(spec: string, base: readonly FieldSpec[] = DEFAULT_FIELDS): FieldSpec[] {
  const out = new Map<FieldName, FieldSpec>(base.map((f) => [f.name, { ...f }]));
  for (const raw of spec.split(",")) {
    const part = raw.trim();
    if (part === "") continue;
    const bits = part.split(":");
    const name = bits[0] as FieldName;
    if (!FIELD_NAMES.includes(name)) throw new FieldSpecError(`unknown field '${bits[0]}' in '${part}' (fields: ${FIELD_NAMES.join(", ")})`);
    if (bits.length < 2 || bits.length > 3) throw new FieldSpecError(`field '${part}' must be name:weight or name:weight:b`);
    const f = out.get(name) as FieldSpec;
    f.weight = Number(bits[1]);
    if (bits[2] !== undefined) f.b = Number(bits[2]);
  }
  const fields = FIELD_NAMES.map((n) => out.get(n) ?? { name: n, weight: 0, b: 0.75 });
  checkFields(fields);
  return fields;
}

/** Throws `FieldSpecError` unless every weight is in [0, 100], every b in [0, 1] and some weight > 0. */
export function checkFields(fields: readonly FieldSpec[]): void {
  for (const f of fields) {
    if (!FIELD_NAMES.includes(f.name)) throw new FieldSpecError(`unknown field '${String(f.name)}'`);
    if (!(f.weight >= 0 && f.weight <= 100)) throw new FieldSpecError(`weight of field '${f.name}' must be in [0, 100], got ${f.weight}`);
    if (!(f.b >= 0 && f.b <= 1)) throw new FieldSpecError(`b of field '${f.name}' must be in [0, 1], got ${f.b}`);
  }
  if (!fields.some((f) => f.weight > 0)) throw new FieldSpecError("at least one field needs a weight above 0");
}

/** The fields in `FIELD_NAMES` order (missing ones with weight 0). */
export function fieldsInOrder(fields: readonly FieldSpec[]): FieldSpec[] {
  return FIELD_NAMES.map((n) => fields.find((f) => f.name === n) ?? { name: n, weight: 0, b: 0.75 });
}

/** `name:weight:b,…` of a field list (the inverse of `parseFieldSpec`). */
export function formatFieldSpec(fields: readonly FieldSpec[]): string {
  return fields.map((f) => `${f.name}:${f.weight}:${f.b}`).join(",");
}
