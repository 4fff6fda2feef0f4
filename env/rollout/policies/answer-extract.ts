/** @module Question patterns and answer-span extractors of the scripted policy (no model, pure regexes). */

/** How to answer one kind of question: the word to `find` on a page and how to pull the answer span. */
export interface AnswerRule {
  name: string;
  /** Word to look for with `find` on an opened page. */
  keyword: string;
  /** Extracts the answer from cleaned page text, or null. */
  extract(text: string, subject: string): string | null;
}

const YEAR = "((?:1[0-9]|20)[0-9]{2})";
const CAP = "((?:[A-Z][\\p{L}'’.-]*)(?:\\s+(?:(?:of|the|de|la|von|van|and|&)\\s+)?[A-Z][\\p{L}'’.-]*)*)";
const NUM = "([0-9][0-9,]*(?:\\.[0-9]+)?)";
const MONTHS = "(?:January|February|March|April|May|June|July|August|September|October|November|December)";
const DATE = `([0-9]{1,2} ${MONTHS} ${YEAR.slice(1, -1)})`;

/** The first capture of `pattern` near `subject` when possible (same sentence), else anywhere in `text`. */
function near(text: string, pattern: string, subject: string): string | null {
  const re = new RegExp(pattern, "gu");
  const sentences = text.split(/(?<=[.!?])\s+/);
  const subj = subject
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 2);
  let fallback: string | null = null;
  for (const s of sentences) {
    re.lastIndex = 0;
    const m = re.exec(s);
    if (!m) continue;
    const value = (m.slice(1).find((g) => g !== undefined) ?? "").trim().replace(/[.,;:]+$/, "");
    if (value === "") continue;
    const lower = s.toLowerCase();
    if (subj.length === 0 || subj.some((w) => lower.includes(w))) return value;
    fallback ??= value;
  }
  return fallback;
}

function rule(name: string, keyword: string, ...patterns: string[]): AnswerRule {
  return {
    name,
    keyword,
    extract: (text, subject) => {
      for (const p of patterns) {
        const v = near(text, p, subject);
        if (v !== null) return v;
      }
      return null;
    },
  };
}

/** Question pattern → rule, first match wins. Generalises the generated world's single-fact questions. */
const RULES: ReadonlyArray<[RegExp, AnswerRule]> = [
  [/\b(what|which) date\b|\bon what day\b/i, rule("date", "took place", `(?:on|Date)\\s+${DATE}`, DATE)],
  [/\bwhen did .* take place\b/i, rule("date", "took place", `on\\s+${DATE}`, DATE)],
  [/\b(year|when)\b.*\bfounded\b/i, rule("founded_year", "founded", `founded in ${YEAR}`, `Founded\\s+${YEAR}`, `In ${YEAR}, .* founded`)],
  [/\b(year|when)\b.*\bborn\b/i, rule("born_year", "born", `born(?: in [^.]*?)? (?:in )?${YEAR}`, `\\(born ${YEAR}\\)`, `Born\\s+${YEAR}`)],
  [
    /\b(year|when)\b.*\b(published|released|written|directed|recorded)\b/i,
    rule("work_year", "released", `(?:published|released) in ${YEAR}`, `Released\\s+${YEAR}`, `\\(${YEAR}\\)`),
  ],
  [/\b(year|when)\b.*\b(receive|won|win|award)/i, rule("award_year", "received", `In ${YEAR}, [^.]* received`, `won the [^.]* in ${YEAR}`, `\\(${YEAR}\\)`)],
  [
    /\bwhere was .* born\b|\bbirthplace\b|\bin which (city|town) was .* born\b/i,
    rule("birthplace", "born in", `born in ${CAP}`, `Born\\s+[0-9]{4},\\s+${CAP}`),
  ],
  [/\bheadquarter|\bbased\b/i, rule("hq", "headquartered", `headquartered in ${CAP}`, `Headquarters\\s+${CAP}`)],
  [
    /\bwhere did .* take place\b|\bin which city (was|did) .* (held|take place)\b/i,
    rule("location", "took place", `took place on [^.]*? in ${CAP}`, `Location\\s+${CAP}`),
  ],
  [/\bwho founded\b|\bfounder\b/i, rule("founder", "founded by", `founded (?:in [0-9]{4} )?by ${CAP}`, `Founder\\s+${CAP}`)],
  [
    /\bwho (directed|wrote|created|recorded|made|authored)\b|\b(director|author|artist)\b/i,
    rule("creator", " by ", `(?:directed|novel|album|film|written) by ${CAP}`, `(?:Director|Author|Artist)\\s+${CAP}`),
  ],
  [/\bwho organi[sz]ed\b|\borgani[sz]er\b/i, rule("organiser", "organised by", `organi[sz]ed by ${CAP}`, `Organiser\\s+${CAP}`)],
  [/\b(what|which) award\b|\bwhich prize\b/i, rule("award", "received", `received the ${CAP}`, `won the ${CAP}`, `Awards\\s+${CAP}`)],
  [/\bhow tall\b|\bheight\b/i, rule("height", "tall", `is ${NUM} m tall`, `Height\\s+${NUM}`)],
  [/\bpopulation\b|\bhow many (people|residents|inhabitants) live\b/i, rule("population", "population", `population of ${NUM}`, `Population\\s+${NUM}`)],
  [/\bhow many (people|employees|staff)\b|\bemploy/i, rule("employees", "employs", `employs ${NUM}`, `Employees\\s+${NUM}`)],
  [/\barea\b|\bhow (big|large)\b/i, rule("area", "area", `area of ${NUM}`, `Area\\s+${NUM}`)],
  [/\belevation\b|\bhow high\b|\baltitude\b/i, rule("elevation", "elevation", `elevation of ${NUM}`, `Elevation\\s+${NUM}`)],
  [/\b(which|what) country\b|\bin which country\b/i, rule("country", "city in", `is a city in ${CAP}`, `Country\\s+${CAP}`)],
  [
    /\boccupation\b|\bwhat (does|did) .* do\b|\bprofession\b/i,
    rule("occupation", "is a", `\\) is an? ([a-z]+(?: [a-z]+)?)\\.`, `Occupation\\s+([a-z]+(?: [a-z]+)?)`),
  ],
  [/\bindustry\b/i, rule("industry", "company", `is an? ([a-z]+(?: [a-z]+)?) company`, `Industry\\s+([a-z]+(?: [a-z]+)?)`)],
];

