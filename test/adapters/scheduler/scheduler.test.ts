import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  countsByChannelAndDate,
  fakeClock,
  flaky,
  gone,
  type Instance,
  instance,
  type ReceivedPost,
  recordingLogger,
  recordingPoster,
  tickEveryMinute,
} from './helpers.ts';
import { tempDir } from './temp-dir.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function dataDir(): string {
  const dir = tempDir();
  cleanups.push(dir.remove);
  return dir.path;
}

function track(i: Instance): Instance {
  cleanups.push(() => i.close());
  return i;
}

const discord = (channelId: string) => ({ platform: 'discord' as const, channelId });
const slack = (channelId: string) => ({ platform: 'slack' as const, channelId });

function iso(post: ReceivedPost): string {
  return new Date(post.at).toISOString();
}

describe('the daily scheduler across time zones', () => {
  it('posts once a day at each channel’s local time, across the US daylight-saving change', async () => {
    const clock = fakeClock('2024-03-08T12:00:00Z');
    const poster = recordingPoster('discord', clock);
    const bot = track(instance(dataDir(), clock, [poster]));
    await bot.commands.subscribe({
      channel: discord('paris'),
      time: '09:00',
      timezone: 'Europe/Paris',
    });
    await bot.commands.subscribe({
      channel: discord('nyc'),
      time: '09:00',
      timezone: 'America/New_York',
    });
    await bot.commands.subscribe({
      channel: discord('tokyo'),
      time: '09:00',
      timezone: 'Asia/Tokyo',
    });
    await bot.commands.subscribe({
      channel: discord('kolkata'),
      time: '07:30',
      timezone: 'Asia/Kolkata',
    });

    // New York springs forward on Sunday 10 March 2024; Europe, Tokyo and Kolkata do not.
    await tickEveryMinute(clock, bot.scheduler, '2024-03-08T12:00:00Z', '2024-03-12T12:00:00Z');

    const byChannel = (id: string) => poster.sent.filter((p) => p.channelId === id).map(iso);
    expect(byChannel('nyc')).toEqual([
      '2024-03-08T14:00:00.000Z',
      '2024-03-09T14:00:00.000Z',
      '2024-03-10T13:00:00.000Z',
      '2024-03-11T13:00:00.000Z',
    ]);
    // Subscribed after Paris's 09:00 on the 8th: its first post is on the 9th.
    expect(byChannel('paris')).toEqual([
      '2024-03-09T08:00:00.000Z',
      '2024-03-10T08:00:00.000Z',
      '2024-03-11T08:00:00.000Z',
      '2024-03-12T08:00:00.000Z',
    ]);
    expect(byChannel('tokyo')).toEqual([
      '2024-03-09T00:00:00.000Z',
      '2024-03-10T00:00:00.000Z',
      '2024-03-11T00:00:00.000Z',
      '2024-03-12T00:00:00.000Z',
    ]);
    expect(byChannel('kolkata')).toEqual([
      '2024-03-09T02:00:00.000Z',
      '2024-03-10T02:00:00.000Z',
      '2024-03-11T02:00:00.000Z',
      '2024-03-12T02:00:00.000Z',
    ]);
    expect([...countsByChannelAndDate(poster.sent).values()].every((n) => n === 1)).toBe(true);
  });

  it('gives every channel the same paper on the same local date, whatever its zone', async () => {
    const clock = fakeClock('2024-05-01T00:00:00Z');
    const poster = recordingPoster('slack', clock);
    const bot = track(instance(dataDir(), clock, [poster]));
    for (const zone of [
      'Pacific/Kiritimati',
      'Asia/Tokyo',
      'Europe/London',
      'America/Los_Angeles',
      'Pacific/Pago_Pago',
    ]) {
      await bot.commands.subscribe({ channel: slack(zone), time: '06:00', timezone: zone });
    }
    await tickEveryMinute(clock, bot.scheduler, '2024-05-01T00:00:00Z', '2024-05-04T00:00:00Z');
    const papersByDate = new Map<string, Set<string>>();
    for (const post of poster.sent) {
      papersByDate.set(post.date, (papersByDate.get(post.date) ?? new Set()).add(post.paperId));
    }
    expect(papersByDate.size).toBeGreaterThanOrEqual(3);
    for (const papers of papersByDate.values()) expect(papers.size).toBe(1);
    // Consecutive days get different papers (a shuffled cycle, no repeats within it).
    const sequence = [...papersByDate.entries()].sort().map(([, p]) => [...p][0]);
    expect(new Set(sequence).size).toBe(sequence.length);
  });

  it('posts once on the European spring-forward day, when 02:30 does not exist', async () => {
    const clock = fakeClock('2024-03-30T00:00:00Z');
    const poster = recordingPoster('discord', clock);
    const bot = track(instance(dataDir(), clock, [poster]));
    await bot.commands.subscribe({
      channel: discord('night-owls'),
      time: '02:30',
      timezone: 'Europe/Paris',
    });
    await tickEveryMinute(clock, bot.scheduler, '2024-03-30T00:00:00Z', '2024-04-02T00:00:00Z');
    expect(poster.sent.map((p) => [p.date, iso(p)])).toEqual([
      ['2024-03-30', '2024-03-30T01:30:00.000Z'],
      // 02:30 is skipped by the clock change: the post goes at the next valid time, 03:30 CEST.
      ['2024-03-31', '2024-03-31T01:30:00.000Z'],
      ['2024-04-01', '2024-04-01T00:30:00.000Z'],
    ]);
  });

  it('posts once on the autumn day when 02:30 happens twice', async () => {
    const clock = fakeClock('2024-10-26T20:00:00Z');
    const poster = recordingPoster('discord', clock);
    const bot = track(instance(dataDir(), clock, [poster]));
    await bot.commands.subscribe({
      channel: discord('night-owls'),
      time: '02:30',
      timezone: 'Europe/Paris',
    });
    await tickEveryMinute(clock, bot.scheduler, '2024-10-26T20:00:00Z', '2024-10-28T00:00:00Z');
    expect(poster.sent.map((p) => p.date)).toEqual(['2024-10-27']);
  });

  it('does not post twice when the clock jumps back over the slot', async () => {
    const clock = fakeClock('2024-06-01T08:59:00Z');
    const poster = recordingPoster('discord', clock);
    const bot = track(instance(dataDir(), clock, [poster]));
    await bot.commands.subscribe({ channel: discord('c'), time: '09:00', timezone: 'UTC' });
    await tickEveryMinute(clock, bot.scheduler, '2024-06-01T08:59:00Z', '2024-06-01T09:05:00Z');
    // NTP corrects the clock back half an hour; the slot comes round again.
    await tickEveryMinute(clock, bot.scheduler, '2024-06-01T08:35:00Z', '2024-06-01T09:10:00Z');
    // And a jump back across midnight to yesterday, which was never subscribed.
    await tickEveryMinute(clock, bot.scheduler, '2024-05-31T23:55:00Z', '2024-06-01T00:05:00Z');
    expect(poster.sent.map((p) => p.date)).toEqual(['2024-06-01']);
  });

  it('owes nothing for a slot that passed before the channel subscribed', async () => {
    const clock = fakeClock('2024-06-01T10:00:00Z');
    const poster = recordingPoster('slack', clock);
    const bot = track(instance(dataDir(), clock, [poster]));
    await bot.commands.subscribe({ channel: slack('C1'), time: '09:00', timezone: 'UTC' });
    await tickEveryMinute(clock, bot.scheduler, '2024-06-01T10:00:00Z', '2024-06-02T10:00:00Z');
    expect(poster.sent.map(iso)).toEqual(['2024-06-02T09:00:00.000Z']);
  });
});

