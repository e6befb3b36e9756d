import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAskService } from '../../../adapters/app/ask-service.ts';
import { type Bot, boot } from '../../../adapters/app/boot.ts';
import { MODEL_NOTES } from '../../../adapters/llm/ask-with-model.ts';
import { loadConfig } from '../../../adapters/shared/config.ts';
import type { LlmSettings } from '../../../adapters/shared/llm-settings.ts';
import { createEngine, type Engine, isShammieError, loadCorpus } from '../../../src/index.ts';
import { type FakeOpenAi, type FakeReply, startFakeOpenAi } from '../llm/fake-openai.ts';
import { fakeClock, recordingLogger } from '../scheduler/helpers.ts';
import { tempDir } from '../scheduler/temp-dir.ts';
import { fakePlatform } from './fake-platform.ts';

const QUESTION = 'How many examples was LIMA fine-tuned on?';
const KEY = 'sk-lab-model-key-80417';
const CITED: FakeReply = {
  kind: 'stream',
  deltas: ['LIMA is fine-tuned on ', '1,000 prompts [1].'],
};

let engine: Engine;
beforeAll(async () => {
  engine = createEngine((await loadCorpus('corpus')).papers);
});
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function model(reply: FakeReply): Promise<FakeOpenAi> {
  const server = await startFakeOpenAi(() => reply);
  cleanups.push(() => server.close());
  return server;
}

function settings(server: FakeOpenAi, more: Partial<LlmSettings> = {}): LlmSettings {
  return {
    url: server.url,
    model: 'tiny',
    apiKey: KEY,
    timeoutMs: 2000,
    maxTokens: 300,
    concurrency: 2,
    ...more,
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('createAskService', () => {
  it('answers from the abstracts alone when no model is configured', async () => {
    const service = createAskService(undefined, recordingLogger());
    expect(service.usesModel).toBe(false);
    const answer = await service.ask(engine, { question: QUESTION });
    expect(answer.mode).toBe('extractive');
    expect(answer.refused).toBe(false);
    expect(answer.citations[0]?.title).toMatch(/^LIMA/);
  });

  it('has a model write the answer, with its settings, when one is configured', async () => {
    const server = await model(CITED);
    const service = createAskService(settings(server), recordingLogger());
    expect(service.usesModel).toBe(true);
    const answer = await service.ask(engine, { question: QUESTION });
    expect(answer.mode).toBe('model');
    expect(answer.segments).toEqual([{ text: 'LIMA is fine-tuned on 1,000 prompts.', cites: [1] }]);
    expect(server.requests[0]?.body).toMatchObject({ model: 'tiny', max_tokens: 300 });
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('passes the thread’s earlier questions to the model as context', async () => {
    const server = await model(CITED);
    const service = createAskService(settings(server), recordingLogger());
    await service.ask(engine, {
      question: 'what benchmark evaluates them?',
      history: [{ question: 'Which models handle long context?' }],
    });
    const sent = server.requests[0]?.body.messages?.map((m) => m.content).join('\n') ?? '';
    expect(sent).toContain('Which models handle long context?');
  });

  it('answers from the evidence with a note, and logs a warning without the key, when the model fails', async () => {
    const server = await model({
      kind: 'status',
      status: 500,
      body: JSON.stringify({ error: { message: `bad key ${KEY}` } }),
    });
    const logger = recordingLogger();
    const service = createAskService(settings(server), logger);
    const answer = await service.ask(engine, { question: QUESTION });
    expect(answer).toMatchObject({
      mode: 'extractive',
      refused: false,
      note: MODEL_NOTES.LLM_HTTP,
    });
    const warnings = logger.entries.filter((e) => e.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.fields).toMatchObject({ code: 'LLM_HTTP', status: 500 });
    expect(JSON.stringify(logger.entries)).not.toContain(KEY);
  });

  it('gives up on a stalled model after its deadline', async () => {
    const server = await model({ kind: 'stall', deltas: ['LIMA is'] });
    const logger = recordingLogger();
    const service = createAskService(settings(server, { timeoutMs: 200 }), logger);
    const answer = await service.ask(engine, { question: QUESTION });
    expect(answer).toMatchObject({ mode: 'extractive', note: MODEL_NOTES.LLM_TIMEOUT });
    expect(logger.entries.find((e) => e.level === 'warn')?.fields.code).toBe('LLM_TIMEOUT');
  });

  it('rejects a bad question with a ShammieError in both modes, asking no model', async () => {
    const server = await model(CITED);
    for (const service of [
      createAskService(undefined, recordingLogger()),
      createAskService(settings(server), recordingLogger()),
    ]) {
      const error = await rejection(service.ask(engine, { question: '   ' }));
      expect(isShammieError(error) && error.code).toBe('EMPTY_QUERY');
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe('the bot’s ask service', () => {
  async function start(env: Record<string, string>) {
    const root = tempDir('shammie-ask-boot-');
    cleanups.push(root.remove);
    const platform = fakePlatform();
    const logger = recordingLogger();
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-ask-wiring',
      SLACK_SIGNING_SECRET: 'ask-wiring-secret',
      SHAMMIE_CORPUS: 'corpus',
      SHAMMIE_DATA_DIR: join(root.path, 'data'),
      ...env,
    });
    const bot: Bot = await boot(config, {
      logger,
      now: fakeClock('2024-06-01T08:00:00Z').now,
      autoTick: false,
      startSlack: platform.start,
      watch: false,
    });
    cleanups.push(() => bot.stop());
    const ask = platform.options().ask;
    if (!ask) throw new Error('the platform was started without an ask service');
    return { bot, ask, logger };
  }

  it('is extractive when SHAMMIE_LLM_URL is unset, and the start-up log says so', async () => {
    const { bot, ask, logger } = await start({});
    expect(ask.usesModel).toBe(false);
    expect((await ask.ask(bot.engine, { question: QUESTION })).mode).toBe('extractive');
    expect(logger.entries.find((e) => e.msg === 'Shammie is running')?.fields.ask).toBe(
      'extractive',
    );
  });

  it('asks the model SHAMMIE_LLM_* name, and never logs its key', async () => {
    const server = await model(CITED);
    const { bot, ask, logger } = await start({
      SHAMMIE_LLM_URL: server.url,
      SHAMMIE_LLM_MODEL: 'lab-model',
      SHAMMIE_LLM_API_KEY: KEY,
      SHAMMIE_LLM_MAX_TOKENS: '200',
    });
    expect(ask.usesModel).toBe(true);
    expect((await ask.ask(bot.engine, { question: QUESTION })).mode).toBe('model');
    expect(server.requests[0]?.body).toMatchObject({ model: 'lab-model', max_tokens: 200 });
    expect(logger.entries.find((e) => e.msg === 'Shammie is running')?.fields.ask).toBe('model');
    expect(JSON.stringify(logger.entries)).not.toContain(KEY);
  });
});
