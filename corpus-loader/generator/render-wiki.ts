/** @module Encyclopedia pages: English articles, their mirrors, foreign-language versions, category hubs. */
import { stream } from "../../core/index.ts";
import type { Entity, Person } from "./entities.ts";
import { describe, fmtArea, fmtInt, infoboxRows, leadSentences, neighbours } from "./facts.ts";
import { a, paras, renderPage } from "./html-layout.ts";
import { bodyWords, foreignSentence, paragraphs } from "./prose.ts";
import { FOREIGN_LANGS, MIRROR_HOSTS, WIKI_HOST, urlOf, wikiUrl } from "./site-plan.ts";
import type { RenderedPage, WorldContext } from "./world-context.ts";
import { topicOf } from "./world-context.ts";
import { FOREIGN } from "./word-tables.ts";

const SECTION_TITLES: Record<Entity["type"], readonly string[]> = {
  person: ["Early life", "Career", "Personal life", "Legacy"],
  org: ["History", "Operations", "Ownership", "Reception"],
  city: ["History", "Geography", "Economy", "Culture"],
  country: ["History", "Geography", "Politics", "Economy"],
  work: ["Background", "Synopsis", "Production", "Reception"],
  event: ["Background", "Organisation", "Results", "Aftermath"],
};

const WIKI_NAV: Array<[string, string]> = [
  ["/wiki/Main_Page", "Main page"],
  ["/wiki/Special:Random", "Random article"],
  ["/wiki/Portal:Contents", "Contents"],
  ["/wiki/Help:Contents", "Help"],
];

/** Same-site wiki link (root-relative, as real wikis write them). */
function wikiLink(ctx: WorldContext, id: number): string {
  const e = ctx.g.entities[id] as Entity;
  return a(`/wiki/${e.slug}`, e.name);
}

interface ArticleParts {
  e: Entity;
  lead: string;
  infobox: string;
  sections: string[];
  seeAlso: string;
  categories: string;
}

/** The article body of entity `id`; identical for the wiki page and its mirrors (same stream). */
function articleParts(ctx: WorldContext, id: number): ArticleParts {
  const { g } = ctx;
  const e = g.entities[id] as Entity;
  const rng = stream(ctx.seed, "generator", "article", id);
  const link = (x: number): string => wikiLink(ctx, x);
  let lead = leadSentences(g, e, link).join(" ");
  if (e.type === "person") {
    const others = (g.bySurname.get(e.surname) ?? []).filter((x) => x !== id);
    if (others.length > 0) {
      const o = g.entities[rng.pick(others)] as Person;
      lead = `<div class="hatnote">Not to be confused with ${link(o.id)}, ${describe(g, o)}.</div>\n<p>${lead}</p>`;
    } else lead = `<p>${lead}</p>`;
  } else lead = `<p>${lead}</p>`;
  const rows = infoboxRows(g, e, link)
    .map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`)
    .join("");
  const infobox = `<table class="infobox"><caption>${e.name}</caption>${rows}</table>`;
  const topic = topicOf(
    ctx,
    id,
    neighbours(e).map((x) => (g.entities[x] as Entity).name),
  );
  const words = bodyWords(rng, 420);
  const titles = SECTION_TITLES[e.type];
  const nSections = 1 + Math.min(titles.length - 1, Math.floor(words / 250));
  const sections: string[] = [];
  for (let s = 0; s < nSections; s++) {
    sections.push(`<h2>${titles[s] as string}</h2>\n${paras(paragraphs(rng, ctx.vocab, Math.ceil(words / nSections), topic))}`);
  }
  const related = new Set<number>(neighbours(e));
  const sameType = g.byType[e.type];
  for (let k = 0; k < 4; k++) related.add(rng.pick(sameType));
  related.delete(id);
  const seeAlso = `<h2>See also</h2>\n<ul>${[...related].map((x) => `<li>${link(x)}</li>`).join("")}</ul>`;
  const cats: string[] = [];
  const catKeys =
    e.type === "person"
      ? [`born:${e.birthplace}`]
      : e.type === "org"
        ? [`based:${e.hq}`]
        : e.type === "city"
          ? [`cities:${e.country}`, `born:${e.id}`, `based:${e.id}`]
          : [];
  for (const key of catKeys) {
    const j = ctx.plan.categoryOf.get(key);
    if (j !== undefined) cats.push(a(urlOf(ctx.plan, g, "category", j).slice(`https://${WIKI_HOST}`.length), ctx.plan.categories[j]?.title ?? ""));
  }
  const categories = cats.length > 0 ? `<div class="catlinks">Categories: ${cats.join(" | ")}</div>` : "";
  return { e, lead, infobox, sections, seeAlso, categories };
}