describe('restarts and missed slots', () => {
  it('does not post again when the bot restarts mid-day on the same data directory', async () => {
    const dir = dataDir();
    const clock = fakeClock('2024-06-01T08:00:00Z');
    const poster = recordingPoster('discord', clock);
    const first = instance(dir, clock, [poster]);
    await first.commands.subscribe({ channel: discord('c1'), time: '09:00', timezone: 'UTC' });
    await first.commands.subscribe({ channel: discord('c2'), time: '15:00', timezone: 'UTC' });
    await tickEveryMinute(clock, first.scheduler, '2024-06-01T08:00:00Z', '2024-06-01T12:00:00Z');
    await first.close();

    const second = track(instance(dir, clock, [poster]));
    await tickEveryMinute(clock, second.scheduler, '2024-06-01T12:00:00Z', '2024-06-02T10:00:00Z');
    expect(poster.sent.map((p) => `${p.channelId} ${iso(p)}`)).toEqual([
      'c1 2024-06-01T09:00:00.000Z',
      'c2 2024-06-01T15:00:00.000Z',
      'c1 2024-06-02T09:00:00.000Z',
    ]);
    // The post log survived the restart.
    const status = await second.commands.status(discord('c1'));
    expect(status.text).toContain('Last post: "');
    expect(status.text).toContain('for 2024-06-02');
  });

  it('catches a slot missed while the bot was down up once, the same day', async () => {
    const dir = dataDir();
    const clock = fakeClock('2024-06-01T07:00:00Z');
    const poster = recordingPoster('slack', clock);
    const before = instance(dir, clock, [poster]);
    await before.commands.subscribe({ channel: slack('C1'), time: '09:00', timezone: 'UTC' });
    await tickEveryMinute(clock, before.scheduler, '2024-06-01T07:00:00Z', '2024-06-01T08:00:00Z');
    await before.close();

    // Down from 08:00 to 11:17.
    const after = track(instance(dir, clock, [poster]));
    await tickEveryMinute(clock, after.scheduler, '2024-06-01T11:17:00Z', '2024-06-01T13:00:00Z');
    expect(poster.sent.map(iso)).toEqual(['2024-06-01T11:17:00.000Z']);
  });

  it('never catches up a slot of a day that has already ended', async () => {
    const dir = dataDir();
    const clock = fakeClock('2024-06-01T07:00:00Z');
    const poster = recordingPoster('slack', clock);
    const before = instance(dir, clock, [poster]);
    await before.commands.subscribe({ channel: slack('C1'), time: '09:00', timezone: 'UTC' });
    await before.close();
    // Down for all of 1 June; back at 08:00 on 2 June.
    const after = track(instance(dir, clock, [poster]));
    await tickEveryMinute(clock, after.scheduler, '2024-06-02T08:00:00Z', '2024-06-02T10:00:00Z');
    expect(poster.sent.map((p) => `${p.date} ${iso(p)}`)).toEqual([
      '2024-06-02 2024-06-02T09:00:00.000Z',
    ]);
  });

  it('skips a missed slot, and records why, when catch-up is off', async () => {
    const dir = dataDir();
    const clock = fakeClock('2024-06-01T07:00:00Z');
    const poster = recordingPoster('slack', clock);
    const bot = track(instance(dir, clock, [poster], { catchUp: 'skip' }));
    await bot.commands.subscribe({ channel: slack('C1'), time: '09:00', timezone: 'UTC' });
    // A tick two minutes late still counts as on time.
    await tickEveryMinute(clock, bot.scheduler, '2024-06-01T09:02:00Z', '2024-06-01T09:03:00Z');
    // Then the bot is down across the next day's slot.
    await tickEveryMinute(clock, bot.scheduler, '2024-06-02T11:00:00Z', '2024-06-02T12:00:00Z');
    expect(poster.sent.map((p) => p.date)).toEqual(['2024-06-01']);
    expect(bot.store.getPost('slack', 'C1', '2024-06-02')?.status).toBe('skipped');
    expect((await bot.commands.status(slack('C1'))).text).toContain("Today's post was skipped");
    await tickEveryMinute(clock, bot.scheduler, '2024-06-03T08:58:00Z', '2024-06-03T09:01:00Z');
    expect(poster.sent.map((p) => p.date)).toEqual(['2024-06-01', '2024-06-03']);
  });
});

