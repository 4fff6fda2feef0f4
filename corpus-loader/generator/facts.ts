/** @module Facts as text: number/date formats shared by pages and gold answers, English fact sentences, infoboxes. */
import type { City, EntityGraph, Entity, Org, Person, Work } from "./entities.ts";
import { MONTHS } from "./word-tables.ts";

/** Integer with thousands separators ("1,234,567"). */
export function fmtInt(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
/** Height in metres with two decimals ("1.82"). */
export function fmtHeight(m: number): string {
  return m.toFixed(2);
}
/** Area with one decimal ("312.4"), thousands separated for large areas. */
export function fmtArea(a: number): string {
  const [i, f] = a.toFixed(1).split(".") as [string, string];
  return `${fmtInt(Number(i))}.${f}`;
}
/** "14 March 1994". */
export function fmtDate(y: number, m: number, d: number): string {
  return `${d} ${MONTHS[m - 1] as string} ${y}`;
}
/** "a" or "an" before a word ("an engineer", "a novelist"). */
export function an(word: string): string {
  return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}
/** Noun for a work kind ("novel", "film", "album"). */
export function workNoun(w: Work): string {
  return w.kind === "book" ? "novel" : w.kind;
}
/** Role of a work's creator ("author", "director", "artist"). */
export function creatorRole(w: Work): string {
  return w.kind === "book" ? "author" : w.kind === "film" ? "director" : "artist";
}

/** Renders a link to an entity (the caller decides the URL form). */
export type EntityLink = (id: number) => string;

/** The lead facts of an entity's encyclopedia article as English sentences (HTML, with links). */
export function leadSentences(g: EntityGraph, e: Entity, link: EntityLink): string[] {
  const E = g.entities;
  switch (e.type) {
    case "person": {
      const out = [
        `<b>${e.name}</b> (born ${e.born}) is ${an(e.occupation)}.`,
        `${e.surname} was born in ${link(e.birthplace)} in ${e.born}.`,
        `${e.given} ${e.surname} is ${fmtHeight(e.height)} m tall.`,
      ];
      if (e.award !== null) out.push(`In ${e.awardYear}, ${e.surname} received the ${e.award}.`);
      for (const w of (g.creatorOf.get(e.id) ?? []).slice(0, 4)) {
        const work = E[w] as Work;
        out.push(`${e.surname} is known for the ${workNoun(work)} ${link(w)} (${work.year}).`);
      }
      for (const o of (g.founderOf.get(e.id) ?? []).slice(0, 3)) out.push(`In ${(E[o] as Org).founded}, ${e.surname} founded ${link(o)}.`);
      return out;
    }
    case "org": {
      return [
        `<b>${e.name}</b> is ${an(e.industry)} company headquartered in ${link(e.hq)}.`,
        `${e.name} was founded in ${e.founded} by ${link(e.founder)}.`,
        `As of 2024, the company employs ${fmtInt(e.employees)} people.`,
      ];
    }
    case "city": {
      const out = [
        `<b>${e.name}</b> is a city in ${link(e.country)}.`,
        `It has a population of ${fmtInt(e.population)} and an area of ${fmtArea(e.area)} km².`,
        `The city lies at an elevation of ${e.elevation} m above sea level.`,
      ];
      const born = (g.bornIn.get(e.id) ?? []).slice(0, 5);
      if (born.length > 0) out.push(`Notable people born in ${e.name} include ${born.map(link).join(", ")}.`);
      const based = (g.basedIn.get(e.id) ?? []).slice(0, 5);
      if (based.length > 0) out.push(`Companies based in ${e.name} include ${based.map(link).join(", ")}.`);
      for (const ev of (g.heldIn.get(e.id) ?? []).slice(0, 3)) out.push(`The city hosts the ${link(ev)}.`);
      return out;
    }
    case "country": {
      const out = [`<b>${e.name}</b> is a country with a population of ${fmtInt(e.population)} and an area of ${fmtArea(e.area)} km².`];
      const cities = (g.citiesOf.get(e.id) ?? []).slice(0, 6);
      if (cities.length > 0) out.push(`Its cities include ${cities.map(link).join(", ")}.`);
      return out;
    }
    case "work": {
      const verb =
        e.kind === "book"
          ? `a novel by ${link(e.creator)}, published in ${e.year}`
          : e.kind === "film"
            ? `a film directed by ${link(e.creator)}, released in ${e.year}`
            : `an album by ${link(e.creator)}, released in ${e.year}`;
      const out = [`<i><b>${e.name}</b></i> is ${verb}.`];
      if (e.award !== null) out.push(`It won the ${e.award} in ${e.awardYear}.`);
      return out;
    }
    case "event":
      return [`The <b>${e.name}</b> took place on ${fmtDate(e.year, e.month, e.day)} in ${link(e.location)}.`, `It was organised by ${link(e.organiser)}.`];
  }
}

/** Infobox rows (label, value HTML) of an entity. */
export function infoboxRows(g: EntityGraph, e: Entity, link: EntityLink): Array<[string, string]> {
  switch (e.type) {
    case "person": {
      const rows: Array<[string, string]> = [
        ["Born", `${e.born}, ${link(e.birthplace)}`],
        ["Occupation", e.occupation],
        ["Height", `${fmtHeight(e.height)} m`],
      ];
      if (e.award !== null) rows.push(["Awards", `${e.award} (${e.awardYear})`]);
      return rows;
    }
    case "org":
      return [
        ["Founded", String(e.founded)],
        ["Founder", link(e.founder)],
        ["Headquarters", link(e.hq)],
        ["Industry", e.industry],
        ["Employees", fmtInt(e.employees)],
      ];
    case "city":
      return [
        ["Country", link(e.country)],
        ["Population", fmtInt(e.population)],
        ["Area", `${fmtArea(e.area)} km²`],
        ["Elevation", `${e.elevation} m`],
      ];
    case "country":
      return [
        ["Population", fmtInt(e.population)],
        ["Area", `${fmtArea(e.area)} km²`],
      ];
    case "work":
      return [
        ["Type", workNoun(e)],
        [creatorRole(e).replace(/^./, (c) => c.toUpperCase()), link(e.creator)],
        ["Released", String(e.year)],
      ];
    case "event":
      return [
        ["Date", fmtDate(e.year, e.month, e.day)],
        ["Location", link(e.location)],
        ["Organiser", link(e.organiser)],
      ];
  }
}

/** A short, plain-text description used on news, blog and forum pages ("the novelist born in X"). */
export function describe(g: EntityGraph, e: Entity): string {
  const name = (id: number): string => (g.entities[id] as Entity).name;
  switch (e.type) {
    case "person":
      return `the ${e.occupation} born in ${name(e.birthplace)} in ${e.born}`;
    case "org":
      return `the ${e.industry} company founded by ${name(e.founder)} in ${e.founded}`;
    case "city":
      return `home to ${fmtInt(e.population)} residents`;
    case "country":
      return `a country of ${fmtInt(e.population)} people`;
    case "work":
      return `the ${e.year} ${workNoun(e)} by ${name(e.creator)}`;
    case "event":
      return `held in ${name(e.location)} on ${fmtDate(e.year, e.month, e.day)}`;
  }
}

/** Entities an entity points at (for "See also" and related links). */
export function neighbours(e: Entity): number[] {
  switch (e.type) {
    case "person":
      return [e.birthplace];
    case "org":
      return [e.founder, e.hq];
    case "city":
      return [e.country];
    case "country":
      return [];
    case "work":
      return [e.creator];
    case "event":
      return [e.location, e.organiser];
  }
}

/** Type guard helpers re-used by renderers. */
export function isPerson(e: Entity): e is Person {
  return e.type === "person";
}
/** True for cities. */
export function isCity(e: Entity): e is City {
  return e.type === "city";
}
