/** @module Fixed word and syllable tables the generator builds names and prose from. */

/** Common English words, most frequent first (they take the head of the Zipf vocabulary). */
export const COMMON_WORDS: readonly string[] = (
  "the of and to a in is that for it as was with be by on not he this are or his from at which but have an " +
  "they you were her she there been one all we their has would when if so no more out up what about into " +
  "them can only other time new some could these two may first then do any like my now over such our man me " +
  "even most made after also did many before must through back years where much your way well down should " +
  "because each just those people how too little state good very make world still own see men work long get " +
  "here between both life being under never day same another know while last might us great old year off " +
  "come since against go came right used take three himself few house use during without again place around " +
  "however home small found thought went say part once general high upon school every does got united left " +
  "number course war until always away something fact though water less public put think almost hand enough " +
  "far took head yet government system better set told nothing night end why called didn't eyes find going " +
  "look asked later knew point next program city business give group toward young days let room president " +
  "side social given present several order national possible rather second face per among form important " +
  "often things looked early white case john become large big need four within felt along children saw best " +
  "church ever least power development light thing seemed family interest want members mind country area " +
  "others done turned although open god service certain kind problem began different door thus help means " +
  "sense whole matter perhaps itself york times law human line above name example action company local show " +
  "whether five history gave today either act feet across taken past quite anything having seen death " +
  "experience body half really word field car words already themselves information tell together college " +
  "shall money period held keep sure real probably free seems political cannot behind miss question air office " +
  "making brought whose special heard major problems ago became federal moment study available known result " +
  "street economic boy position reason change south board individual job society areas west close turn love " +
  "community true court force full seem am age policy everything wife music building report season market " +
  "river village museum station bridge harbour valley garden library theatre festival album novel film story " +
  "season team league record studio gallery island coast winter summer spring autumn morning evening road"
).split(" ");

/** Syllables for pseudo-words (tail of the vocabulary) and invented names. */
export const ONSETS: readonly string[] = [
  "b",
  "br",
  "c",
  "ch",
  "cl",
  "d",
  "dr",
  "f",
  "fl",
  "g",
  "gr",
  "h",
  "j",
  "k",
  "kr",
  "l",
  "m",
  "n",
  "p",
  "pr",
  "qu",
  "r",
  "s",
  "sh",
  "st",
  "t",
  "th",
  "tr",
  "v",
  "w",
  "z",
  "sk",
  "pl",
  "gl",
  "",
];
/** Vowel nuclei for pseudo-words. */
export const VOWELS: readonly string[] = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "io", "y", "ae", "ei"];
/** Syllable codas for pseudo-words. */
export const CODAS: readonly string[] = ["", "", "", "n", "r", "l", "s", "th", "nd", "rk", "st", "m", "x", "v", "sh"];

/** Capitalised name stems (first part of surnames, cities, organisations). */
export const NAME_STEMS: readonly string[] = [
  "Mer",
  "Dra",
  "Kel",
  "Ash",
  "Quil",
  "Vor",
  "Tam",
  "Bel",
  "Cor",
  "Dun",
  "Fen",
  "Gal",
  "Har",
  "Ist",
  "Jor",
  "Kar",
  "Lun",
  "Mal",
  "Nor",
  "Ost",
  "Pel",
  "Rav",
  "Sel",
  "Tor",
  "Ul",
  "Val",
  "Wes",
  "Yar",
  "Zen",
  "Bran",
  "Cal",
  "Del",
  "Eld",
  "Fal",
  "Gor",
  "Hel",
  "Ith",
  "Lor",
  "Mor",
  "Nev",
  "Or",
  "Par",
  "Ros",
  "Sar",
  "Tel",
  "Ver",
  "Wyn",
  "Ald",
  "Bar",
  "Cren",
  "Dor",
  "Esk",
  "Fir",
  "Gil",
  "Hal",
  "Kin",
  "Lam",
  "Mar",
  "Nim",
  "Oak",
];
/** Middle syllables of names. */
export const NAME_MIDS: readonly string[] = [
  "a",
  "e",
  "i",
  "o",
  "an",
  "en",
  "in",
  "on",
  "ar",
  "er",
  "ol",
  "el",
  "ith",
  "am",
  "ev",
  "av",
  "or",
  "ul",
  "is",
  "et",
  "ad",
  "ov",
  "ir",
  "ur",
  "",
];
/** Surname endings. */
export const SURNAME_ENDS: readonly string[] = [
  "volt",
  "son",
  "ley",
  "mann",
  "ova",
  "ez",
  "ski",
  "ton",
  "berg",
  "ford",
  "wick",
  "ard",
  "elli",
  "stone",
  "field",
  "more",
  "worth",
  "ridge",
  "ling",
  "hart",
  "strom",
  "ino",
  "ani",
  "dale",
  "croft",
  "ner",
  "by",
];
/** City endings. */
export const CITY_ENDS: readonly string[] = [
  "port",
  "ford",
  "heim",
  "ville",
  "burg",
  "mouth",
  "dale",
  "stad",
  "ona",
  "haven",
  "bridge",
  "field",
  "minster",
  "gate",
  "wick",
  "holm",
  "caster",
  "ton",
  "ia",
  "ora",
];
/** Country endings. */
export const COUNTRY_ENDS: readonly string[] = ["ia", "land", "istan", "ora", "ovia", "essa", "mark", "avia"];
/** Given-name first syllables. */
export const GIVEN_STARTS: readonly string[] = [
  "Mar",
  "El",
  "Tor",
  "Is",
  "Jo",
  "Ka",
  "Lu",
  "Ber",
  "An",
  "Vi",
  "Os",
  "Ed",
  "Fre",
  "Ro",
  "Sa",
  "Ga",
  "Da",
  "Ni",
  "Ha",
  "Li",
  "Mi",
  "Te",
  "Al",
  "Ce",
  "Do",
  "Er",
  "Fa",
  "Gi",
  "Ie",
  "Le",
  "Ma",
  "Ne",
  "Pa",
  "Re",
  "Se",
];
/** Given-name endings. */
export const GIVEN_ENDS: readonly string[] = [
  "ven",
  "la",
  "ric",
  "a",
  "in",
  "o",
  "id",
  "eth",
  "mund",
  "ine",
  "el",
  "ara",
  "us",
  "on",
  "ette",
  "ia",
  "da",
  "lo",
  "ren",
  "na",
  "bert",
  "ilde",
  "ias",
  "ora",
  "an",
];
/** Initials used as middle initials. */
export const INITIALS = "ABCDEFGHJKLMNPRSTVW";

