/** @module An episode's identity within a run: what a driver registers before the episode starts and what the log keeps of it. */
import type { ChatMessage } from "./chat.ts";

/** Identity of an episode within the run, registered before the episode starts. */
export interface EpisodeMeta {
  episodeId: string;
  taskId: string;
  groupId: string;
  sampleIdx: number;
  policy: string;
  seed: number;
  split: string | null;
  question: string | null;
  promptMessages: ChatMessage[];
  /** The replica that served the episode (`serve --name`; served logs, remote rollouts), else absent/null. */
  replica?: string | null;
  /** The digest of the corpus the episode ran on (`sha256:<16 hex>`), else absent/null. */
  corpusDigest?: string | null;
}
