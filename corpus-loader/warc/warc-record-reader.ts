/** @module Streams the records of a WARC or ARC file (gzip per record, whole-file gzip or plain), resynchronising past corruption. */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { LoaderError } from "../errors.ts";
import type { ReadEvent, SkipReason } from "../types.ts";
import { createArcSplitter, isArcStart } from "./arc-splitter.ts";
import { ByteWindow } from "./byte-window.ts";
import { inflateGzipMember, isGzipMagic } from "./gzip-member.ts";
import { warcSplitter, type RecordSplitter, type SplitRecord, type SplitStep } from "./record-splitter.ts";

/**
 * One record: `version` ("1.0", "1.1", "0.18"; "ARC/1" for ARC), `type` (WARC-Type lowercased:
 * "response", "request", "warcinfo", "conversion"...), `headers`, `block` (Content-Length bytes: for
 * `response`, the raw HTTP response), `truncated` (the input ended inside the block).
 */
export interface WarcRecord extends SplitRecord {
  /** Offset of the gzip member the record starts in, or of the record itself when plain. */
  offset: number;
}

/** A record that could not be read, with where it was. */
export type WarcSkipEvent = Extract<ReadEvent, { kind: "skip" }>;

/** What {@link readWarcRecords} yields. */
export type WarcReadEvent = { kind: "record"; record: WarcRecord } | WarcSkipEvent;

/** Options of {@link readWarcRecords}. */
export interface WarcReaderOptions {
  /** Largest record (decompressed) or gzip member accepted; bigger ones are skipped. Default 512 MiB. */
  maxRecordBytes?: number;
  /** Read chunk size. Default 1 MiB. */
  chunkSize?: number;
  /**
   * Only the records of a byte range of a gzip-per-record file (for reading one file in parallel):
   * those whose gzip member starts in `[start, end)`. Reading begins at the first member at or after
   * `start` that inflates (CRC checked) to a record start and stops before the first such member at or
   * after `end`, so consecutive ranges give exactly the records of the whole file, each once.
   */
  range?: ByteRange;
}

/** A byte range of an input file, `[start, end)`. */
export interface ByteRange {
  start: number;
  end: number;
}

const DEFAULT_MAX = 512 * 1024 * 1024;

/**
 * Yields every record of a WARC file (WARC/0.18 to 1.1; CRLF, LF or CR CR LF line endings; one, two
 * or no line breaks after a block) or an ARC file (detected from its `filedesc://` version block),
 * streaming. Gzip is detected from the magic bytes: then each gzip member is inflated on its own and a
 * record's `offset` is the offset of the member it starts in (seek there, gunzip, get the record); a
 * record split over several members (a member that does not start a record continues the one before)
 * is joined. Bad input never throws: a garbled member, garbage between records, a wrong Content-Length
 * or a missing WARC-Type/Content-Length yields a skip event (file, offset, reason) and reading resumes
 * at the next gzip member / next `WARC/` line. A Content-Length that ends before the record does keeps
 * the record (as warcio and pywb do) and reports the bytes after it; input that ends inside a record
 * (a clipped file, a truncated last member) keeps what is there as a `truncated` record and reports it.
 * @throws LoaderError FILE_NOT_FOUND when the file does not exist.
 * @example
 * for await (const ev of readWarcRecords("crawl.warc.gz")) {
 *   if (ev.kind === "record" && ev.record.type === "response") console.log(ev.record.headers.get("WARC-Target-URI"));
 * }
 */
export async function* readWarcRecords(path: string, opts: WarcReaderOptions = {}): AsyncGenerator<WarcReadEvent> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (err) {
    throw new LoaderError("FILE_NOT_FOUND", `WARC file not found: ${path}`, { cause: err });
  }
  const stream = createReadStream(path, { highWaterMark: opts.chunkSize ?? 1 << 20, start: opts.range?.start ?? 0 });
  try {
    yield* readWarcRecordsFrom(stream, path, opts, size);
  } finally {
    stream.destroy();
  }
}

/**
 * Same as {@link readWarcRecords} over any async byte source; `file` only labels skip events.
 * `sourceSize`, when known, lets a plain file reject an impossible Content-Length without buffering.
 */
export async function* readWarcRecordsFrom(
  source: AsyncIterable<Uint8Array>,
  file: string,
  opts: WarcReaderOptions = {},
  sourceSize = Number.MAX_SAFE_INTEGER,
): AsyncGenerator<WarcReadEvent> {
  const range = opts.range;
  const win = new ByteWindow(source, range?.start ?? 0);
  const max = opts.maxRecordBytes ?? DEFAULT_MAX;
  try {
    await win.ensure(16);
    if (range !== undefined && range.start > 0) {
      if (await seekRecordMember(win, max)) yield* readGzip(win, file, max, range.end);
    } else if (range !== undefined) {
      yield* readGzip(win, file, max, range.end);
    } else if (isGzipMagic(win.view())) yield* readGzip(win, file, max);
    else yield* readPlain(win, file, max, sourceSize);
  } finally {
    await win.close();
  }
}

