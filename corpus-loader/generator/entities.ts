/** @module The entity graph of the generated world: typed entities with facts that reference each other. */
import { stream } from "../../core/index.ts";
import type { Rng } from "../../core/index.ts";
import { cityName, countryName, eventName, givenName, orgStem, slugOf, surname, workTitle } from "./names.ts";
import { AWARDS, INITIALS, OCCUPATIONS, ORG_KINDS } from "./word-tables.ts";

interface EntityBase {
  /** Dense id 0..E-1; also the index of the entity's encyclopedia page. */
  id: number;
  /** Unique display name. */
  name: string;
  /** Wiki slug of `name`. */
  slug: string;
}
/** A country. */
export interface Country extends EntityBase {
  type: "country";
  population: number;
  area: number;
}
/** A city in a country. */
export interface City extends EntityBase {
  type: "city";
  country: number;
  population: number;
  area: number;
  elevation: number;
}
/** A person born in a city. */
export interface Person extends EntityBase {
  type: "person";
  given: string;
  middle: string | null;
  surname: string;
  born: number;
  birthplace: number;
  height: number;
  occupation: string;
  award: string | null;
  awardYear: number;
}
/** An organisation founded by a person, headquartered in a city. */
export interface Org extends EntityBase {
  type: "org";
  founded: number;
  founder: number;
  hq: number;
  industry: string;
  employees: number;
  registry: string;
}
/** A book, film or album created by a person. */
export interface Work extends EntityBase {
  type: "work";
  kind: "book" | "film" | "album";
  year: number;
  creator: number;
  award: string | null;
  awardYear: number;
}
/** A dated event held in a city and organised by an organisation. */
export interface WorldEvent extends EntityBase {
  type: "event";
  kind: string;
  year: number;
  month: number;
  day: number;
  location: number;
  organiser: number;
}
/** Any entity. */
export type Entity = Country | City | Person | Org | Work | WorldEvent;
/** Entity type names. */
export type EntityType = Entity["type"];

/** All entities plus reverse references (who was born where, who founded what...). */
export interface EntityGraph {
  entities: Entity[];
  /** Entity ids by type, in id order. */
  byType: Record<EntityType, number[]>;
  /** Reverse references: entity id → ids that point at it through that relation. */
  bornIn: Map<number, number[]>;
  basedIn: Map<number, number[]>;
  citiesOf: Map<number, number[]>;
  founderOf: Map<number, number[]>;
  creatorOf: Map<number, number[]>;
  heldIn: Map<number, number[]>;
  /** Surname → person ids (for same-surname distractors and hatnotes). */
  bySurname: Map<string, number[]>;
}

function push(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** Draws a name with `make` until it is unused (longer variants after a few collisions). */
function unique(taken: Set<string>, make: (long: boolean) => string): string {
  for (let i = 0; i < 1000; i++) {
    const name = make(i >= 8);
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  throw new RangeError("could not draw a unique name");
}

function logNormal(rng: Rng, median: number, sigma: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(Math.exp(Math.log(median) + sigma * rng.normal()))));
}

/** How many entities of each type a world of `total` entities has (at least one of each). */
export function entityCounts(total: number): Record<EntityType, number> {
  const country = Math.max(3, Math.min(200, Math.round(total * 0.01)));
  const city = Math.max(4, Math.round(total * 0.17));
  const person = Math.max(6, Math.round(total * 0.34));
  const org = Math.max(4, Math.round(total * 0.2));
  const work = Math.max(3, Math.round(total * 0.17));
  const event = Math.max(1, total - country - city - person - org - work);
  return { country, city, person, org, work, event };
}

/**
 * Builds the entity graph: countries, then cities (in a country), people (born in a city),
 * organisations (founded by a person, based in a city), works (by a person) and events
 * (in a city, organised by an organisation). Names are unique across all entities.
 * @example
 * const g = buildEntities(42, 400);
 * g.entities[g.byType.org[0]!];
 */