/** The English encyclopedia page of entity `id` (page index `id` of kind wiki). */
export function renderWiki(ctx: WorldContext, id: number): RenderedPage {
  const p = articleParts(ctx, id);
  const e = p.e;
  const refs: string[] = [a(`https://www.worldcat-like.org/search?q=${e.slug}`, `Catalogue entry for ${e.name}`)];
  if (e.type === "org") {
    const r = ctx.plan.registryOf.get(e.id);
    if (r !== undefined) refs.push(a(urlOf(ctx.plan, ctx.g, "registry", r), "Official company registry record"));
  }
  const typeCrumb = { person: "People", org: "Organisations", city: "Places", country: "Places", work: "Works", event: "Events" }[e.type];
  const article =
    `<h1>${e.name}</h1>\n${p.infobox}\n${p.lead}\n${p.sections.join("\n")}\n${p.seeAlso}\n` +
    `<h2>External links</h2>\n<ul>${refs.map((r) => `<li>${r}</li>`).join("")}</ul>\n${p.categories}`;
  return {
    status: 200,
    location: null,
    lang: "en",
    html: renderPage({
      lang: "en",
      title: `${e.name} - Wikiverse`,
      site: "Wikiverse",
      nav: WIKI_NAV,
      crumbs: [
        ["/wiki/Main_Page", "Wikiverse"],
        [`/wiki/Portal:${typeCrumb}`, typeCrumb],
        [null, e.name],
      ],
      article,
      canonical: wikiUrl(ctx.g, id),
    }),
  };
}

/** A near-duplicate of an encyclopedia article on a mirror site (different chrome, last section dropped). */
export function renderMirror(ctx: WorldContext, j: number): RenderedPage {
  const id = ctx.plan.subject.mirror[j] as number;
  const p = articleParts(ctx, id);
  const host = MIRROR_HOSTS[j % 2] as string;
  const sections = p.sections.length > 1 ? p.sections.slice(0, -1) : p.sections;
  const article =
    `<h1>${p.e.name}</h1>\n<p class="notice">This article is mirrored from ${a(wikiUrl(ctx.g, id), "Wikiverse")}` +
    ` and may be out of date.</p>\n${p.infobox}\n${p.lead.replace(/href="\/wiki\//g, `href="https://${WIKI_HOST}/wiki/`)}\n` +
    `${sections.join("\n")}\n<p class="ad">Advertisement</p>`;
  return {
    status: 200,
    location: null,
    lang: "en",
    html: renderPage({
      lang: "en",
      title: `${p.e.name} | ${host}`,
      site: host,
      nav: [
        ["/", "Home"],
        ["/a/", "All articles"],
      ],
      crumbs: [
        ["/", "Home"],
        [null, p.e.name],
      ],
      article,
    }),
  };
}

const FOREIGN_LABELS = {
  de: { born: "Geboren", founded: "Gegründet", pop: "Einwohner", area: "Fläche", year: "Jahr", see: "Siehe auch", en: "Englische Version" },
  fr: { born: "Naissance", founded: "Fondation", pop: "Population", area: "Superficie", year: "Année", see: "Voir aussi", en: "Version anglaise" },
  es: { born: "Nacimiento", founded: "Fundación", pop: "Población", area: "Superficie", year: "Año", see: "Véase también", en: "Versión inglesa" },
} as const;

/** The foreign-language fact sentence of an entity. */
function foreignFact(lang: "de" | "fr" | "es", ctx: WorldContext, e: Entity, link: (id: number) => string): string {
  const n = (x: number): string => link(x);
  const pop = (v: number): string =>
    lang === "de" ? fmtInt(v).replace(/,/g, ".") : lang === "fr" ? fmtInt(v).replace(/,/g, " ") : fmtInt(v).replace(/,/g, ".");
  const months = (FOREIGN.find((f) => f.lang === lang) ?? FOREIGN[0])!.months;
  switch (e.type) {
    case "person":
      return {
        de: `${e.name} wurde ${e.born} in ${n(e.birthplace)} geboren.`,
        fr: `${e.name} est né en ${e.born} à ${n(e.birthplace)}.`,
        es: `${e.name} nació en ${e.born} en ${n(e.birthplace)}.`,
      }[lang];
    case "org":
      return {
        de: `${e.name} wurde ${e.founded} von ${n(e.founder)} gegründet und hat seinen Sitz in ${n(e.hq)}.`,
        fr: `${e.name} a été fondée en ${e.founded} par ${n(e.founder)} et son siège est à ${n(e.hq)}.`,
        es: `${e.name} fue fundada en ${e.founded} por ${n(e.founder)} y tiene su sede en ${n(e.hq)}.`,
      }[lang];
    case "city":
      return {
        de: `${e.name} ist eine Stadt in ${n(e.country)} mit ${pop(e.population)} Einwohnern.`,
        fr: `${e.name} est une ville de ${n(e.country)} qui compte ${pop(e.population)} habitants.`,
        es: `${e.name} es una ciudad de ${n(e.country)} con ${pop(e.population)} habitantes.`,
      }[lang];
    case "country":
      return {
        de: `${e.name} ist ein Staat mit ${pop(e.population)} Einwohnern.`,
        fr: `${e.name} est un pays de ${pop(e.population)} habitants.`,
        es: `${e.name} es un país con ${pop(e.population)} habitantes.`,
      }[lang];
    case "work":
      return {
        de: `${e.name} ist ein Werk von ${n(e.creator)} aus dem Jahr ${e.year}.`,
        fr: `${e.name} est une œuvre de ${n(e.creator)} parue en ${e.year}.`,
        es: `${e.name} es una obra de ${n(e.creator)} publicada en ${e.year}.`,
      }[lang];
    case "event": {
      const m = months[e.month - 1] as string;
      return {
        de: `${e.name} fand am ${e.day}. ${m} ${e.year} in ${n(e.location)} statt.`,
        fr: `${e.name} a eu lieu le ${e.day} ${m} ${e.year} à ${n(e.location)}.`,
        es: `${e.name} se celebró el ${e.day} de ${m} de ${e.year} en ${n(e.location)}.`,
      }[lang];
    }
  }
}

