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
}
