/** @module An entity's facts as plain-text sentences for passages, each with the questions it answers. */
import type { City, Country, Entity, EntityGraph, Org, Person, Work, WorldEvent } from "../entities.ts";
import { an, fmtArea, fmtDate, fmtHeight, fmtInt, workNoun } from "../facts.ts";
import { countAnswers, personAnswers, yearAnswers } from "../tasks.ts";
import { MONTHS } from "../word-tables.ts";

/** What a fact sentence states about its entity; multi-hop tasks follow these. */
export type Relation =
  | "born_year"
  | "birthplace"
  | "height"
  | "award"
  | "founded"
  | "founder"
  | "hq"
  | "employees"
  | "country"
  | "population"
  | "area"
  | "elevation"
  | "year"
  | "creator"
  | "date"
  | "location"
  | "organiser";

/** A question one fact sentence answers. */
export interface Ask {
  relation: Relation;
  question: string;
  /** Accepted answers; the first occurs verbatim in the sentence. */
  answers: string[];
}

/** One fact sentence of an entity article. */
export interface Fact {
  /** Plain text, ending with a period. */
  text: string;
  /** Words in `text` (space-separated). */
  words: number;
  /** Questions the sentence answers (none for context sentences). */
  asks: Ask[];
}

const nameOf = (g: EntityGraph, id: number): string => (g.entities[id] as Entity).name;

/** Aliases of a city ("Dravenport", "Dravenport, Keloria"). */
export function cityAnswers(g: EntityGraph, id: number): string[] {
  const c = g.entities[id] as City;
  return [c.name, `${c.name}, ${nameOf(g, c.country)}`];
}

function dateAnswers(e: WorldEvent): string[] {
  const mm = String(e.month).padStart(2, "0");
  const dd = String(e.day).padStart(2, "0");
  return [fmtDate(e.year, e.month, e.day), `${MONTHS[e.month - 1] as string} ${e.day}, ${e.year}`, `${e.year}-${mm}-${dd}`];
}

function fact(text: string, ...asks: Ask[]): Fact {
  let words = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 32) words++;
  return { text, words, asks };
}

const ask = (relation: Relation, question: string, answers: string[]): Ask => ({ relation, question, answers });

function personFacts(g: EntityGraph, e: Person): Fact[] {
  const out = [
    fact(`${e.name} (born ${e.born}) is ${an(e.occupation)}.`, ask("born_year", `In what year was ${e.name} born?`, yearAnswers(e.born))),
    fact(
      `${e.surname} was born in ${nameOf(g, e.birthplace)} in ${e.born}.`,
      ask("birthplace", `In which city was ${e.name} born?`, cityAnswers(g, e.birthplace)),
    ),
    fact(
      `${e.given} ${e.surname} is ${fmtHeight(e.height)} m tall.`,
      ask("height", `How tall is ${e.name}?`, [`${fmtHeight(e.height)} m`, `${fmtHeight(e.height)} metres`, fmtHeight(e.height)]),
    ),
  ];
  if (e.award !== null)
    out.push(
      fact(
        `In ${e.awardYear}, ${e.surname} received the ${e.award}.`,
        ask("award", `Which award did ${e.name} receive in ${e.awardYear}?`, [e.award, `the ${e.award}`]),
      ),
    );
  for (const w of (g.creatorOf.get(e.id) ?? []).slice(0, 3)) {
    const work = g.entities[w] as Work;
    out.push(fact(`${e.surname} is known for the ${workNoun(work)} ${work.name}.`));
  }
  for (const o of (g.founderOf.get(e.id) ?? []).slice(0, 2)) out.push(fact(`${e.surname} later founded ${nameOf(g, o)}.`));
  return out;
}

function orgFacts(g: EntityGraph, e: Org): Fact[] {
  return [
    fact(
      `${e.name} is ${an(e.industry)} company headquartered in ${nameOf(g, e.hq)}.`,
      ask("hq", `In which city is ${e.name} headquartered?`, cityAnswers(g, e.hq)),
    ),
    fact(
      `${e.name} was founded in ${e.founded} by ${nameOf(g, e.founder)}.`,
      ask("founded", `In what year was ${e.name} founded?`, yearAnswers(e.founded)),
      ask("founder", `Who founded ${e.name}?`, personAnswers(g.entities[e.founder] as Person)),
    ),
    fact(`As of 2024, ${e.name} employs ${fmtInt(e.employees)} people.`, ask("employees", `How many people does ${e.name} employ?`, countAnswers(e.employees))),
    fact(`The registration number of ${e.name} is ${e.registry}.`),
  ];
}

