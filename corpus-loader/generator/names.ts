/** @module Pronounceable invented names (people, places, organisations, works, events) from syllable tables. */
import type { Rng } from "../../core/index.ts";
import { capitalise } from "./prose.ts";
import { pseudoWord } from "./vocabulary.ts";
import {
  CITY_ENDS,
  COUNTRY_ENDS,
  EVENT_KINDS,
  GIVEN_ENDS,
  GIVEN_STARTS,
  NAME_MIDS,
  NAME_STEMS,
  SURNAME_ENDS,
  TITLE_ADJECTIVES,
  TITLE_NOUNS,
} from "./word-tables.ts";

/** A capitalised stem of one or two name syllables plus a middle ("Meran", "Dravel"). */
function stem(rng: Rng, twoPart: boolean): string {
  let s = rng.pick(NAME_STEMS) + rng.pick(NAME_MIDS);
  if (twoPart) s += rng.pick(NAME_STEMS).toLowerCase();
  return s;
}

/** A given name such as "Marven" or "Elara". */
export function givenName(rng: Rng): string {
  return rng.pick(GIVEN_STARTS) + rng.pick(GIVEN_ENDS);
}

/** A surname such as "Mervolt" or "Kelaford"; `long` adds a syllable (for uniqueness retries). */
export function surname(rng: Rng, long: boolean): string {
  return stem(rng, long) + rng.pick(SURNAME_ENDS);
}

/** A city name such as "Dravenport". */
export function cityName(rng: Rng, long: boolean): string {
  const base = stem(rng, long || rng.chance(0.5)) + rng.pick(CITY_ENDS);
  return rng.chance(0.05) ? `${rng.pick(["New", "Port", "East", "Upper"])} ${base}` : base;
}

/** A country name such as "Keloria". */
export function countryName(rng: Rng, long: boolean): string {
  return stem(rng, long) + rng.pick(COUNTRY_ENDS);
}

/** An organisation stem (used with a kind suffix: "Veltrano Systems"). */
export function orgStem(rng: Rng, long: boolean): string {
  return capitalise(long ? pseudoWord(rng) + rng.pick(NAME_MIDS) : pseudoWord(rng));
}

/** A work title ("The Silent Harbour", "The Echo of Brastoun"). */
export function workTitle(rng: Rng, long: boolean): string {
  const adj = rng.pick(TITLE_ADJECTIVES);
  const noun = rng.pick(TITLE_NOUNS);
  const r = long ? 2 + rng.int(2) : rng.int(4);
  if (r === 0) return `The ${adj} ${noun}`;
  if (r === 1) return `${adj} ${noun}s`;
  if (r === 2) return `The ${noun} of ${capitalise(pseudoWord(rng))}`;
  return `${capitalise(pseudoWord(rng))} ${noun}`;
}

/** An event name ("Brastoun Jazz Festival"); its stem is a pseudo-word, never a city name. */
export function eventName(rng: Rng): { name: string; kind: string } {
  const kind = rng.pick(EVENT_KINDS);
  return { name: `${capitalise(pseudoWord(rng))} ${kind}`, kind };
}

/** Wiki-style slug: spaces become underscores ("Anna_K._Mervolt"). */
export function slugOf(name: string): string {
  return name.replace(/ /g, "_");
}

/** URL path slug: lowercase, hyphens ("anna-k-mervolt"). */
export function kebabOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