describe('two ticks or two processes at once', () => {
  it('posts each channel once when two schedulers tick the same database at the same moment', async () => {
    const dir = dataDir();
    const clock = fakeClock('2024-06-01T09:00:00Z');
    const sent: ReceivedPost[] = [];
    const a = track(
      instance(dir, clock, [recordingPoster('discord', clock, undefined, sent)], { owner: 'a' }),
    );
    const b = track(
      instance(dir, clock, [recordingPoster('discord', clock, undefined, sent)], { owner: 'b' }),
    );
    for (let i = 0; i < 60; i += 1) {
      await a.commands.subscribe({ channel: discord(`ch${i}`), time: '09:00', timezone: 'UTC' });
    }
    const [ra, rb] = await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
    expect(sent).toHaveLength(60);
    expect(new Set(sent.map((p) => p.channelId)).size).toBe(60);
    expect(ra.posted + rb.posted).toBe(60);
    expect(ra.posted).toBeGreaterThan(0);
    expect(rb.posted).toBeGreaterThan(0);
    // Both ticks again, a moment later: nothing more.
    clock.advance(60_000);
    await Promise.all([a.scheduler.tick(), b.scheduler.tick(), a.scheduler.tick()]);
    expect(sent).toHaveLength(60);
  });

  it('shares one run between overlapping calls of the same scheduler', async () => {
    const clock = fakeClock('2024-06-01T09:00:00Z');
    const poster = recordingPoster('slack', clock);
    const bot = track(instance(dataDir(), clock, [poster]));
    await bot.commands.subscribe({ channel: slack('C1'), time: '09:00', timezone: 'UTC' });
    const first = bot.scheduler.tick();
    const second = bot.scheduler.tick();
    expect(second).toBe(first);
    await first;
    expect(poster.sent).toHaveLength(1);
  });
});