/** A German, French or Spanish encyclopedia page (`lang` attribute set; text from small word tables). */
export function renderForeign(ctx: WorldContext, j: number): RenderedPage {
  const lang = FOREIGN_LANGS[j % 3] as "de" | "fr" | "es";
  const id = ctx.plan.subject.foreign[j] as number;
  const e = ctx.g.entities[id] as Entity;
  const rng = stream(ctx.seed, "generator", "page", "foreign", j);
  const table = (FOREIGN.find((f) => f.lang === lang) ?? FOREIGN[0])!;
  const L = FOREIGN_LABELS[lang];
  const link = (x: number): string => a(wikiUrl(ctx.g, x), (ctx.g.entities[x] as Entity).name);
  const mentions = [e.name];
  const ps: string[] = [foreignFact(lang, ctx, e, link)];
  const n = Math.max(3, Math.round(bodyWords(rng, 250) / 60));
  for (let k = 0; k < n; k++) {
    const s: string[] = [];
    for (let q = 0; q < 3 + rng.int(4); q++) s.push(foreignSentence(rng, table.words, mentions));
    ps.push(s.join(" "));
  }
  const rows: string[] = [];
  if (e.type === "person") rows.push(`<tr><th>${L.born}</th><td>${e.born}</td></tr>`);
  if (e.type === "org") rows.push(`<tr><th>${L.founded}</th><td>${e.founded}</td></tr>`);
  if (e.type === "city" || e.type === "country") {
    rows.push(`<tr><th>${L.pop}</th><td>${fmtInt(e.population)}</td></tr><tr><th>${L.area}</th><td>${fmtArea(e.area)} km²</td></tr>`);
  }
  if (e.type === "work" || e.type === "event") rows.push(`<tr><th>${L.year}</th><td>${e.year}</td></tr>`);
  const see = neighbours(e)
    .map((x) => `<li>${link(x)}</li>`)
    .join("");
  const article =
    `<h1>${e.name}</h1>\n<table class="infobox">${rows.join("")}</table>\n${paras(ps)}\n` +
    `<h2>${L.see}</h2>\n<ul>${see}<li>${a(wikiUrl(ctx.g, id), L.en)}</li></ul>`;
  return {
    status: 200,
    location: null,
    lang,
    html: renderPage({
      lang,
      title: `${e.name} – Wikiverse`,
      site: "Wikiverse",
      nav: WIKI_NAV.slice(0, 2),
      crumbs: [
        ["/wiki/Main_Page", "Wikiverse"],
        [null, e.name],
      ],
      article,
    }),
  };
}

/** A category hub page listing its member articles. */
export function renderCategory(ctx: WorldContext, j: number): RenderedPage {
  const c = ctx.plan.categories[j];
  if (c === undefined) throw new RangeError(`category ${j} does not exist`);
  const items = c.members
    .slice(0, 200)
    .map((x) => `<li>${wikiLink(ctx, x)}</li>`)
    .join("");
  const article = `<h1>Category: ${c.title}</h1>\n<p>The following ${c.members.length} pages are in this category.</p>\n<ul class="category-list">${items}</ul>`;
  return {
    status: 200,
    location: null,
    lang: "en",
    html: renderPage({
      lang: "en",
      title: `Category:${c.title} - Wikiverse`,
      site: "Wikiverse",
      nav: WIKI_NAV,
      crumbs: [
        ["/wiki/Main_Page", "Wikiverse"],
        ["/wiki/Portal:Categories", "Categories"],
        [null, c.title],
      ],
      article,
    }),
  };
}
