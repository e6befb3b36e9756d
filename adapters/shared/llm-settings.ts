import { z } from 'zod';

/**
 * The model server's settings, read from the environment by the composition root. All are
 * optional: without `SHAMMIE_LLM_URL`, `ask` answers extractively.
 */

/** A model that has not finished after this many seconds is given up on. */
export const DEFAULT_LLM_TIMEOUT_S = 30;
/** Longest answer asked of the model, in tokens. */
export const DEFAULT_LLM_MAX_TOKENS = 400;
/** Asks sent to the model at once; the rest wait their turn. */
export const DEFAULT_LLM_CONCURRENCY = 4;

export interface LlmSettings {
  /** Base URL of an OpenAI-compatible server (`/v1/chat/completions` is appended). */
  url: string;
  model: string;
  /** Sent as a Bearer token; never logged. */
  apiKey?: string;
  timeoutMs: number;
  maxTokens: number;
  concurrency: number;
}

/** Every variable the model settings read. */
export const LLM_KEYS = [
  'SHAMMIE_LLM_URL',
  'SHAMMIE_LLM_MODEL',
  'SHAMMIE_LLM_API_KEY',
  'SHAMMIE_LLM_TIMEOUT_S',
  'SHAMMIE_LLM_MAX_TOKENS',
  'SHAMMIE_LLM_CONCURRENCY',
] as const;

/** The secret among them: its value is masked in logs and errors. */
export const LLM_SECRET_KEYS = ['SHAMMIE_LLM_API_KEY'] as const;

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const whole = (min: number, max: number) =>
  optional.refine((v) => v === undefined || (/^\d+$/.test(v) && +v >= min && +v <= max), {
    message: `must be a whole number from ${min} to ${max}`,
  });

const schema = z.object({
  SHAMMIE_LLM_URL: optional.refine((v) => v === undefined || /^https?:\/\/\S+$/.test(v), {
    message: 'must be an http(s) URL',
  }),
  SHAMMIE_LLM_MODEL: optional,
  SHAMMIE_LLM_API_KEY: optional,
  SHAMMIE_LLM_TIMEOUT_S: whole(1, 600),
  SHAMMIE_LLM_MAX_TOKENS: whole(16, 32_000),
  SHAMMIE_LLM_CONCURRENCY: whole(1, 64),
});

/**
 * The model settings of an environment: undefined when no server is configured, else the
 * settings; `problems` names each malformed or missing key (never a value).
 */
export function readLlmSettings(env: Readonly<Record<string, string | undefined>>): {
  settings?: LlmSettings;
  problems: string[];
} {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`) };
  }
  const e = parsed.data;
  if (!e.SHAMMIE_LLM_URL) {
    const stray = e.SHAMMIE_LLM_MODEL || e.SHAMMIE_LLM_API_KEY;
    return {
      problems: stray
        ? ['SHAMMIE_LLM_URL is required when SHAMMIE_LLM_MODEL or SHAMMIE_LLM_API_KEY is set']
        : [],
    };
  }
  if (!e.SHAMMIE_LLM_MODEL) {
    return { problems: ['SHAMMIE_LLM_MODEL is required when SHAMMIE_LLM_URL is set'] };
  }
  return {
    problems: [],
    settings: {
      url: e.SHAMMIE_LLM_URL,
      model: e.SHAMMIE_LLM_MODEL,
      ...(e.SHAMMIE_LLM_API_KEY ? { apiKey: e.SHAMMIE_LLM_API_KEY } : {}),
      timeoutMs: 1000 * Number(e.SHAMMIE_LLM_TIMEOUT_S ?? DEFAULT_LLM_TIMEOUT_S),
      maxTokens: Number(e.SHAMMIE_LLM_MAX_TOKENS ?? DEFAULT_LLM_MAX_TOKENS),
      concurrency: Number(e.SHAMMIE_LLM_CONCURRENCY ?? DEFAULT_LLM_CONCURRENCY),
    },
  };
}
