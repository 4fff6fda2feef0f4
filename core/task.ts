/** @module The task record: one question with its gold answers and evidence, as stored in the corpus `tasks` table and read by verifiers. */

/** A task: the corpus `tasks` row, the episode's question, and what verifiers score against. */
export interface Task {
  id: string;
  question: string;
  /** Gold answers; any one is correct (aliases). */
  answers: string[];
  /** Canonical URLs of the pages that hold the evidence. */
  goldUrls: string[];
  /** Number of pages that must be read to answer (1 for single-fact). */
  hops: number;
  /** "train" | "test" (or any named split). */
  split: string;
  /** Where the task came from: "generated", a file name... */
  source: string;
  /** Task family: "single_fact", "multi_hop", "comparison", "link_only", "external"... */
  type: string;
  /** Name or JSON of a rubric this task asks for, else null (default rubric). */
  rubric: string | null;
}