/** Organisation kinds: name suffix and industry. */
export const ORG_KINDS: ReadonlyArray<readonly [string, string]> = [
  ["Systems", "software"],
  ["Holdings", "investment"],
  ["Records", "record label"],
  ["Foods", "food processing"],
  ["Motors", "automotive"],
  ["Pharmaceuticals", "pharmaceutical"],
  ["Bank", "banking"],
  ["Airlines", "aviation"],
  ["Studios", "film production"],
  ["Labs", "research"],
  ["Publishing", "publishing"],
  ["Energy", "energy"],
  ["Logistics", "logistics"],
  ["Textiles", "textile"],
  ["Robotics", "robotics"],
  ["Brewing", "brewing"],
];
/** Occupations of people. */
export const OCCUPATIONS: readonly string[] = [
  "novelist",
  "film director",
  "composer",
  "architect",
  "engineer",
  "chemist",
  "entrepreneur",
  "painter",
  "politician",
  "economist",
  "singer",
  "physicist",
  "historian",
  "photographer",
  "journalist",
  "poet",
];
/** Invented awards. */
export const AWARDS: readonly string[] = [
  "Orvelle Prize",
  "Castamir Medal",
  "Golden Lyre Award",
  "Halvard Fellowship",
  "Silver Compass Award",
  "Ember Crown Prize",
  "Verelian Medal of Honour",
  "Northgate Book Prize",
  "Aurel Film Award",
  "Quillon Prize",
];
/** Words for work titles. */
export const TITLE_ADJECTIVES: readonly string[] = [
  "Silent",
  "Broken",
  "Hidden",
  "Last",
  "Golden",
  "Distant",
  "Crimson",
  "Quiet",
  "Wandering",
  "Forgotten",
  "Bright",
  "Hollow",
  "Northern",
  "Burning",
  "Frozen",
  "Secret",
  "Endless",
  "Little",
  "Lost",
  "Velvet",
  "Iron",
  "Paper",
  "Glass",
  "Wild",
  "Winter",
  "Midnight",
  "Restless",
  "Salt",
  "Amber",
  "Falling",
];
/** Nouns for work titles. */
export const TITLE_NOUNS: readonly string[] = [
  "Harbour",
  "Garden",
  "Kingdom",
  "River",
  "Mirror",
  "Orchard",
  "Lantern",
  "Tide",
  "Station",
  "Letter",
  "Summer",
  "Crossing",
  "Archive",
  "Island",
  "Voyage",
  "Machine",
  "Meadow",
  "Tower",
  "Daughter",
  "Witness",
  "Shore",
  "Signal",
  "Season",
  "Bridge",
  "Empire",
  "Circle",
  "Engine",
  "Harvest",
  "Frontier",
  "Echo",
];
/** Event kinds (name suffixes). */
export const EVENT_KINDS: readonly string[] = [
  "Marathon",
  "Jazz Festival",
  "Summit",
  "Film Festival",
  "Chess Open",
  "Science Fair",
  "Regatta",
  "Book Fair",
  "Trade Expo",
  "Peace Conference",
  "Folk Festival",
  "Robotics Challenge",
];
/** English month names. */
export const MONTHS: readonly string[] = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** Small tables for the non-English pages. */
export interface ForeignTable {
  lang: "de" | "fr" | "es";
  words: readonly string[];
  months: readonly string[];
}

/** German, French and Spanish filler words (most frequent first) and month names. */
export const FOREIGN: readonly ForeignTable[] = [
  {
    lang: "de",
    words: (
      "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus " +
      "er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber " +
      "vor zur bis mehr durch man sein wurde sei Stadt Jahr Zeit Land Geschichte Leben Werk später heute viele " +
      "große neue ersten Jahren Menschen Gebiet Kirche Fluss Straße Schule Musik Buch Welt Teil Bau Hafen"
    ).split(" "),
    months: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
  },
  {
    lang: "fr",
    words: (
      "de la le et les des en un du une que est pour qui dans par plus pas au sur ne se il sont ce avec elle " +
      "mais comme ou tout nous leur son sa ses aux été fait ville année temps pays histoire vie œuvre plus " +
      "tard aujourd'hui nombreux grande nouvelle premier ans gens région église fleuve rue école musique livre " +
      "monde partie port pont château musée siècle"
    ).split(" "),
    months: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
  },
  {
    lang: "es",
    words: (
      "de la que el en y a los se del las un por con no una su para es al lo como más pero sus le ya o fue " +
      "este ha sí porque esta son entre cuando muy sin sobre también me hasta hay donde ciudad año tiempo país " +
      "historia vida obra después hoy muchos gran nueva primer años gente región iglesia río calle escuela " +
      "música libro mundo parte puerto puente museo siglo"
    ).split(" "),
    months: ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
  },
];
