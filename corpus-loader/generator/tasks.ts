/** @module Tasks with gold answers over the generated world: single facts, 2–3 hop chains, comparisons, link-only. */
import { stream } from "../../core/index.ts";
import type { Rng } from "../../core/index.ts";
import type { City, Country, Entity, EntityGraph, Org, Person, Work, WorldEvent } from "./entities.ts";
import { creatorRole, fmtArea, fmtDate, fmtHeight, fmtInt, workNoun } from "./facts.ts";
import { urlOf, wikiUrl } from "./site-plan.ts";
import type { SitePlan } from "./site-plan.ts";
import { MONTHS } from "./word-tables.ts";

/** One task row of `tasks.jsonl`. */
export interface GeneratedTask {
  id: string;
  question: string;
  /** All accepted answer strings (aliases). */
  answers: string[];
  /** URLs of the pages holding the evidence, in reading order. */
  gold_urls: string[];
  hops: number;
  split: "train" | "test";
  type: "single_fact" | "multi_hop" | "comparison" | "link_only";
}

type Draft = Omit<GeneratedTask, "id" | "split">;

const uniq = (xs: string[]): string[] => [...new Set(xs)];
/** Aliases of a year. */
export const yearAnswers = (y: number): string[] => [String(y), `in ${y}`];
/** Aliases of a count. */
export const countAnswers = (n: number): string[] => uniq([fmtInt(n), String(n)]);
/** Aliases of a person's name (with and without middle initial). */
export const personAnswers = (p: Person): string[] => uniq([p.name, `${p.given} ${p.surname}`]);

function cityAnswers(g: EntityGraph, id: number): string[] {
  const c = g.entities[id] as City;
  return [c.name, `${c.name}, ${(g.entities[c.country] as Country).name}`];
}
function dateAnswers(e: WorldEvent): string[] {
  const mm = String(e.month).padStart(2, "0");
  const dd = String(e.day).padStart(2, "0");
  return [fmtDate(e.year, e.month, e.day), `${MONTHS[e.month - 1] as string} ${e.day}, ${e.year}`, `${e.year}-${mm}-${dd}`];
}

/** Builds one draft of a family from a random entity; null when the draw does not fit. */
type Maker = (rng: Rng, g: EntityGraph, plan: SitePlan) => Draft | null;

const pickOf = <T extends Entity>(rng: Rng, g: EntityGraph, type: Entity["type"]): T | null => {
  const ids = g.byType[type];
  return ids.length === 0 ? null : (g.entities[rng.pick(ids)] as T);
};
const single = (question: string, answers: string[], url: string): Draft => ({ question, answers, gold_urls: [url], hops: 1, type: "single_fact" });

