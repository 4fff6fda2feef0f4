import { describe, expect, it } from "vitest";
import { toIso639_1 } from "../../../corpus-loader/html/lang-code.ts";

describe("toIso639_1()", () => {
  it("maps language tags to ISO 639-1", () => {
    expect(["en-US", "en_GB", "EN", "eng", "deu", "zh-Hant-TW", "sr-Latn-RS", "es-419", "de-DE-1996", "ja-JP-u-ca-japanese", " fr "].map(toIso639_1)).toEqual([
      "en",
      "en",
      "en",
      "en",
      "de",
      "zh",
      "sr",
      "es",
      "de",
      "ja",
      "fr",
    ]);
    expect(toIso639_1("haw")).toBe("haw");
  });

  it("refuses what is not a language tag: charsets in Content-Language (UTF-8 is not Ute), empty, und", () => {
    expect(["UTF-8", "utf8", "utf", "iso-8859-1", "windows-1252", "Japanese", "x-klingon", "", "und", "zxx"].map(toIso639_1)).toEqual(Array(10).fill(null));
    expect(toIso639_1(null)).toBeNull();
  });
});
