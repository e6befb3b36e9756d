import { afterEach, describe, expect, it } from 'vitest';
import { completionsUrl, createChatClient } from '../../../adapters/llm/chat-client.ts';
import { isLlmError, type LlmError } from '../../../adapters/llm/llm-errors.ts';
import { type FakeOpenAi, type FakeReply, startFakeOpenAi } from './fake-openai.ts';

const KEY = 'sk-test-0123456789abcdef';
let server: FakeOpenAi | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function collect(stream: AsyncGenerator<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const piece of stream) out.push(piece);
  return out;
}

async function failure(stream: AsyncGenerator<string>): Promise<LlmError> {
  try {
    await collect(stream);
  } catch (error) {
    if (isLlmError(error)) return error;
    throw error;
  }
  throw new Error('expected the stream to fail');
}

async function clientFor(reply: FakeReply | ((n: number) => FakeReply), timeoutMs = 2000) {
  server = await startFakeOpenAi(() =>
    typeof reply === 'function' ? reply(server!.requests.length) : reply,
  );
  return createChatClient({ baseUrl: server.url, model: 'tiny', apiKey: KEY, timeoutMs });
}

const messages = [{ role: 'user' as const, content: 'hello' }];

describe('the Chat Completions client', () => {
  it('appends /v1/chat/completions to a base URL, with or without /v1', () => {
    expect(completionsUrl('http://h:1')).toBe('http://h:1/v1/chat/completions');
    expect(completionsUrl('http://h:1/v1/')).toBe('http://h:1/v1/chat/completions');
    expect(completionsUrl('https://h/openai/v1')).toBe('https://h/openai/v1/chat/completions');
  });

  it('streams the deltas of an SSE answer, sending the model, the key and stream: true', async () => {
    const client = await clientFor({ kind: 'stream', deltas: ['Hel', 'lo [1]', '.'] });
    expect(await collect(client.stream(messages, { maxTokens: 123 }))).toEqual([
      'Hel',
      'lo [1]',
      '.',
    ]);
    const [request] = server!.requests;
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.body).toMatchObject({ model: 'tiny', stream: true, max_tokens: 123, messages });
  });

  it('reads a server that ignores stream: true and answers with one JSON body', async () => {
    const client = await clientFor({ kind: 'json', content: 'Whole answer [1].' });
    expect(await collect(client.stream(messages))).toEqual(['Whole answer [1].']);
  });

  it('turns a 500 into LLM_HTTP with the status, never showing the key the server echoed', async () => {
    const client = await clientFor({
      kind: 'status',
      status: 500,
      body: JSON.stringify({ error: { message: `boom, bad key Bearer ${KEY}` } }),
    });
    const error = await failure(client.stream(messages));
    expect(error.code).toBe('LLM_HTTP');
    expect(error.status).toBe(500);
    expect(error.message).toContain('boom');
    expect(error.message).not.toContain(KEY);
  });

  it('gives up on a stalled stream at its deadline with LLM_TIMEOUT', async () => {
    const client = await clientFor({ kind: 'stall', deltas: ['A start'] }, 150);
    const error = await failure(client.stream(messages));
    expect(error.code).toBe('LLM_TIMEOUT');
  });

  it('reports a server that sends something other than Chat Completions events', async () => {
    const client = await clientFor({
      kind: 'raw',
      contentType: 'text/event-stream',
      body: 'data: {nope\n\n',
    });
    expect((await failure(client.stream(messages))).code).toBe('LLM_BAD_RESPONSE');
    await server?.close();
    server = undefined;
    const html = await clientFor({
      kind: 'raw',
      contentType: 'text/html',
      body: '<html>login</html>',
    });
    expect((await failure(html.stream(messages))).code).toBe('LLM_BAD_RESPONSE');
  });

  it('reports an unreachable server with LLM_UNREACHABLE', async () => {
    const fake = await startFakeOpenAi(() => ({ kind: 'json', content: '' }));
    const url = fake.url;
    await fake.close();
    const client = createChatClient({ baseUrl: url, model: 'tiny', apiKey: KEY, timeoutMs: 2000 });
    const error = await failure(client.stream(messages));
    expect(error.code).toBe('LLM_UNREACHABLE');
    expect(error.message).not.toContain(KEY);
  });

  it('stops when the caller cancels, with LLM_ABORTED', async () => {
    const client = await clientFor({ kind: 'stall' }, 5000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(client.stream(messages, { signal: controller.signal }));
    expect(error.code).toBe('LLM_ABORTED');
  });

  it('uses the injected fetch', async () => {
    const calls: string[] = [];
    const fakeFetch: typeof fetch = async (input) => {
      calls.push(String(input));
      return new Response(JSON.stringify({ choices: [{ message: { content: 'ok' } }] }), {
        headers: { 'content-type': 'application/json' },
      });
    };
    const client = createChatClient({
      baseUrl: 'http://model.local/v1',
      model: 'm',
      fetch: fakeFetch,
    });
    expect(await collect(client.stream(messages))).toEqual(['ok']);
    expect(calls).toEqual(['http://model.local/v1/chat/completions']);
  });
});