const singleFact: Maker = (rng, g) => {
  const e = g.entities[rng.int(g.entities.length)] as Entity;
  const u = wikiUrl(g, e.id);
  const v = rng.int(4);
  switch (e.type) {
    case "person":
      if (v === 0) return single(`In what year was ${e.name} born?`, yearAnswers(e.born), u);
      if (v === 1) return single(`In which city was ${e.name} born?`, cityAnswers(g, e.birthplace), u);
      if (v === 2 || e.award === null)
        return single(`How tall is ${e.name}?`, [`${fmtHeight(e.height)} m`, `${fmtHeight(e.height)} metres`, fmtHeight(e.height)], u);
      return single(`Which award did ${e.name} receive in ${e.awardYear}?`, [e.award, `the ${e.award}`], u);
    case "org":
      if (v === 0) return single(`In what year was ${e.name} founded?`, yearAnswers(e.founded), u);
      if (v === 1) return single(`Who founded ${e.name}?`, personAnswers(g.entities[e.founder] as Person), u);
      if (v === 2) return single(`In which city is ${e.name} headquartered?`, cityAnswers(g, e.hq), u);
      return single(`How many people does ${e.name} employ?`, countAnswers(e.employees), u);
    case "city":
      if (v === 0) return single(`What is the population of ${e.name}?`, countAnswers(e.population), u);
      if (v === 1)
        return single(
          `What is the area of ${e.name}?`,
          [`${fmtArea(e.area)} km²`, `${fmtArea(e.area)} km2`, `${fmtArea(e.area)} square kilometres`, fmtArea(e.area)],
          u,
        );
      if (v === 2) return single(`In which country is the city of ${e.name}?`, [(g.entities[e.country] as Country).name], u);
      return single(`At what elevation does ${e.name} lie?`, [`${e.elevation} m`, `${e.elevation} metres`], u);
    case "country":
      return single(`What is the population of ${e.name}?`, countAnswers(e.population), u);
    case "work":
      if (v < 2) return single(`In what year was the ${workNoun(e)} ${e.name} ${e.kind === "book" ? "published" : "released"}?`, yearAnswers(e.year), u);
      return single(
        e.kind === "book"
          ? `Who wrote the novel ${e.name}?`
          : e.kind === "film"
            ? `Who directed the film ${e.name}?`
            : `Which artist recorded the album ${e.name}?`,
        personAnswers(g.entities[e.creator] as Person),
        u,
      );
    case "event":
      if (v < 2) return single(`On what date did the ${e.name} take place?`, dateAnswers(e), u);
      if (v === 2) return single(`In which city was the ${e.name} held?`, cityAnswers(g, e.location), u);
      return single(`Which organisation organised the ${e.name}?`, [(g.entities[e.organiser] as Org).name], u);
  }
};

const multiHop: Maker = (rng, g) => {
  const v = rng.int(9);
  const chain = (question: string, answers: string[], ids: number[]): Draft => ({
    question,
    answers,
    gold_urls: ids.map((x) => wikiUrl(g, x)),
    hops: ids.length,
    type: "multi_hop",
  });
  if (v <= 2) {
    const o = pickOf<Org>(rng, g, "org");
    if (o === null) return null;
    const f = g.entities[o.founder] as Person;
    if (v === 0) return chain(`Where was the founder of ${o.name} born?`, cityAnswers(g, f.birthplace), [o.id, f.id]);
    if (v === 1) return chain(`In what year was the founder of ${o.name} born?`, yearAnswers(f.born), [o.id, f.id]);
    const c = g.entities[f.birthplace] as City;
    return chain(`In which country was the founder of ${o.name} born?`, [(g.entities[c.country] as Country).name], [o.id, f.id, c.id]);
  }
  if (v <= 5) {
    const w = pickOf<Work>(rng, g, "work");
    if (w === null) return null;
    const p = g.entities[w.creator] as Person;
    const role = `the ${creatorRole(w)} of the ${workNoun(w)} ${w.name}`;
    if (v === 3) return chain(`In which city was ${role} born?`, cityAnswers(g, p.birthplace), [w.id, p.id]);
    if (v === 4) return chain(`In what year was ${role} born?`, yearAnswers(p.born), [w.id, p.id]);
    const c = g.entities[p.birthplace] as City;
    return chain(`What is the population of the birthplace of ${role}?`, countAnswers(c.population), [w.id, p.id, c.id]);
  }
  if (v === 6) {
    const p = pickOf<Person>(rng, g, "person");
    if (p === null) return null;
    const c = g.entities[p.birthplace] as City;
    return chain(`In which country was ${p.name} born?`, [(g.entities[c.country] as Country).name], [p.id, c.id]);
  }
  const ev = pickOf<WorldEvent>(rng, g, "event");
  if (ev === null) return null;
  const o = g.entities[ev.organiser] as Org;
  if (v === 7) return chain(`In what year was the organiser of the ${ev.name} founded?`, yearAnswers(o.founded), [ev.id, o.id]);
  const f = g.entities[o.founder] as Person;
  return chain(`Where was the founder of the organisation behind the ${ev.name} born?`, cityAnswers(g, f.birthplace), [ev.id, o.id, f.id]);
};

