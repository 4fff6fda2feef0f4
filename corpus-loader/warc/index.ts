/** @module Public surface of the WARC layer: record reader, HTTP payload parsing, charset decoding, writer. */
export { readWarcRecords, readWarcRecordsFrom } from "./warc-record-reader.ts";
export type { WarcRecord, WarcReadEvent, WarcSkipEvent, WarcReaderOptions, ByteRange } from "./warc-record-reader.ts";
export { WarcHeaders } from "./warc-headers.ts";
export { inflateGzipMember, isGzipMagic } from "./gzip-member.ts";
export type { GzipMemberResult } from "./gzip-member.ts";
export { parseHttpResponse, parseContentType, dechunk } from "./http-response.ts";
export type { HttpResponse, HttpParseResult } from "./http-response.ts";
export { decodeBody, decodeWindows1252, sniffMetaCharset, normalizeCharset } from "./charset.ts";
export type { DecodedText } from "./charset.ts";
export { encodeWarcRecord, encodeWarcRecordGz, httpResponseBlock, recordId, base32 } from "./warc-writer.ts";
export type { WarcRecordInput } from "./warc-writer.ts";