function cityFacts(g: EntityGraph, e: City): Fact[] {
  const area = fmtArea(e.area);
  return [
    fact(`${e.name} is a city in ${nameOf(g, e.country)}.`, ask("country", `In which country is the city of ${e.name}?`, [nameOf(g, e.country)])),
    fact(
      `${e.name} has a population of ${fmtInt(e.population)} and an area of ${area} km².`,
      ask("population", `What is the population of ${e.name}?`, countAnswers(e.population)),
      ask("area", `What is the area of ${e.name}?`, [`${area} km²`, `${area} km2`, `${area} square kilometres`, area]),
    ),
    fact(
      `${e.name} lies at an elevation of ${e.elevation} m above sea level.`,
      ask("elevation", `At what elevation does ${e.name} lie?`, [`${e.elevation} m`, `${e.elevation} metres`]),
    ),
  ];
}

function countryFacts(g: EntityGraph, e: Country): Fact[] {
  const out = [
    fact(
      `${e.name} is a country with a population of ${fmtInt(e.population)} and an area of ${fmtArea(e.area)} km².`,
      ask("population", `What is the population of ${e.name}?`, countAnswers(e.population)),
    ),
  ];
  const cities = (g.citiesOf.get(e.id) ?? []).slice(0, 4);
  if (cities.length > 0) out.push(fact(`Its cities include ${cities.map((c) => nameOf(g, c)).join(", ")}.`));
  return out;
}

function workFacts(g: EntityGraph, e: Work): Fact[] {
  const creator = nameOf(g, e.creator);
  const verb =
    e.kind === "book"
      ? `a novel by ${creator}, published in`
      : e.kind === "film"
        ? `a film directed by ${creator}, released in`
        : `an album by ${creator}, released in`;
  const who =
    e.kind === "book"
      ? `Who wrote the novel ${e.name}?`
      : e.kind === "film"
        ? `Who directed the film ${e.name}?`
        : `Which artist recorded the album ${e.name}?`;
  const out = [
    fact(
      `${e.name} is ${verb} ${e.year}.`,
      ask("year", `In what year was the ${workNoun(e)} ${e.name} ${e.kind === "book" ? "published" : "released"}?`, yearAnswers(e.year)),
      ask("creator", who, personAnswers(g.entities[e.creator] as Person)),
    ),
  ];
  if (e.award !== null) out.push(fact(`${e.name} won the ${e.award} in ${e.awardYear}.`));
  return out;
}

function eventFacts(g: EntityGraph, e: WorldEvent): Fact[] {
  return [
    fact(
      `The ${e.name} took place on ${fmtDate(e.year, e.month, e.day)} in ${nameOf(g, e.location)}.`,
      ask("date", `On what date did the ${e.name} take place?`, dateAnswers(e)),
      ask("location", `In which city was the ${e.name} held?`, cityAnswers(g, e.location)),
    ),
    fact(
      `The ${e.name} was organised by ${nameOf(g, e.organiser)}.`,
      ask("organiser", `Which organisation organised the ${e.name}?`, [nameOf(g, e.organiser)]),
    ),
  ];
}

/**
 * The fact sentences of an entity's article, in article order (the first introduces the entity).
 * A pure function of the graph: the renderer and the task builder call it independently.
 * @example
 * factsOf(g, g.entities[0]!)[0]!.text; // "Keloria is a country with a population of ..."
 */
export function factsOf(g: EntityGraph, e: Entity): Fact[] {
  switch (e.type) {
    case "person":
      return personFacts(g, e);
    case "org":
      return orgFacts(g, e);
    case "city":
      return cityFacts(g, e);
    case "country":
      return countryFacts(g, e);
    case "work":
      return workFacts(g, e);
    case "event":
      return eventFacts(g, e);
  }
}
