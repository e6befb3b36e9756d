import { afterEach, describe, expect, it } from 'vitest';
import {
  createPoliteHttp,
  type PoliteHttpOptions,
  userAgent,
} from '../../../adapters/sources/polite-http.ts';
import { isServiceError, type ServiceError } from '../../../adapters/sources/service-error.ts';
import { fakeClock } from './fakes/fake-clock.ts';
import { busy, type FakeService, startFakeService } from './fakes/fake-service.ts';

let fake: FakeService | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function serve(body = 'hello'): Promise<FakeService> {
  fake = await startFakeService(() => ({ status: 200, body }));
  return fake;
}

function client(service: FakeService, overrides: Partial<PoliteHttpOptions> = {}) {
  const clock = fakeClock();
  const http = createPoliteHttp({
    service: 'arXiv',
    baseUrl: `${service.url}/api/query`,
    queue: clock.queue,
    now: clock.now,
    random: () => 0.5,
    backoffMs: 10,
    timeoutMs: 2_000,
    ...overrides,
  });
  return { http, clock };
}

async function failure(promise: Promise<unknown>): Promise<ServiceError> {
  try {
    await promise;
  } catch (error) {
    if (isServiceError(error)) return error;
    throw error;
  }
  throw new Error('expected a ServiceError');
}

describe('the polite HTTP client', () => {
  it('appends the path and query to the base URL and names Shammie and the contact', async () => {
    const service = await serve();
    const { http } = client(service, { userAgent: userAgent('0.1.0', 'lab@example.org') });
    const answer = await http.getText('/more', {
      query: { id_list: '2305.11206', start: 0, skip: undefined },
    });
    expect(answer.text).toBe('hello');
    expect(service.requests[0]?.path).toBe('/api/query/more');
    expect(service.requests[0]?.query.get('id_list')).toBe('2305.11206');
    expect(service.requests[0]?.query.has('skip')).toBe(false);
    expect(service.requests[0]?.headers['user-agent']).toBe(
      'Shammie/0.1.0 (mailto:lab@example.org)',
    );
  });

  it('leaves the mailto out of the User-Agent when no address is configured', () => {
    expect(userAgent('0.1.0')).toBe('Shammie/0.1.0');
  });

  it('waits as long as Retry-After says (seconds) and tries again', async () => {
    const service = await serve();
    service.failNext(busy('7'));
    const { http, clock } = client(service);
    await expect(http.getText('')).resolves.toMatchObject({ text: 'hello' });
    expect(service.requests).toHaveLength(2);
    expect(clock.sleeps).toEqual([7_000]);
  });

  it('reads Retry-After as an HTTP date', async () => {
    const service = await serve();
    const { http, clock } = client(service);
    service.failNext({
      status: 429,
      headers: { 'retry-after': new Date(clock.now() + 20_000).toUTCString() },
    });
    await http.getText('');
    expect(clock.sleeps).toEqual([20_000]);
  });

  it('backs off exponentially when the service names no wait, then gives up with SERVICE_DOWN', async () => {
    const service = await serve();
    service.failNext({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    const { http, clock } = client(service, { retries: 3 });
    const error = await failure(http.getText(''));
    expect(error.code).toBe('SERVICE_DOWN');
    expect(error.status).toBe(503);
    expect(error.message).toBe('arXiv did not answer; try again later.');
    expect(service.requests).toHaveLength(4);
    expect(clock.sleeps).toEqual([8, 15, 30]); // 10·2ⁿ, spread by random() = 0.5
  });

  it('fails at once with the wait in words when Retry-After is beyond the cap', async () => {
    const service = await serve();
    service.failNext({ status: 429, headers: { 'retry-after': '7200' } });
    const { http, clock } = client(service, { maxRetryAfterMs: 60_000 });
    const error = await failure(http.getText(''));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfterMs).toBe(7_200_000);
    expect(error.message).toBe('arXiv asked Shammie to slow down; try again in 2 h.');
    expect(service.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('retries a dropped connection, then answers', async () => {
    const service = await serve();
    service.failNext({ fault: 'drop' });
    const { http } = client(service);
    await expect(http.getText('')).resolves.toMatchObject({ text: 'hello' });
    expect(service.requests).toHaveLength(2);
  });

  it('says the service is down when nothing listens', async () => {
    const service = await serve();
    await service.close();
    fake = undefined;
    const { http } = client(service, { retries: 1 });
    const error = await failure(http.getText(''));
    expect(error.code).toBe('SERVICE_DOWN');
    expect(error.message).toBe('arXiv did not answer; try again later.');
  });

  it('gives up on a hanging connection after the time limit, without retrying', async () => {
    const service = await serve();
    service.failNext({ fault: 'hang' });
    const { http } = client(service, { timeoutMs: 100 });
    const error = await failure(http.getText(''));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toBe('arXiv took too long to answer; try again later.');
    expect(service.requests).toHaveLength(1);
  });

  it('turns 404 into NOT_FOUND and other 4xx into BAD_RESPONSE, without retrying', async () => {
    const service = await serve();
    service.failNext({ status: 404 }, { status: 400 });
    const { http } = client(service);
    expect((await failure(http.getText(''))).code).toBe('NOT_FOUND');
    expect((await failure(http.getText(''))).code).toBe('BAD_RESPONSE');
    expect(service.requests).toHaveLength(2);
  });

  it('refuses an answer larger than the cap', async () => {
    const service = await serve('x'.repeat(5_000));
    const { http } = client(service, { maxBodyBytes: 1_000 });
    const error = await failure(http.getText(''));
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.message).toContain('too large');
  });

  it('parses JSON, and calls an answer that is not JSON BAD_RESPONSE', async () => {
    const service = await serve('{"ok":true}');
    const { http } = client(service);
    await expect(http.getJson('')).resolves.toEqual({ ok: true });
    service.failNext({ status: 200, body: '<html>maintenance</html>' });
    expect((await failure(http.getJson(''))).code).toBe('BAD_RESPONSE');
  });

  it('spaces requests to one host by the configured gap, across callers', async () => {
    const service = await serve();
    const { http, clock } = client(service, { spacingMs: 3_000 });
    await Promise.all([http.getText(''), http.getText(''), http.getText('')]);
    expect(clock.sleeps).toEqual([3_000, 3_000]);
  });
});

describe('cancelling', () => {
  it("stops waiting when the caller's signal aborts, with the caller's reason", async () => {
    // The caller leaves once the request has reached the service, which never answers it.
    const controller = new AbortController();
    const service = await startFakeService(() => {
      controller.abort(new Error('user left'));
      return { fault: 'hang' };
    });
    fake = service;
    const { http } = client(service, { timeoutMs: 5_000 });
    await expect(http.getText('', { signal: controller.signal })).rejects.toThrow('user left');
    expect(service.requests).toHaveLength(1);
  });
});
