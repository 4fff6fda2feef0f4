/** @module Schema of the trajectory log (`runs/<name>.duckdb`): runs, episodes, reward components, steps. Times are UTC. */

/** Bumped when a table changes incompatibly. */
export const LOG_SCHEMA_VERSION = 3;

/**
 * Tables of the log. Episodes and their steps and components are written together in one transaction,
 * so an episode row always has all its steps. `components` is long (one row per rubric entry) and
 * exports pivot it into `reward_<name>` columns.
 */
export const LOG_DDL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS log_meta (key VARCHAR PRIMARY KEY, value VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY,
    config VARCHAR NOT NULL,   -- JSON: the rollout options
    seed BIGINT NOT NULL,
    policy VARCHAR NOT NULL,
    group_size INTEGER NOT NULL,
    versions VARCHAR NOT NULL, -- JSON: simweb, log schema, corpus meta
    started_at TIMESTAMP NOT NULL,
    resumed_at TIMESTAMP
  )`,
  `CREATE TABLE IF NOT EXISTS episodes (
    run_id VARCHAR NOT NULL,
    episode_id VARCHAR NOT NULL,
    task_id VARCHAR NOT NULL,
    group_id VARCHAR NOT NULL,
    sample_idx INTEGER NOT NULL,
    policy VARCHAR NOT NULL,
    seed BIGINT NOT NULL,
    split VARCHAR,
    question VARCHAR,
    prompt_messages VARCHAR NOT NULL, -- JSON: the messages that opened the conversation
    reward DOUBLE NOT NULL,
    end_reason VARCHAR,
    steps INTEGER NOT NULL,
    tokens_prompt BIGINT,
    tokens_completion BIGINT,
    sim_seconds DOUBLE NOT NULL,
    wall_seconds DOUBLE NOT NULL,
    final_answer VARCHAR,
    citations VARCHAR[] NOT NULL,
    status VARCHAR NOT NULL,          -- done | closed | error
    error VARCHAR,
    reward_details VARCHAR,           -- JSON
    reward_errors VARCHAR,            -- JSON
    finished_at TIMESTAMP,            -- UTC, when the episode ended (schema 2; null in older rows)
    replica VARCHAR,                  -- the replica that served it (serve --name; schema 3; null for local rollouts and older rows)
    corpus_digest VARCHAR,            -- the digest of the corpus it ran on (schema 3; null in older rows)
    PRIMARY KEY (run_id, episode_id)
  )`,
  `CREATE TABLE IF NOT EXISTS components (
    run_id VARCHAR NOT NULL,
    episode_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    value DOUBLE NOT NULL,
    PRIMARY KEY (run_id, episode_id, name)
  )`,
  `CREATE TABLE IF NOT EXISTS steps (
    run_id VARCHAR NOT NULL,
    episode_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    action VARCHAR,          -- JSON {name, arguments}, null when unparseable
    call_id VARCHAR,         -- tool-call id (null for text actions)
    content VARCHAR,         -- assistant text sent with a tool call
    raw_text VARCHAR,        -- raw model output of a text action
    valid BOOLEAN NOT NULL,
    error VARCHAR,
    observation VARCHAR NOT NULL,
    urls VARCHAR[] NOT NULL,
    sim_seconds DOUBLE NOT NULL,
    fault VARCHAR,
    PRIMARY KEY (run_id, episode_id, idx)
  )`,
];

/** Brings an older log up to schema 3 (idempotent, in column order): episodes gain `finished_at` (2), `replica` and `corpus_digest` (3). */
export const LOG_MIGRATIONS: readonly string[] = [
  `ALTER TABLE episodes ADD COLUMN IF NOT EXISTS finished_at TIMESTAMP`,
  `ALTER TABLE episodes ADD COLUMN IF NOT EXISTS replica VARCHAR`,
  `ALTER TABLE episodes ADD COLUMN IF NOT EXISTS corpus_digest VARCHAR`,
];

/** Staging tables (TEMP: never persisted) that a batch is appended to before its commit. */
export const STAGING_DDL: readonly string[] = [
  `CREATE TEMP TABLE IF NOT EXISTS stage_episodes AS SELECT * FROM episodes LIMIT 0`,
  `CREATE TEMP TABLE IF NOT EXISTS stage_components AS SELECT * FROM components LIMIT 0`,
  `CREATE TEMP TABLE IF NOT EXISTS stage_steps AS SELECT * FROM steps LIMIT 0`,
];
