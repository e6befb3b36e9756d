import { createParser } from 'eventsource-parser';
import type { ChatMessage } from '../../src/index.ts';
import { DEFAULT_LLM_MAX_TOKENS, DEFAULT_LLM_TIMEOUT_S } from '../shared/llm-settings.ts';
import { LlmError, redact } from './llm-errors.ts';

/**
 * A client of any OpenAI-compatible Chat Completions server (OpenAI, vLLM, llama.cpp, Ollama,
 * LM Studio …), streaming: `POST {base}/v1/chat/completions` with `stream: true`, the answer
 * read as Server-Sent Events. One deadline covers the whole call, headers and body; errors are
 * typed `LlmError`s whose messages never hold the key. No retries: a slow or failing model is
 * answered without it, which beats waiting twice.
 */

/** Largest answer read, in characters: a runaway model is cut off here. */
export const MAX_ANSWER_CHARS = 8000;
/** Largest SSE event buffered, in characters (eventsource-parser's guard against floods). */
const MAX_EVENT_CHARS = 64 * 1024;
/** Characters of an error body kept for the message. */
const ERROR_BODY_CHARS = 300;

export interface ChatClientOptions {
  /** Base URL: `https://host` or `https://host/v1` (either way `/v1/chat/completions` is used). */
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** Deadline of one call in milliseconds (default 30 s). */
  timeoutMs?: number;
  /** Injected for tests and proxies (default: the global fetch). */
  fetch?: typeof fetch;
}

export interface ChatRequestOptions {
  maxTokens?: number;
  /** The caller's own cancellation (a shutdown, a deleted message). */
  signal?: AbortSignal;
}

export interface ChatClient {
  /** The answer's text as it grows: each value is the next piece (a delta). */
  stream(messages: readonly ChatMessage[], options?: ChatRequestOptions): AsyncGenerator<string>;
}

/** `{base}/v1/chat/completions`, whether or not the base already ends in `/v1`. */
export function completionsUrl(baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return /\/v1$/.test(base) ? `${base}/chat/completions` : `${base}/v1/chat/completions`;
}

/** Creates a streaming Chat Completions client. */
export function createChatClient(options: ChatClientOptions): ChatClient {
  const url = completionsUrl(options.baseUrl);
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_LLM_TIMEOUT_S * 1000;
  const secret = options.apiKey;
  const where = redact(new URL(url).host, secret);

  async function* stream(
    messages: readonly ChatMessage[],
    request: ChatRequestOptions = {},
  ): AsyncGenerator<string> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    const signal = request.signal ? eitherSignal(deadline.signal, request.signal) : deadline.signal;
    const failure = (error: unknown): LlmError => {
      if (error instanceof LlmError) return error;
      if (deadline.signal.aborted) {
        return new LlmError(
          'LLM_TIMEOUT',
          `The model server did not finish within ${timeoutMs / 1000} s.`,
        );
      }
      if (request.signal?.aborted)
        return new LlmError('LLM_ABORTED', 'The request to the model was cancelled.');
      const reason = redact(error instanceof Error ? error.message : String(error), secret);
      return new LlmError(
        'LLM_UNREACHABLE',
        `The model server at ${where} could not be reached (${reason}).`,
      );
    };
    try {
      let response: Response;
      try {
        response = await doFetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'text/event-stream',
            ...(secret ? { authorization: `Bearer ${secret}` } : {}),
          },
          body: JSON.stringify({
            model: options.model,
            messages,
            stream: true,
            max_tokens: request.maxTokens ?? DEFAULT_LLM_MAX_TOKENS,
            temperature: 0,
          }),
          signal,
        });
      } catch (error) {
        throw failure(error);
      }
      if (!response.ok) throw await httpError(response, where, secret);
      const type = response.headers.get('content-type') ?? '';
      if (!type.includes('text/event-stream')) {
        // A server that ignores `stream: true` answers with one JSON body.
        yield wholeAnswer(await readText(response, signal, failure), where);
        return;
      }
      yield* events(response, signal, failure, where);
    } finally {
      clearTimeout(timer);
    }
  }

  return { stream };
}