const comparison: Maker = (rng, g) => {
  const v = rng.int(4);
  const type = (["org", "person", "work", "city"] as const)[v] as "org" | "person" | "work" | "city";
  const a = pickOf<Entity>(rng, g, type);
  const b = pickOf<Entity>(rng, g, type);
  if (a === null || b === null || a.id === b.id) return null;
  const cmp = (question: string, answers: string[]): Draft => ({
    question,
    answers,
    gold_urls: [wikiUrl(g, a.id), wikiUrl(g, b.id)],
    hops: 2,
    type: "comparison",
  });
  if (type === "city") {
    const pa = (a as City).population;
    const pb = (b as City).population;
    if (pa === pb) return null;
    return cmp(`What is the population of whichever city is larger, ${a.name} or ${b.name}?`, countAnswers(Math.max(pa, pb)));
  }
  const year = (e: Entity): number => (e.type === "org" ? e.founded : e.type === "person" ? e.born : (e as Work).year);
  const ya = year(a);
  const yb = year(b);
  if (ya === yb) return null;
  const verb = type === "org" ? "founded" : type === "person" ? "born" : "released";
  if (rng.chance(0.5)) {
    const d = Math.abs(ya - yb);
    return cmp(`How many years apart were ${a.name} and ${b.name} ${verb}?`, [String(d), `${d} years`]);
  }
  const which = type === "org" ? "was founded first" : type === "person" ? "was born first" : "came out first";
  return cmp(`Of ${a.name} and ${b.name}, one ${which}. In what year was that?`, yearAnswers(Math.min(ya, yb)));
};

const linkOnly: Maker = (rng, g, plan) => {
  if (plan.registryOrg.length === 0) return null;
  const j = rng.int(plan.registryOrg.length);
  const o = g.entities[plan.registryOrg[j] as number] as Org;
  return {
    question: `What is the company registration number of ${o.name}?`,
    answers: [o.registry, o.registry.slice(3)],
    gold_urls: [urlOf(plan, g, "registry", j)],
    hops: 2,
    type: "link_only",
  };
};

const FAMILIES: Array<[number, Maker]> = [
  [0.4, singleFact],
  [0.35, multiHop],
  [0.15, comparison],
  [0.1, linkOnly],
];

/** True when some answer alias occurs in the question (case-insensitive): such a task is rejected. */
export function answerLeaks(d: Pick<GeneratedTask, "question" | "answers">): boolean {
  const q = d.question.toLowerCase();
  return d.answers.some((x) => q.includes(x.toLowerCase()));
}

/** Default number of tasks for a world of `pages` pages (pages/20, between 10 and 20,000). */
export function defaultTaskCount(pages: number): number {
  return Math.min(20_000, Math.max(10, Math.round(pages / 20)));
}

/**
 * Draws `count` tasks. Split is ~90/10 train/test, fixed by the seed; answers never occur in
 * the question; questions are unique whenever the world is large enough.
 * @example
 * const tasks = buildTasks(42, graph, plan, 50);
 */
export function buildTasks(seed: number, g: EntityGraph, plan: SitePlan, count: number): GeneratedTask[] {
  const out: GeneratedTask[] = [];
  const seen = new Set<string>();
  for (let t = 0; t < count; t++) {
    const rng = stream(seed, "generator", "task", t);
    const split = rng.chance(0.1) ? "test" : "train";
    const u = rng.next();
    let acc = 0;
    let family = FAMILIES[0]?.[1] as Maker;
    for (const [w, m] of FAMILIES) {
      acc += w;
      if (u < acc) {
        family = m;
        break;
      }
    }
    let best: Draft | null = null;
    for (let tries = 0; tries < 40; tries++) {
      const d = (tries < 30 ? family : singleFact)(rng, g, plan);
      if (d === null || answerLeaks(d)) continue;
      best = d;
      if (!seen.has(d.question)) break;
    }
    if (best === null) continue;
    seen.add(best.question);
    out.push({ id: `w${seed}-${String(t).padStart(6, "0")}`, ...best, split });
  }
  return out;
}
