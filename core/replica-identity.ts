/** @module Who answered: a serving replica's name and the digest of the corpus it serves, as responses, reset infos and logged episodes carry them. */

/** A replica's identity: its name (`serve --name`, default the host name) and its corpus digest (`sha256:<16 hex>`). */
export interface ReplicaIdentity {
  replica: string;
  corpusDigest: string;
}

/** Response header naming the replica, on every HTTP response and the WebSocket upgrade. */
export const REPLICA_HEADER = "X-Simweb-Replica";

/** Response header carrying the corpus digest, beside {@link REPLICA_HEADER}. */
export const CORPUS_DIGEST_HEADER = "X-Simweb-Corpus-Digest";

/** What a replica name may hold: it goes into headers, log ids and health checks. */
export const REPLICA_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
