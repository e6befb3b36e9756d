import { afterEach, describe, expect, it } from 'vitest';
import { parseSchedule } from '../../../adapters/scheduler/daily-commands.ts';
import { syncEnvSubscriptions } from '../../../adapters/scheduler/env-subscriptions.ts';
import {
  fakeClock,
  type Instance,
  instance,
  recordingLogger,
  recordingPoster,
  tickEveryMinute,
} from './helpers.ts';
import { tempDir } from './temp-dir.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function bot(now = '2024-03-11T10:00:00Z'): { clock: ReturnType<typeof fakeClock>; i: Instance } {
  const dir = tempDir();
  const clock = fakeClock(now);
  const i = instance(dir.path, clock, [
    recordingPoster('slack', clock),
    recordingPoster('discord', clock),
  ]);
  cleanups.push(dir.remove, () => i.close());
  return { clock, i };
}

const here = { platform: 'slack' as const, channelId: 'C123', workspaceId: 'T1' };
const defaults = { cron: '0 9 * * *', timezone: 'UTC' };

describe('parseSchedule', () => {
  it('accepts HH:MM with an IANA zone, and normalises both', () => {
    expect(parseSchedule({ time: '7:05', timezone: 'europe/paris' }, defaults)).toEqual({
      time: '07:05',
      cron: '5 7 * * *',
      timezone: 'Europe/Paris',
    });
  });

  it('fills what is missing from the default schedule', () => {
    expect(parseSchedule({}, defaults)).toEqual({
      time: '09:00',
      cron: '0 9 * * *',
      timezone: 'UTC',
    });
    expect(parseSchedule({ timezone: 'Asia/Tokyo' }, defaults)).toMatchObject({
      time: '09:00',
      timezone: 'Asia/Tokyo',
    });
    expect(
      parseSchedule({ time: '18:30' }, { cron: '0 9 * * *', timezone: 'America/Chicago' }),
    ).toMatchObject({
      time: '18:30',
      timezone: 'America/Chicago',
    });
  });

  it('keeps a default cron that is not a single daily time', () => {
    expect(parseSchedule({}, { cron: '0 9 * * 1-5', timezone: 'UTC' })).toEqual({
      cron: '0 9 * * 1-5',
      timezone: 'UTC',
    });
  });

  it('understands a zone given where the time goes', () => {
    expect(parseSchedule({ time: 'Europe/Berlin' }, defaults)).toMatchObject({
      timezone: 'Europe/Berlin',
      time: '09:00',
    });
  });

  it.each([
    [{ time: '25:00' }, '"25:00" is not a time'],
    [{ time: '9am' }, '"9am" is not a time'],
    [{ time: '09:60' }, '"09:60" is not a time'],
    [{ time: '09:00', timezone: 'Mars/Olympus_Mons' }, '"Mars/Olympus_Mons" is not a time zone'],
    [{ time: '09:00', timezone: '+02:00' }, '"+02:00" is not a time zone'],
    [{ time: '09:00', timezone: 'CEST' }, '"CEST" is not a time zone'],
  ])('refuses %j with a clear message and an example', (request, message) => {
    const result = parseSchedule(request, defaults);
    expect(result).toHaveProperty('problem');
    const { problem } = result as { problem: string };
    expect(problem).toContain(message);
    expect(problem).toContain('For example: 09:00 Europe/Paris');
  });

  it('names both problems at once, and never echoes more than a short piece of input', () => {
    const { problem } = parseSchedule({ time: '99:99', timezone: 'x'.repeat(500) }, defaults) as {
      problem: string;
    };
    expect(problem).toContain('"99:99" is not a time');
    expect(problem).toContain('is not a time zone');
    expect(problem.length).toBeLessThan(400);
  });
});