describe('a crash between sending and recording', () => {
  it('never re-sends a claimed post that was not recorded, and says so in status', async () => {
    const dir = dataDir();
    const clock = fakeClock('2024-06-01T09:00:00Z');
    const sent: ReceivedPost[] = [];
    // The first process sends to "c1" and dies before the platform's answer is recorded.
    const dying = instance(dir, clock, [
      recordingPoster('discord', clock, (id) => (id === 'c1' ? 'hang-after-send' : 'ok'), sent),
    ]);
    await dying.commands.subscribe({ channel: discord('c1'), time: '09:00', timezone: 'UTC' });
    await dying.commands.subscribe({ channel: discord('c2'), time: '09:00', timezone: 'UTC' });
    void dying.scheduler.tick();
    await vi.waitFor(() => expect(sent).toHaveLength(2), { interval: 1 });
    dying.store.close(); // the process is gone; its tick never finishes

    const logger = recordingLogger();
    const poster = recordingPoster('discord', clock, undefined, sent);
    const restarted = track(instance(dir, clock, [poster], { logger }));
    expect(restarted.store.getPost('discord', 'c1', '2024-06-01')?.status).toBe('claimed');
    await tickEveryMinute(
      clock,
      restarted.scheduler,
      '2024-06-01T09:01:00Z',
      '2024-06-01T10:00:00Z',
    );
    expect(sent.map((p) => p.channelId).sort()).toEqual(['c1', 'c2']);
    // Past the lease the claim is marked unknown, logged, and still not re-sent.
    expect(restarted.store.getPost('discord', 'c1', '2024-06-01')?.status).toBe('unknown');
    expect(logger.entries.some((e) => e.level === 'warn' && /never recorded/.test(e.msg))).toBe(
      true,
    );
    expect((await restarted.commands.status(discord('c1'))).text).toContain(
      'may not have gone out',
    );
    // The next day is a fresh date and posts normally.
    await tickEveryMinute(
      clock,
      restarted.scheduler,
      '2024-06-02T08:59:00Z',
      '2024-06-02T09:02:00Z',
    );
    expect(countsByChannelAndDate(sent)).toEqual(
      new Map([
        ['discord:c1 2024-06-01', 1],
        ['discord:c2 2024-06-01', 1],
        ['discord:c1 2024-06-02', 1],
        ['discord:c2 2024-06-02', 1],
      ]),
    );
  });

  it('does not resend when the post went out but the database could not record it', async () => {
    const dir = dataDir();
    const clock = fakeClock('2024-06-01T09:00:00Z');
    const sent: ReceivedPost[] = [];
    const logger = recordingLogger();
    let closeDatabase: () => void = () => undefined;
    const poster = recordingPoster('slack', clock, undefined, sent);
    const send = poster.postDaily.bind(poster);
    // The database goes away while the message is in flight.
    poster.postDaily = async (channelId, view) => {
      const result = await send(channelId, view);
      closeDatabase();
      return result;
    };
    const bot = instance(dir, clock, [poster], { logger });
    closeDatabase = () => bot.store.close();
    await bot.commands.subscribe({ channel: slack('C1'), time: '09:00', timezone: 'UTC' });
    const report = await bot.scheduler.tick();
    expect(report.unrecorded).toBe(1);
    expect(
      logger.entries.some((e) => e.level === 'error' && /sent but not recorded/.test(e.msg)),
    ).toBe(true);

    const again = track(instance(dir, clock, [recordingPoster('slack', clock, undefined, sent)]));
    await tickEveryMinute(clock, again.scheduler, '2024-06-01T09:01:00Z', '2024-06-01T12:00:00Z');
    expect(sent).toHaveLength(1);
  });
});

