/** @module Tasks over a passage corpus: single facts and 2-hop chains whose gold URLs are the passages stating each fact. */
import { stream } from "../../../core/index.ts";
import type { Rng } from "../../../core/index.ts";
import type { Entity, EntityGraph, Org, Person, WorldEvent } from "../entities.ts";
import { creatorRole, workNoun } from "../facts.ts";
import { answerLeaks, yearAnswers, type GeneratedTask } from "../tasks.ts";
import { syntheticUrl } from "../../readers/row-to-page.ts";
import { factSlot, passagesOf, type ArticleLayout } from "./article-layout.ts";
import { cityAnswers, factsOf, type Relation } from "./entity-facts.ts";

type Draft = Omit<GeneratedTask, "id" | "split">;

/** Where a relation of an entity is stated: the passage id, or null when the entity has no article or no such fact. */
export function passageOfFact(g: EntityGraph, layout: ArticleLayout, entity: number, relation: Relation): number | null {
  const a = layout.articleOf[entity] as number;
  if (a < 0) return null;
  const facts = factsOf(g, g.entities[entity] as Entity);
  const k = facts.findIndex((f) => f.asks.some((x) => x.relation === relation));
  if (k < 0) return null;
  return (layout.start[a] as number) + factSlot(k, facts.length, passagesOf(layout, a));
}

/** The URL `simweb load` gives passage `p` (`https://corpus.invalid/doc/<p>`). */
export const passageUrl = (p: number): string => syntheticUrl(String(p));

function singleFact(rng: Rng, g: EntityGraph, layout: ArticleLayout, placed: Int32Array): Draft | null {
  const e = g.entities[placed[rng.int(placed.length)] as number] as Entity;
  const asks = factsOf(g, e).flatMap((f) => f.asks);
  if (asks.length === 0) return null;
  const a = asks[rng.int(asks.length)] as (typeof asks)[number];
  const p = passageOfFact(g, layout, e.id, a.relation);
  if (p === null) return null;
  return { question: a.question, answers: a.answers, gold_urls: [passageUrl(p)], hops: 1, type: "single_fact" };
}

/** Follows one relation to a second entity and asks about it: gold = [the passage naming it, the passage answering]. */
function multiHop(rng: Rng, g: EntityGraph, layout: ArticleLayout, placed: Int32Array): Draft | null {
  const e = g.entities[placed[rng.int(placed.length)] as number] as Entity;
  let hop: { rel: Relation; to: number; phrase: string } | null = null;
  let ask: { rel: Relation; question: (who: string) => string; answers: string[] } | null = null;
  const aboutPerson = (p: Person): typeof ask =>
    rng.chance(0.5)
      ? { rel: "birthplace", question: (who) => `In which city was ${who} born?`, answers: cityAnswers(g, p.birthplace) }
      : { rel: "born_year", question: (who) => `In what year was ${who} born?`, answers: yearAnswers(p.born) };
  if (e.type === "org") {
    hop = { rel: "founder", to: e.founder, phrase: `the founder of ${e.name}` };
    ask = aboutPerson(g.entities[e.founder] as Person);
  } else if (e.type === "work") {
    hop = { rel: "creator", to: e.creator, phrase: `the ${creatorRole(e)} of the ${workNoun(e)} ${e.name}` };
    ask = aboutPerson(g.entities[e.creator] as Person);
  } else if (e.type === "event") {
    const o = g.entities[(e as WorldEvent).organiser] as Org;
    hop = { rel: "organiser", to: o.id, phrase: `the organiser of the ${e.name}` };
    ask = { rel: "founded", question: (who) => `In what year was ${who} founded?`, answers: yearAnswers(o.founded) };
  } else if (e.type === "person") {
    hop = { rel: "birthplace", to: e.birthplace, phrase: `the birthplace of ${e.name}` };
    ask = { rel: "country", question: (where) => `In which country is ${where}?`, answers: [nameOfCountry(g, e.birthplace)] };
  }
  if (hop === null || ask === null) return null;
  const p1 = passageOfFact(g, layout, e.id, hop.rel);
  const p2 = passageOfFact(g, layout, hop.to, ask.rel);
  if (p1 === null || p2 === null || p1 === p2) return null;
  return { question: ask.question(hop.phrase), answers: ask.answers, gold_urls: [passageUrl(p1), passageUrl(p2)], hops: 2, type: "multi_hop" };
}

function nameOfCountry(g: EntityGraph, city: number): string {
  const c = g.entities[city] as { country: number };
  return (g.entities[c.country] as Entity).name;
}

/**
 * Draws `count` tasks over the placed entities: ~65% single facts, ~35% two-hop chains (founder →
 * birthplace, creator → birth year, organiser → founding year, birthplace → country). Split ~90/10
 * train/test; answers never occur in the question; questions unique when the corpus is large enough.
 * @example
 * const tasks = buildPassageTasks(1, world.g, world.layout, 500);
 * tasks[0]!.gold_urls; // ["https://corpus.invalid/doc/1234"]
 */
export function buildPassageTasks(seed: number, g: EntityGraph, layout: ArticleLayout, count: number): GeneratedTask[] {
  const placed = Int32Array.from(
    g.entities.map((e) => e.id).filter((id) => (layout.articleOf[id] as number) >= 0),
    (x) => x,
  );
  const out: GeneratedTask[] = [];
  if (placed.length === 0) return out;
  const seen = new Set<string>();
  for (let t = 0; t < count; t++) {
    const rng = stream(seed, "passages", "task", t);
    const split = rng.chance(0.1) ? "test" : "train";
    const family = rng.chance(0.35) ? multiHop : singleFact;
    let best: Draft | null = null;
    for (let tries = 0; tries < 40; tries++) {
      const d = (tries < 30 ? family : singleFact)(rng, g, layout, placed);
      if (d === null || answerLeaks(d)) continue;
      best = d;
      if (!seen.has(d.question)) break;
    }
    if (best === null) continue;
    seen.add(best.question);
    out.push({ id: `p${seed}-${String(t).padStart(6, "0")}`, ...best, split });
  }
  return out;
}
