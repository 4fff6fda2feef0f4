/**
 * @module The sink of streamed response bodies: small writes batched into ~64 KiB chunks, each chunk
 * written only when the socket has room (backpressure: `drain`), and a stop flag once the client left.
 */
import type { ServerResponse } from "node:http";
import type { BodySink } from "./reply.ts";

/** Bytes (UTF-16 units) gathered before a chunk is written to the socket. */
export const CHUNK_CHARS = 64 * 1024;

/**
 * A {@link BodySink} over a response whose headers were sent.
 * @example
 * const sink = new ResponseSink(res);
 * await sink.write('{"result":[');
 * await sink.end();
 */
export class ResponseSink implements BodySink {
  private buf = "";
  private gone = false;
  /** Bytes handed to the socket so far. */
  bytes = 0;
  private readonly res: ServerResponse;

  constructor(res: ServerResponse) {
    this.res = res;
    res.once("close", () => (this.gone = true));
  }

  get closed(): boolean {
    return this.gone || this.res.destroyed;
  }

  write(chunk: string): Promise<void> | undefined {
    this.buf += chunk;
    return this.buf.length >= CHUNK_CHARS ? this.flush() : undefined;
  }

  /** Writes what is buffered; returns a promise settling on `drain` when the socket's buffer is full. */
  flush(): Promise<void> | undefined {
    if (this.buf === "" || this.closed) return undefined;
    const b = Buffer.from(this.buf, "utf8");
    this.buf = "";
    this.bytes += b.length;
    if (!this.res.write(b)) {
      return new Promise<void>((resolve) => {
        const done = (): void => {
          this.res.off("drain", done);
          this.res.off("close", done);
          resolve();
        };
        this.res.once("drain", done);
        this.res.once("close", done);
      });
    }
    return undefined;
  }

  /** Flushes and ends the response. */
  async end(): Promise<void> {
    await this.flush();
    if (!this.closed) this.res.end();
  }
}