describe('failing channels', () => {
  it('keeps posting to healthy channels and pauses one that keeps refusing, with a log line', async () => {
    const clock = fakeClock('2024-06-01T08:00:00Z');
    const logger = recordingLogger();
    const poster = recordingPoster('discord', clock, (id) => (id === 'deleted' ? gone() : 'ok'));
    const bot = track(instance(dataDir(), clock, [poster], { logger, retry: { pauseAfter: 3 } }));
    for (const id of ['a', 'deleted', 'b', 'c']) {
      await bot.commands.subscribe({ channel: discord(id), time: '09:00', timezone: 'UTC' });
    }
    await tickEveryMinute(clock, bot.scheduler, '2024-06-01T08:00:00Z', '2024-06-03T12:00:00Z');

    const healthy = ['a', 'b', 'c'].flatMap((id) =>
      ['2024-06-01', '2024-06-02', '2024-06-03'].map((date) => `${id} ${date}`),
    );
    expect(poster.sent.map((p) => `${p.channelId} ${p.date}`).sort()).toEqual(healthy);
    // A permanent refusal is not retried within the tick; retried an hour later; paused at 3.
    expect(poster.attempts.get('deleted')).toBe(3);
    expect(bot.store.getSubscription('discord', 'deleted')).toMatchObject({
      paused: true,
      failures: 3,
    });
    const paused = logger.entries.filter((e) => /paused/.test(e.msg));
    expect(paused).toHaveLength(1);
    expect(paused[0]).toMatchObject({
      level: 'warn',
      fields: { channel: 'deleted', platform: 'discord' },
    });
    const status = await bot.commands.status(discord('deleted'));
    expect(status.text).toContain('Paused after 3 failed posts (last error: Unknown Channel)');

    // Subscribing again resumes it.
    await bot.commands.subscribe({ channel: discord('deleted'), time: '09:00', timezone: 'UTC' });
    expect(bot.store.getSubscription('discord', 'deleted')?.paused).toBe(false);
  });

  it('retries a transient failure with growing waits inside the tick, then succeeds once', async () => {
    const clock = fakeClock('2024-06-01T09:00:00Z');
    const waits: number[] = [];
    const poster = recordingPoster('slack', clock, (_, attempt) => (attempt < 3 ? flaky() : 'ok'));
    const bot = track(
      instance(dataDir(), clock, [poster], {
        sleep: async (ms) => {
          waits.push(ms);
          clock.advance(ms);
        },
      }),
    );
    await bot.commands.subscribe({ channel: slack('C1'), time: '09:00', timezone: 'UTC' });
    const report = await bot.scheduler.tick();
    expect(report.posted).toBe(1);
    expect(waits).toEqual([2_000, 4_000]);
    expect(poster.sent).toHaveLength(1);
    expect(bot.store.getPost('slack', 'C1', '2024-06-01')).toMatchObject({
      status: 'posted',
      attempts: 3,
    });
  });

  it('waits for a later tick when rate limited for longer than a tick should wait', async () => {
    const clock = fakeClock('2024-06-01T09:00:00Z');
    const poster = recordingPoster('slack', clock, (_, attempt) =>
      attempt === 1 ? flaky(10 * 60_000) : 'ok',
    );
    const bot = track(instance(dataDir(), clock, [poster]));
    await bot.commands.subscribe({ channel: slack('C1'), time: '09:00', timezone: 'UTC' });
    await tickEveryMinute(clock, bot.scheduler, '2024-06-01T09:00:00Z', '2024-06-01T09:30:00Z');
    expect(poster.sent.map(iso)).toEqual(['2024-06-01T09:10:00.000Z']);
    expect(poster.attempts.get('C1')).toBe(2);
  });

  it('treats an error that is not a PostError as transient', async () => {
    const clock = fakeClock('2024-06-01T09:00:00Z');
    const poster = recordingPoster('slack', clock, (_, attempt) =>
      attempt === 1 ? new Error('socket hang up') : 'ok',
    );
    const bot = track(instance(dataDir(), clock, [poster]));
    await bot.commands.subscribe({ channel: slack('C1'), time: '09:00', timezone: 'UTC' });
    await bot.scheduler.tick();
    expect(poster.sent).toHaveLength(1);
    expect(bot.store.getSubscription('slack', 'C1')?.failures).toBe(0);
  });

  it('logs a subscription it cannot schedule and posts to the others', async () => {
    const clock = fakeClock('2024-06-01T09:00:00Z');
    const logger = recordingLogger();
    const poster = recordingPoster('discord', clock);
    const bot = track(instance(dataDir(), clock, [poster], { logger }));
    await bot.commands.subscribe({ channel: discord('good'), time: '09:00', timezone: 'UTC' });
    await bot.commands.subscribe({ channel: discord('odd'), time: '09:00', timezone: 'UTC' });
    // As if written by a Node whose time-zone data knew a zone this one does not.
    bot.store.db
      .prepare("UPDATE subscriptions SET timezone = 'Atlantis/Poseidonia' WHERE channel_id = 'odd'")
      .run();
    await bot.scheduler.tick();
    expect(poster.sent.map((p) => p.channelId)).toEqual(['good']);
    expect(logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'error',
        msg: 'daily subscription could not be scheduled',
        fields: expect.objectContaining({ channel: 'odd' }),
      }),
    );
  });

  it('waits for a platform that is not running without claiming its dates', async () => {
    const dir = dataDir();
    const clock = fakeClock('2024-06-01T09:00:00Z');
    const slackOnly = track(instance(dir, clock, [recordingPoster('slack', clock)]));
    await slackOnly.commands.subscribe({ channel: discord('d1'), time: '09:00', timezone: 'UTC' });
    await slackOnly.scheduler.tick();
    expect(slackOnly.store.getPost('discord', 'd1', '2024-06-01')).toBeUndefined();
  });
});