function skip(reason: SkipReason, file: string, offset: number, message: string): WarcSkipEvent {
  return { kind: "skip", reason, file, offset, message };
}

const bytes = (n: number): string => `${n} byte${n === 1 ? "" : "s"}`;

/** Bytes wanted after a block in a plain stream before judging where the record ends. */
const LOOKAHEAD = 32;

/** Turns split steps into events, garbage runs coalesced into one skip each. */
class EventMaker {
  private garbageAt = -1;
  private garbageBytes = 0;
  /** Set after a skip: the garbage right after it is part of that skip. */
  private quiet = false;
  private readonly file: string;
  constructor(file: string) {
    this.file = file;
  }

  /** Events of one step found at absolute `offset`; `quietTruncation` drops the report of a truncated record. */
  *events(step: SplitStep, offset: number, block: Buffer | null, quietTruncation = false): Generator<WarcReadEvent> {
    if (step.kind === "garbage") {
      if (this.quiet) return;
      if (this.garbageAt < 0) this.garbageAt = offset;
      this.garbageBytes += step.next - step.start;
      if (step.done) yield* this.flushGarbage();
      return;
    }
    if (step.kind === "skip") {
      yield* this.flushGarbage();
      this.quiet = true;
      yield skip(step.reason, this.file, offset, step.message);
      return;
    }
    if (step.kind !== "record") return;
    yield* this.flushGarbage();
    this.quiet = false;
    const r = step.record;
    yield { kind: "record", record: { ...r, block: block ?? r.block, offset } };
    const length = r.headers.get("content-length") ?? "";
    if (r.truncated && !quietTruncation) {
      yield skip(
        "bad_content_length",
        this.file,
        offset,
        `Content-Length ${length} runs past the end of the input: kept the ${r.block.length} bytes there as a truncated record`,
      );
    }
    if (step.shortBy > 0) {
      yield skip(
        "bad_content_length",
        this.file,
        offset,
        `${bytes(step.shortBy)} between the end of the Content-Length ${length} block and the next record (Content-Length too short, or garbage): kept the record as its Content-Length says`,
      );
    }
  }

  /** Reports the garbage run (if any) as one skip. */
  *flushGarbage(): Generator<WarcReadEvent> {
    if (this.garbageAt < 0) return;
    yield skip("missing_header", this.file, this.garbageAt, `${bytes(this.garbageBytes)} of garbage where a record should start`);
    this.garbageAt = -1;
    this.garbageBytes = 0;
  }
}

/** The splitter for a stream starting with `buf`: ARC for a `filedesc://` version block, else WARC. */
function splitterFor(buf: Uint8Array): RecordSplitter {
  return isArcStart(buf) ? createArcSplitter() : warcSplitter;
}

async function* readPlain(win: ByteWindow, file: string, max: number, sourceSize: number): AsyncGenerator<WarcReadEvent> {
  const out = new EventMaker(file);
  const splitter = splitterFor(win.view());
  for (;;) {
    const buf = win.view();
    const step = splitter.next(buf, 0, { final: win.eof, max, lookahead: LOOKAHEAD });
    if (step.kind === "end") break;
    if (step.kind === "more" || (step.kind === "garbage" && !step.done && step.next <= step.start)) {
      const from = step.kind === "more" ? step.from : step.start;
      const need = step.kind === "more" ? step.need : buf.length + 1;
      win.consume(from);
      // past the end of the file there is nothing to wait for: read to the end and judge
      const want = Math.min(need - from, Math.max(1, sourceSize - win.pos));
      if (win.length >= want) await win.pull();
      else await win.ensure(want);
      continue;
    }
    const offset = win.pos + step.start;
    const block = step.kind === "record" ? Buffer.from(step.record.block) : null;
    yield* out.events(step, offset, block);
    win.consume(step.next);
  }
  yield* out.flushGarbage();
}

type GoodMember = { ok: true; data: Buffer; size: number };
type Member = GoodMember | { ok: false; error: string; partial?: Buffer };

/** Inflates the member at the window start, pulling more input as needed. */
async function readMember(win: ByteWindow, max: number): Promise<Member> {
  let want = win.length;
  for (;;) {
    const r = inflateGzipMember(win.view(), win.eof, max);
    if (r.ok) return r;
    if (!r.needMore) return { ok: false, error: r.error, partial: r.partial };
    if (win.length > max) return { ok: false, error: `gzip member larger than ${max} bytes` };
    want = Math.max(want * 2, win.length + 1);
    await win.ensure(want);
  }
}

/** Scans forward from the window start for the next gzip member that inflates; returns it (or null at EOF). */
async function resyncGzip(win: ByteWindow, max: number): Promise<GoodMember | null> {
  for (;;) {
    const buf = win.view();
    let i = 0;
    for (;;) {
      i = buf.indexOf(0x1f, i);
      if (i < 0 || i + 2 >= buf.length || isGzipMagic(buf, i)) break;
      i++;
    }
    if (i < 0 || i + 2 >= buf.length) {
      const keep = i < 0 ? 0 : buf.length - i;
      win.consume(buf.length - keep);
      if (!(await win.pull())) {
        win.consume(win.length);
        return null;
      }
      continue;
    }
    win.consume(i);
    const m = await readMember(win, max);
    if (m.ok) return m;
    win.consume(1);
  }
}

