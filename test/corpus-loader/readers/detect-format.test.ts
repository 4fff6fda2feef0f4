import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { detectFormat } from "../../../corpus-loader/readers/detect-format.ts";
import { encodeWarcRecord, encodeWarcRecordGz } from "../../../corpus-loader/warc/warc-writer.ts";
import { pages, requestRecord, tmpDir, warcinfoRecord, writeTmp } from "../warc/make-warc.ts";

const FIXTURE = new URL("../../fixtures/pgdocs-small.warc.gz", import.meta.url).pathname;

describe("detectFormat()", () => {
  const dir = tmpDir();
  const conv = {
    type: "conversion" as const,
    targetUri: "http://x.org/",
    date: "2024-01-01T00:00:00Z",
    idSeed: "c",
    contentType: "text/plain",
    block: Buffer.from("text"),
  };

  it("recognises WARC (gzip or plain) and WET by the first non-warcinfo record, whatever the file name", async () => {
    expect(await detectFormat(FIXTURE)).toBe("warc");
    const info = warcinfoRecord();
    expect(await detectFormat(writeTmp(dir, "a.jsonl", Buffer.concat([info, conv].map(encodeWarcRecordGz))))).toBe("wet");
    expect(await detectFormat(writeTmp(dir, "b.wet", Buffer.concat([info, conv].map(encodeWarcRecord))))).toBe("wet");
    expect(await detectFormat(writeTmp(dir, "c.wet.gz", Buffer.concat([info, requestRecord("http://x.org/", "r"), ...pages(1)].map(encodeWarcRecordGz))))).toBe(
      "warc",
    );
  });

  it("recognises ARC files (plain or gzip) by their filedesc:// version block", async () => {
    const peers = new URL("../../fixtures/warc-peers/warcio/", import.meta.url).pathname;
    expect(await detectFormat(`${peers}example.arc`)).toBe("arc");
    expect(await detectFormat(`${peers}example.arc.gz`)).toBe("arc");
  });

  it("recognises Parquet and JSONL (plain or gzip)", async () => {
    expect(await detectFormat(writeTmp(dir, "d.bin", Buffer.from("PAR1\x15\x04junkPAR1")))).toBe("parquet");
    expect(await detectFormat(writeTmp(dir, "e.txt", Buffer.from('\n  {"id": 1, "text": "x"}\n')))).toBe("jsonl");
    expect(await detectFormat(writeTmp(dir, "f.gz", gzipSync('{"id":1}\n{"id":2}\n')))).toBe("jsonl");
  });

  it("throws UNKNOWN_FORMAT naming the file, FILE_NOT_FOUND for a missing one", async () => {
    const p = writeTmp(dir, "g.csv", Buffer.from("a,b\n1,2\n"));
    await expect(detectFormat(p)).rejects.toMatchObject({ code: "UNKNOWN_FORMAT", message: expect.stringContaining(p) });
    await expect(detectFormat(writeTmp(dir, "h.gz", gzipSync("plain words")))).rejects.toMatchObject({ code: "UNKNOWN_FORMAT" });
    await expect(detectFormat(writeTmp(dir, "empty", Buffer.alloc(0)))).rejects.toMatchObject({ code: "UNKNOWN_FORMAT" });
    await expect(detectFormat(`${dir}/missing.warc.gz`)).rejects.toMatchObject({ code: "FILE_NOT_FOUND" });
  });
});