describe('scale', () => {
  it('posts to 1,000 subscribed channels in one tick, each exactly once', async () => {
    const clock = fakeClock('2024-06-01T12:00:00Z');
    const discordPoster = recordingPoster('discord', clock);
    const slackPoster = recordingPoster('slack', clock);
    const bot = track(instance(dataDir(), clock, [discordPoster, slackPoster], { concurrency: 8 }));
    const zones = ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney'];
    for (let i = 0; i < 1_000; i += 1) {
      const channel = i % 2 === 0 ? discord(`d${i}`) : slack(`s${i}`);
      // Every one of them is due at 12:00 UTC, written as the local time of five zones.
      const zone = zones[i % zones.length]!;
      const local = new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(clock.now());
      await bot.commands.subscribe({ channel, time: local, timezone: zone });
    }
    // Subscribed at 12:00 for 12:00: the slot is not before the subscription, so it is owed.
    const report = await bot.scheduler.tick();
    const sent = [...discordPoster.sent, ...slackPoster.sent];
    expect(report).toMatchObject({ checked: 1_000, posted: 1_000, failed: 0 });
    expect(new Set(sent.map((p) => `${p.platform}:${p.channelId}`)).size).toBe(1_000);
    clock.advance(60_000);
    expect((await bot.scheduler.tick()).posted).toBe(0);
    expect(sent).toHaveLength(1_000);
  });
});

describe('start and stop', () => {
  it('ticks at once on start (catching up), and stop waits for the post in flight', async () => {
    const clock = fakeClock('2024-06-01T10:00:00Z');
    let stopped: Promise<void> | undefined;
    const poster = recordingPoster('discord', clock, () => {
      // The stop arrives while the post is on its way.
      stopped = bot.scheduler.stop();
      return 'ok';
    });
    const bot = track(instance(dataDir(), clock, [poster]));
    await bot.commands.subscribe({ channel: discord('c'), time: '10:00', timezone: 'UTC' });
    bot.scheduler.start();
    await vi.waitFor(() => expect(stopped).toBeDefined());
    await stopped;
    expect(poster.sent).toHaveLength(1);
    expect(bot.store.getPost('discord', 'c', '2024-06-01')?.status).toBe('posted');
  });

  it('stops retrying once stopping, leaving the post for a later run', async () => {
    const clock = fakeClock('2024-06-01T09:00:00Z');
    let bot: Instance | undefined;
    const poster = recordingPoster('slack', clock, () => flaky());
    bot = track(
      instance(dataDir(), clock, [poster], {
        // A stop arrives during the first wait.
        sleep: async () => {
          void bot!.scheduler.stop();
        },
      }),
    );
    await bot.commands.subscribe({ channel: slack('C1'), time: '09:00', timezone: 'UTC' });
    await bot.scheduler.tick();
    expect(poster.attempts.get('C1')).toBe(1);
    expect(bot.store.getPost('slack', 'C1', '2024-06-01')).toMatchObject({ status: 'failed' });
  });
});