/**
 * Records of the decompressed members. Each member's bytes are split on their own; a record that
 * runs past its member's end is carried over and joined with the next member, unless that member
 * starts a record of its own (then the carried one is judged as it is: truncated or a wrong length).
 */
class MemberJoiner {
  private carry: { data: Buffer; offset: number } | null = null;
  private splitter: RecordSplitter | null = null;
  private readonly out: EventMaker;
  private readonly max: number;
  constructor(file: string, max: number) {
    this.out = new EventMaker(file);
    this.max = max;
  }

  /** Events of the decompressed bytes of the member at compressed offset `at`. */
  *feed(data: Buffer, at: number): Generator<WarcReadEvent> {
    this.splitter ??= splitterFor(data);
    const c = this.carry;
    if (c !== null) {
      this.carry = null;
      if (this.splitter.startsRecord(data, 0) || c.data.length + data.length > this.max) {
        yield* this.split(c.data, 0, c.offset, c.offset, true, false);
      } else {
        yield* this.split(Buffer.concat([c.data, data]), c.data.length, c.offset, at, false, false);
        return;
      }
    }
    yield* this.split(data, 0, at, at, false, false);
  }

  /** Ends the stream (or a stretch before a damaged member, `damaged`): judges a carried record as it is. */
  *flush(damaged: boolean): Generator<WarcReadEvent> {
    const c = this.carry;
    this.carry = null;
    if (c !== null) yield* this.split(c.data, 0, c.offset, c.offset, true, damaged);
    if (!damaged) yield* this.out.flushGarbage();
  }

  /** The reader's own skip event, after the garbage run before it. */
  *skip(ev: WarcSkipEvent): Generator<WarcReadEvent> {
    yield* this.out.flushGarbage();
    yield ev;
  }

  /** Splits `buf`; positions before `boundary` belong to the member at `before`, the rest to `after`. */
  private *split(buf: Buffer, boundary: number, before: number, after: number, final: boolean, damaged: boolean): Generator<WarcReadEvent> {
    const splitter = this.splitter ?? warcSplitter;
    let p = 0;
    for (;;) {
      const step = splitter.next(buf, p, { final, max: this.max, lookahead: 0 });
      if (step.kind === "end") return;
      if (step.kind === "more") {
        if (step.from < buf.length) this.carry = { data: buf.subarray(step.from), offset: step.from < boundary ? before : after };
        return;
      }
      if (step.kind === "garbage" && !step.done && step.next <= step.start) {
        // garbage up to the end of the member: there is no next member byte to wait for here
        yield* this.out.events({ ...step, next: buf.length }, step.start < boundary ? before : after, null);
        return;
      }
      yield* this.out.events(step, step.start < boundary ? before : after, null, damaged);
      p = step.next;
    }
  }
}

/**
 * Moves the window to the first gzip member that inflates to the start of a WARC record (a range's
 * first record); false when there is none. The bytes before it belong to the range before.
 */
async function seekRecordMember(win: ByteWindow, max: number): Promise<boolean> {
  for (;;) {
    const m = await resyncGzip(win, max);
    if (m === null) return false;
    if (warcSplitter.startsRecord(m.data, 0)) return true;
    win.consume(m.size);
  }
}

/** `end`: stop before the first member at or after this offset that starts a record (range reads). */
async function* readGzip(win: ByteWindow, file: string, max: number, end = Number.POSITIVE_INFINITY): AsyncGenerator<WarcReadEvent> {
  const j = new MemberJoiner(file, max);
  for (;;) {
    await win.ensure(3);
    if (win.length === 0) break;
    const offset = win.pos;
    let member: GoodMember | null;
    if (isGzipMagic(win.view())) {
      const m = await readMember(win, max);
      if (m.ok && offset >= end && warcSplitter.startsRecord(m.data, 0)) break;
      if (m.ok) {
        win.consume(m.size);
        yield* j.feed(m.data, offset);
        continue;
      }
      if (m.partial !== undefined && m.partial.length > 0) yield* j.feed(m.partial, offset);
      yield* j.flush(true);
      win.consume(1);
      member = await resyncGzip(win, max);
      const kept = m.partial !== undefined && m.partial.length > 0 ? `; kept the ${m.partial.length} bytes it inflates to` : "";
      yield* j.skip(skip("corrupt_gzip", file, offset, `corrupt gzip member: ${m.error}${kept}; skipped ${win.pos - offset} bytes`));
    } else {
      yield* j.flush(true);
      member = await resyncGzip(win, max);
      yield* j.skip(skip("corrupt_gzip", file, offset, `${win.pos - offset} bytes of garbage where a gzip member should start`));
    }
    if (member === null) break;
    const at = win.pos;
    if (at >= end && warcSplitter.startsRecord(member.data, 0)) break;
    win.consume(member.size);
    yield* j.feed(member.data, at);
  }
  yield* j.flush(false);
}