/** Fires when either fires (AbortSignal.any, which Node has from 20.3, else by hand). */
function eitherSignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([a, b]);
  const both = new AbortController();
  for (const s of [a, b]) {
    if (s.aborted) both.abort(s.reason);
    else s.addEventListener('abort', () => both.abort(s.reason), { once: true });
  }
  return both.signal;
}

async function readText(
  response: Response,
  signal: AbortSignal,
  failure: (error: unknown) => LlmError,
): Promise<string> {
  try {
    const text = await response.text();
    if (signal.aborted) throw failure(signal.reason);
    return text;
  } catch (error) {
    throw failure(error);
  }
}

/** The content of a non-streamed Chat Completions body. */
function wholeAnswer(body: string, where: string): string {
  try {
    const content = (JSON.parse(body) as { choices?: Array<{ message?: { content?: unknown } }> })
      .choices?.[0]?.message?.content;
    if (typeof content === 'string') return content.slice(0, MAX_ANSWER_CHARS);
  } catch {
    // Reported below.
  }
  throw new LlmError(
    'LLM_BAD_RESPONSE',
    `The model server at ${where} sent no Chat Completions answer.`,
  );
}

/** The content deltas of an SSE Chat Completions stream, until `[DONE]` or the body ends. */
async function* events(
  response: Response,
  signal: AbortSignal,
  failure: (error: unknown) => LlmError,
  where: string,
): AsyncGenerator<string> {
  const pending: string[] = [];
  let done = false;
  let problem: LlmError | undefined;
  const bad = (why: string): LlmError =>
    new LlmError('LLM_BAD_RESPONSE', `The model server at ${where} sent ${why}.`);
  const parser = createParser({
    maxBufferSize: MAX_EVENT_CHARS,
    onEvent(event) {
      if (done || problem) return;
      if (event.data.trim() === '[DONE]') {
        done = true;
        return;
      }
      try {
        const chunk = JSON.parse(event.data) as {
          choices?: Array<{ delta?: { content?: unknown } }>;
          error?: { message?: unknown };
        };
        if (chunk.error) {
          problem = bad(`an error in its stream: ${String(chunk.error.message ?? 'unknown')}`);
          return;
        }
        const content = chunk.choices?.[0]?.delta?.content;
        if (typeof content === 'string' && content !== '') pending.push(content);
      } catch {
        problem = bad('an event that is not JSON');
      }
    },
    onError() {
      problem = bad('a malformed event stream');
    },
  });
  const body = response.body;
  if (!body) throw bad('no body');
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let length = 0;
  try {
    while (!done) {
      let read: Awaited<ReturnType<typeof reader.read>>;
      try {
        read = await reader.read();
      } catch (error) {
        throw failure(error);
      }
      if (signal.aborted) throw failure(signal.reason);
      if (read.done) break;
      parser.feed(read.value);
      if (problem) throw problem;
      while (pending.length > 0) {
        const piece = pending.shift()!.slice(0, MAX_ANSWER_CHARS - length);
        length += piece.length;
        if (piece !== '') yield piece;
        if (length >= MAX_ANSWER_CHARS) return;
      }
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

async function httpError(response: Response, where: string, secret?: string): Promise<LlmError> {
  let detail = '';
  try {
    const text = (await response.text()).slice(0, ERROR_BODY_CHARS * 4);
    try {
      const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
      detail = typeof message === 'string' ? message : text;
    } catch {
      detail = text;
    }
  } catch {
    // The status says enough.
  }
  const said = redact(detail.replace(/\s+/g, ' ').trim().slice(0, ERROR_BODY_CHARS), secret);
  return new LlmError(
    'LLM_HTTP',
    `The model server at ${where} answered ${response.status}${said ? `: ${said}` : ''}.`,
    response.status,
  );
}
