import { askLibrary } from '../../src/index.ts';
import { createModelAsker } from '../llm/ask-with-model.ts';
import { createChatClient } from '../llm/chat-client.ts';
import type { LlmError } from '../llm/llm-errors.ts';
import type { AskRequest, AskService } from '../shared/ask-port.ts';
import type { LlmSettings } from '../shared/llm-settings.ts';
import type { Logger } from '../shared/logger.ts';

/** What the service takes besides its settings: injected for tests and proxies. */
export interface AskServiceDeps {
  /** The model server's fetch (default: the global fetch). */
  fetch?: typeof fetch;
}

/**
 * The one ask service of a process, shared by every platform: extractive answers from the
 * library (`askLibrary`) when no model is configured, else a model writing from the same
 * evidence through one queue (`settings.concurrency` asks at once, `settings.maxTokens` each).
 * A model that fails is answered for by the extractive answer with a note (the llm adapter
 * does it); the failure is logged at warn, with its code and a message that holds no key.
 */
export function createAskService(
  settings: LlmSettings | undefined,
  logger: Logger,
  deps: AskServiceDeps = {},
): AskService {
  if (!settings) {
    return {
      usesModel: false,
      // async: a bad question rejects (ShammieError) rather than throwing synchronously.
      ask: async (engine, request) => askLibrary(engine, request.question, historyOf(request)),
    };
  }
  const client = createChatClient({
    baseUrl: settings.url,
    model: settings.model,
    ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
    timeoutMs: settings.timeoutMs,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  const asker = createModelAsker({
    client,
    concurrency: settings.concurrency,
    maxTokens: settings.maxTokens,
    onModelError: (error: LlmError) =>
      logger.warn(
        { code: error.code, ...(error.status !== undefined ? { status: error.status } : {}) },
        `the model's answer was replaced by the evidence: ${error.message}`,
      ),
  });
  return {
    usesModel: true,
    ask: (engine, request) =>
      asker.ask(engine, request.question, {
        ...historyOf(request),
        ...(request.onProgress ? { onProgress: request.onProgress } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
      }),
  };
}

function historyOf(request: AskRequest): { history?: AskRequest['history'] } {
  return request.history ? { history: request.history } : {};
}
