/**
 * @module OpenEnv's informational and stateless routes, answered as its `HTTPEnvServer` answers them:
 * `GET /health` `{status: "healthy"}` (what OpenEnv's container providers poll at start-up),
 * `GET /schema` `{action, observation, state}` JSON schemas, `GET /metadata` (`EnvironmentMetadata`),
 * at the root and under `/openenv`; and under `/openenv` (an OpenEnv client's `base_url`),
 * the stateless `POST /reset`, `POST /step` and `GET /state`, next to the `/openenv/ws` upgrade.
 */
import { TOOL_SCHEMAS } from "../episode/index.ts";
import type { OpenEnvHttp } from "../ws/index.ts";
import { json } from "./reply.ts";
import type { RouteDef } from "./route.ts";

/** The prefix that selects OpenEnv's shapes: `base_url = http://host:port/openenv`. */
export const OPENENV_PREFIX = "/openenv";

/** `GET /schema`'s answer: the step action, the observation (OpenEnv shape) and the state. */
export function openEnvSchemas(): { action: Record<string, unknown>; observation: Record<string, unknown>; state: Record<string, unknown> } {
  const toolCall = {
    type: "object",
    title: "ToolCall",
    required: ["name"],
    properties: { name: { enum: TOOL_SCHEMAS.map((t) => t.function.name) }, arguments: { oneOf: [{ type: "object" }, { type: "string" }] } },
    additionalProperties: false,
  };
  const text = { type: "object", title: "ModelText", required: ["text"], properties: { text: { type: "string" } }, additionalProperties: false };
  return {
    action: { title: "SimWebAction", oneOf: [toolCall, text], description: "a tool call (tools: GET /tools.json) or raw model output" },
    observation: {
      title: "SimWebObservation",
      type: "object",
      properties: { text: { type: "string" }, terminated: { type: "boolean" }, truncated: { type: "boolean" }, info: { type: "object" } },
      required: ["text", "terminated", "truncated", "info"],
    },
    state: {
      title: "State",
      type: "object",
      additionalProperties: true,
      properties: {
        episode_id: { anyOf: [{ type: "string" }, { type: "null" }], default: null },
        step_count: { type: "integer", minimum: 0, default: 0 },
        seed: { anyOf: [{ type: "integer" }, { type: "null" }] },
        task_id: { anyOf: [{ type: "string" }, { type: "null" }] },
        question: { anyOf: [{ type: "string" }, { type: "null" }] },
        done: { type: "boolean" },
      },
    },
  };
}

const METADATA = {
  name: "simweb",
  description: "A frozen, seeded web for training LLM search agents: search, open, find and answer over a corpus, with rubric rewards.",
  readme_content: null,
  version: "1.0.0",
  author: null,
  documentation_url: null,
};

/** `GET /health`, `/schema`, `/metadata`, at the root and under `/openenv`. */
export function openEnvInfoRoutes(): RouteDef[] {
  return ["", OPENENV_PREFIX].flatMap((p): RouteDef[] => [
    { path: `${p}/health`, methods: { GET: () => json({ status: "healthy" }) } },
    { path: `${p}/schema`, methods: { GET: () => json(openEnvSchemas()) } },
    { path: `${p}/metadata`, methods: { GET: () => json(METADATA) } },
  ]);
}

/** The stateless `POST /openenv/reset`, `POST /openenv/step` and `GET /openenv/state`. */
export function openEnvSessionRoutes(oe: OpenEnvHttp): RouteDef[] {
  const post = (path: "/reset" | "/step"): RouteDef => ({
    path: `${OPENENV_PREFIX}${path}`,
    methods: {
      POST: async (ctx) => {
        const r = await oe.handle(path, await ctx.body(), ctx.client);
        return json(r.json, r.status, r.headers);
      },
    },
  });
  return [
    post("/reset"),
    post("/step"),
    {
      path: `${OPENENV_PREFIX}/state`,
      methods: {
        GET: async (ctx) => {
          const r = await oe.handle("/state", null, ctx.client);
          return json(r.json, r.status, r.headers);
        },
      },
    },
  ];
}