export function buildEntities(seed: number, total: number): EntityGraph {
  const counts = entityCounts(total);
  const rng = stream(seed, "generator", "entities");
  const entities: Entity[] = [];
  const taken = new Set<string>();
  const personKeys = new Set<string>();
  const g: EntityGraph = {
    entities,
    byType: { country: [], city: [], person: [], org: [], work: [], event: [] },
    bornIn: new Map(),
    basedIn: new Map(),
    citiesOf: new Map(),
    founderOf: new Map(),
    creatorOf: new Map(),
    heldIn: new Map(),
    bySurname: new Map(),
  };
  const add = (e: Entity): void => {
    entities.push(e);
    g.byType[e.type].push(e.id);
  };
  const get = <T extends Entity>(id: number): T => entities[id] as T;
  for (let i = 0; i < counts.country; i++) {
    const name = unique(taken, (l) => countryName(rng, l));
    add({
      type: "country",
      id: entities.length,
      name,
      slug: slugOf(name),
      population: logNormal(rng, 8_000_000, 1, 200_000, 300_000_000),
      area: 1000 * logNormal(rng, 120, 1, 5, 9000),
    });
  }
  for (let i = 0; i < counts.city; i++) {
    const name = unique(taken, (l) => cityName(rng, l));
    const country = rng.pick(g.byType.country);
    add({
      type: "city",
      id: entities.length,
      name,
      slug: slugOf(name),
      country,
      population: logNormal(rng, 90_000, 1.3, 800, 9_000_000),
      area: Math.round(logNormal(rng, 800, 1, 20, 20_000)) / 10,
      elevation: rng.int(2400),
    });
    push(g.citiesOf, country, entities.length - 1);
  }
  for (let i = 0; i < counts.person; i++) {
    const persons = g.byType.person;
    const family = persons.length > 0 && rng.chance(0.25) ? get<Person>(rng.pick(persons)).surname : null;
    let given: string;
    let sur: string;
    for (let k = 0; ; k++) {
      given = givenName(rng);
      sur = family !== null && k < 20 ? family : surname(rng, k >= 28);
      const key = `${given} ${sur}`;
      if (!personKeys.has(key) && !taken.has(key)) {
        personKeys.add(key);
        break;
      }
      if (k > 1000) throw new RangeError("could not draw a unique person name");
    }
    const middle = rng.chance(0.5) ? `${INITIALS[rng.int(INITIALS.length)]}.` : null;
    const name = middle === null ? `${given} ${sur}` : `${given} ${middle} ${sur}`;
    taken.add(name);
    const born = 1890 + rng.int(113);
    const hasAward = rng.chance(0.3);
    const birthplace = rng.pick(g.byType.city);
    add({
      type: "person",
      id: entities.length,
      name,
      slug: slugOf(name),
      given,
      middle,
      surname: sur,
      born,
      birthplace,
      height: Math.round(150 + rng.int(56) + rng.next() * 0.99) / 100,
      occupation: rng.pick(OCCUPATIONS),
      award: hasAward ? rng.pick(AWARDS) : null,
      awardYear: Math.min(2024, born + 25 + rng.int(40)),
    });
    push(g.bornIn, birthplace, entities.length - 1);
    const list = g.bySurname.get(sur);
    if (list === undefined) g.bySurname.set(sur, [entities.length - 1]);
    else list.push(entities.length - 1);
  }
  const orgStems: string[] = [];
  for (let i = 0; i < counts.org; i++) {
    const founder = rng.pick(g.byType.person);
    const [suffix, industry] = rng.pick(ORG_KINDS);
    const r = rng.next();
    const name = unique(taken, (l) => {
      if (!l && r < 0.15 && orgStems.length > 0) return `${rng.pick(orgStems)} ${rng.pick(ORG_KINDS)[0]}`;
      if (!l && r < 0.35) return `${get<Person>(founder).surname} ${suffix}`;
      return `${orgStem(rng, l)} ${suffix}`;
    });
    orgStems.push(name.slice(0, name.lastIndexOf(" ")));
    const hq = rng.pick(g.byType.city);
    const fb = get<Person>(founder).born + 22 + rng.int(45);
    add({
      type: "org",
      id: entities.length,
      name,
      slug: slugOf(name),
      founded: Math.min(fb, 2023 - rng.int(4)),
      founder,
      hq,
      industry,
      employees: logNormal(rng, 900, 1.6, 12, 400_000),
      registry: `RN-${100000 + rng.int(900000)}`,
    });
    push(g.founderOf, founder, entities.length - 1);
    push(g.basedIn, hq, entities.length - 1);
  }
  const kindOf: Record<string, Work["kind"]> = {
    novelist: "book",
    poet: "book",
    historian: "book",
    "film director": "film",
    photographer: "film",
    singer: "album",
    composer: "album",
  };
  for (let i = 0; i < counts.work; i++) {
    const creator = rng.pick(g.byType.person);
    const p = get<Person>(creator);
    const kind = kindOf[p.occupation] ?? rng.pick(["book", "film", "album"] as const);
    const name = unique(taken, (l) => workTitle(rng, l));
    const year = Math.min(2023, p.born + 20 + rng.int(50));
    add({
      type: "work",
      id: entities.length,
      name,
      slug: slugOf(name),
      kind,
      year,
      creator,
      award: rng.chance(0.25) ? rng.pick(AWARDS) : null,
      awardYear: Math.min(2024, year + 1 + rng.int(3)),
    });
    push(g.creatorOf, creator, entities.length - 1);
  }
  for (let i = 0; i < counts.event; i++) {
    const organiser = rng.pick(g.byType.org);
    let kind = "";
    const name = unique(taken, () => {
      const e = eventName(rng);
      kind = e.kind;
      return e.name;
    });
    const location = rng.pick(g.byType.city);
    const from = Math.max(1950, get<Org>(organiser).founded + 1);
    add({
      type: "event",
      id: entities.length,
      name,
      slug: slugOf(name),
      kind,
      location,
      organiser,
      year: Math.min(2024, from + rng.int(Math.max(1, 2025 - from))),
      month: 1 + rng.int(12),
      day: 1 + rng.int(28),
    });
    push(g.heldIn, location, entities.length - 1);
  }
  return g;
}
