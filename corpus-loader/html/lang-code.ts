/** @module Language tags → ISO 639-1 codes (from `<html lang>`, WET `WARC-Identified-Content-Language`). */

/** ISO 639-3 / 639-2 (B and T) codes of languages that have an ISO 639-1 code, mapped to it. */
const THREE_TO_TWO: Readonly<Record<string, string>> = {
  afr: "af", amh: "am", ara: "ar", asm: "as", aze: "az", bak: "ba", bel: "be", ben: "bn", bod: "bo", tib: "bo",
  bos: "bs", bre: "br", bul: "bg", cat: "ca", ces: "cs", cze: "cs", cos: "co", cym: "cy", wel: "cy", dan: "da",
  deu: "de", ger: "de", div: "dv", ell: "el", gre: "el", eng: "en", epo: "eo", est: "et", eus: "eu", baq: "eu",
  fao: "fo", fas: "fa", per: "fa", fin: "fi", fra: "fr", fre: "fr", fry: "fy", gle: "ga", gla: "gd", glg: "gl",
  grn: "gn", guj: "gu", hat: "ht", hau: "ha", heb: "he", hin: "hi", hrv: "hr", hun: "hu", hye: "hy", arm: "hy",
  ibo: "ig", ina: "ia", ind: "id", isl: "is", ice: "is", ita: "it", jav: "jv", jpn: "ja", kal: "kl", kan: "kn",
  kat: "ka", geo: "ka", kaz: "kk", khm: "km", kin: "rw", kir: "ky", kor: "ko", kur: "ku", lao: "lo", lat: "la",
  lav: "lv", lin: "ln", lit: "lt", ltz: "lb", lug: "lg", mal: "ml", mar: "mr", mkd: "mk", mac: "mk", mlg: "mg",
  mlt: "mt", mon: "mn", mri: "mi", mao: "mi", msa: "ms", may: "ms", mya: "my", bur: "my", nep: "ne", nld: "nl",
  dut: "nl", nno: "nn", nob: "nb", nor: "no", oci: "oc", ori: "or", orm: "om", pan: "pa", pol: "pl", por: "pt",
  pus: "ps", que: "qu", roh: "rm", ron: "ro", rum: "ro", rus: "ru", san: "sa", sin: "si", slk: "sk", slo: "sk",
  slv: "sl", sme: "se", smo: "sm", sna: "sn", snd: "sd", som: "so", sot: "st", spa: "es", sqi: "sq", alb: "sq",
  srp: "sr", sun: "su", swa: "sw", swe: "sv", tam: "ta", tat: "tt", tel: "te", tgk: "tg", tgl: "tl", tha: "th",
  tir: "ti", ton: "to", tsn: "tn", tuk: "tk", tur: "tr", uig: "ug", ukr: "uk", urd: "ur", uzb: "uz", vie: "vi",
  wol: "wo", xho: "xh", yid: "yi", yor: "yo", zho: "zh", chi: "zh", zul: "zu", fil: "tl",
};

/**
 * A well-formed BCP 47 tag (RFC 5646 §2.1, `_` accepted for `-`): language, extlangs, script, region,
 * variants, extensions, private use. "UTF-8" is not one ("8" is no subtag), nor "windows-1252".
 */
const BCP47 =
  /^[a-z]{2,3}(?:-[a-z]{3}){0,3}(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[a-wyz\d](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?$/;

/** Charset names that pages put where a language belongs (`content-language="UTF"`). */
const NOT_LANGUAGES: ReadonlySet<string> = new Set(["utf"]);

/**
 * ISO 639-1 code for a language tag ("en-US" → "en", "eng" → "en", "zh-Hant-TW" → "zh"), or null when
 * the tag is empty, unknown, or not a well-formed language tag at all (a charset such as "UTF-8" in a
 * `<meta http-equiv="Content-Language">`). Two-letter primary subtags are trusted as they are;
 * three-letter ones are mapped when they have a 639-1 equivalent, else returned as is (e.g. "haw", "yue").
 * @example
 * toIso639_1("deu"); // "de"
 */
export function toIso639_1(tag: string | null | undefined): string | null {
  if (tag === null || tag === undefined) return null;
  const t = tag.trim().toLowerCase().replaceAll("_", "-");
  if (!BCP47.test(t)) return null;
  const primary = t.split("-", 1)[0] ?? "";
  if (NOT_LANGUAGES.has(primary)) return null;
  if (primary.length === 2) return primary;
  return THREE_TO_TWO[primary] ?? (primary === "und" || primary === "mul" || primary === "zxx" ? null : primary);
}