/** Generic rule for any other question: a year when it asks "when"/"year", else a capitalised span after the verb. */
function genericRule(question: string): AnswerRule {
  if (/\b(year|when)\b/i.test(question)) return rule("year", "in", YEAR);
  if (/\bhow (many|much)\b/i.test(question)) return rule("number", "", NUM);
  const verb = /\b(?:was|is|were|are|did|does)\s+.+?\s+([a-z]{3,})\??$/i.exec(question)?.[1];
  return verb ? rule("after_verb", verb, `${verb}\\w* (?:in |by |at |on )?${CAP}`) : rule("capitalised", "", CAP);
}

/** The rule for a question. */
export function ruleFor(question: string): AnswerRule {
  for (const [re, r] of RULES) if (re.test(question)) return r;
  return genericRule(question);
}

const QUESTION_WORDS = new Set(
  (
    "what which who whom whose where when why how in on at of the a an is was were are did does do year date city town " + "country for by to from many much"
  ).split(" "),
);

/**
 * A search query from a question: its words minus question words and stopwords, punctuation dropped.
 * @example
 * searchQuery("In what year was Vexa Corp founded?"); // "Vexa Corp founded"
 */
export function searchQuery(question: string): string {
  const words = question
    .replace(/[?!.,;:"“”]/g, " ")
    .split(/\s+/)
    .filter((w) => w !== "" && !QUESTION_WORDS.has(w.toLowerCase()));
  return (words.length > 0 ? words : question.split(/\s+/)).join(" ").slice(0, 300);
}

/**
 * The question's subject: its longest run of capitalised words (not counting the first word), used to
 * prefer sentences and pages about it.
 */
export function subjectOf(question: string): string {
  const words = question
    .replace(/[?!.,;:"“”]/g, " ")
    .split(/\s+/)
    .filter((w) => w !== "");
  let best: string[] = [];
  let run: string[] = [];
  words.forEach((w, i) => {
    const cap = /^[A-Z0-9]/.test(w) && !(i === 0 && QUESTION_WORDS.has(w.toLowerCase()));
    if (cap || (run.length > 0 && /^(of|the|de|and|&)$/.test(w))) run.push(w);
    else run = [];
    if (run.length > best.length) best = [...run];
  });
  while (best.length > 0 && /^(of|the|de|and|&)$/.test(best[best.length - 1] as string)) best.pop();
  return best.join(" ");
}

/**
 * Page or result text as plain prose: drops `L{n}: ` line prefixes, headers and scrollbars, rejoins
 * wrapped lines, and reduces link markers `【id†anchor(†domain)】` to their anchor.
 */
export function cleanObservation(text: string): string {
  return text
    .split("\n")
    .filter((l) => !/^\[\d+\] /.test(l) && !/^\*\*viewing lines/.test(l) && !/^# 【\d+†match at/.test(l))
    .map((l) => l.replace(/^L\d+: /, ""))
    .join(" ")
    .replace(/【\d+†([^†】]*)(?:†[^】]*)?】/g, "$1")
    .replace(/\*\*/g, "")
    .replace(/\s+/g, " ")
    .trim();
}