describe('daily commands', () => {
  it('subscribes, tells the next post time in the channel’s zone, and then posts there', async () => {
    const { clock, i } = bot('2024-03-11T10:00:00Z');
    const result = await i.commands.subscribe({
      channel: here,
      time: '08:30',
      timezone: 'Europe/Paris',
    });
    expect(result).toEqual({
      ok: true,
      text: 'Subscribed to the daily paper, every day at 08:30 (Europe/Paris). Next post: Tue, 12 Mar 2024, 08:30 (Europe/Paris).',
    });
    expect(i.store.getSubscription('slack', 'C123')).toMatchObject({
      workspaceId: 'T1',
      source: 'command',
    });
    await tickEveryMinute(clock, i.scheduler, '2024-03-12T07:25:00Z', '2024-03-12T07:35:00Z');
    const status = await i.commands.status(here);
    expect(status.text).toMatch(
      /^Subscribed: the daily paper every day at 08:30 \(Europe\/Paris\)\.$/m,
    );
    expect(status.text).toContain('Next post: Wed, 13 Mar 2024, 08:30 (Europe/Paris).');
    expect(status.text).toMatch(/Last post: ".+", for 2024-03-12\./);
  });

  it('says when a subscription is unchanged or updated', async () => {
    const { i } = bot();
    await i.commands.subscribe({ channel: here, time: '09:00', timezone: 'UTC' });
    expect(
      (await i.commands.subscribe({ channel: here, time: '09:00', timezone: 'UTC' })).text,
    ).toMatch(/^Already subscribed to the daily paper, every day at 09:00 \(UTC\)\./);
    expect(
      (await i.commands.subscribe({ channel: here, time: '17:45', timezone: 'UTC' })).text,
    ).toMatch(
      /^Updated: the daily paper now comes every day at 17:45 \(UTC\)\. Next post: Mon, 11 Mar 2024, 17:45/,
    );
  });

  it('refuses a bad time without touching the subscription', async () => {
    const { i } = bot();
    const result = await i.commands.subscribe({ channel: here, time: '24:00', timezone: 'UTC' });
    expect(result.ok).toBe(false);
    expect(result.text).toContain('09:00 Europe/Paris');
    expect(i.store.getSubscription('slack', 'C123')).toBeUndefined();
  });

  it('unsubscribes, and says so when there was nothing to undo', async () => {
    const { i } = bot();
    await i.commands.subscribe({ channel: here });
    expect((await i.commands.unsubscribe(here)).text).toBe(
      'Unsubscribed: no more daily paper in that channel.',
    );
    expect((await i.commands.unsubscribe(here)).text).toBe(
      'That channel is not subscribed to the daily paper.',
    );
    expect((await i.commands.status(here)).text).toContain('not subscribed');
  });

  it('keeps channels of the two platforms apart', async () => {
    const { i } = bot();
    await i.commands.subscribe({
      channel: { platform: 'discord', channelId: 'C123' },
      time: '10:00',
    });
    expect((await i.commands.status(here)).text).toContain('not subscribed');
  });
});

describe('channels from the environment', () => {
  const config = (discordChannel?: string, slackChannel?: string, cron = '0 9 * * *') => ({
    daily: { cron, timezone: 'Europe/Paris' },
    discord: {
      token: 't',
      applicationId: '123456',
      ...(discordChannel ? { dailyChannelId: discordChannel } : {}),
    },
    slack: {
      botToken: 'xoxb-1',
      port: 3000,
      ...(slackChannel ? { dailyChannelId: slackChannel } : {}),
    },
  });

  it('subscribes the named channels on the default schedule, and drops them when no longer named', async () => {
    const { clock, i } = bot();
    const logger = recordingLogger();
    syncEnvSubscriptions(i.store, config('111', 'C9'), clock.now(), logger);
    expect(i.store.getSubscription('discord', '111')).toMatchObject({
      source: 'env',
      time: '09:00',
      timezone: 'Europe/Paris',
    });
    expect(i.store.getSubscription('slack', 'C9')).toMatchObject({ source: 'env' });
    syncEnvSubscriptions(i.store, config('222', undefined, '30 7 * * *'), clock.now(), logger);
    expect(i.store.getSubscription('discord', '111')).toBeUndefined();
    expect(i.store.getSubscription('discord', '222')).toMatchObject({
      cron: '30 7 * * *',
      time: '07:30',
    });
    expect(i.store.getSubscription('slack', 'C9')).toBeUndefined();
  });

  it('leaves a channel someone subscribed by command as they set it', async () => {
    const { clock, i } = bot();
    await i.commands.subscribe({
      channel: { platform: 'discord', channelId: '111' },
      time: '12:00',
      timezone: 'UTC',
    });
    syncEnvSubscriptions(i.store, config('111'), clock.now(), recordingLogger());
    expect(i.store.getSubscription('discord', '111')).toMatchObject({
      source: 'command',
      time: '12:00',
    });
    syncEnvSubscriptions(i.store, config(), clock.now(), recordingLogger());
    expect(i.store.getSubscription('discord', '111')).toBeDefined();
  });

  it('warns that unsubscribing a configured channel lasts until the next restart', async () => {
    const { clock, i } = bot();
    syncEnvSubscriptions(i.store, config(undefined, 'C9'), clock.now(), recordingLogger());
    const result = await i.commands.unsubscribe({ platform: 'slack', channelId: 'C9' });
    expect(result.text).toContain('SLACK_DAILY_CHANNEL_ID');
  });
});
