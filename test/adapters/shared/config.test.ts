import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../adapters/shared/config.ts';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration from the environment', () => {
  it('runs with defaults and no platform when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      corpus: './corpus',
      dataDir: './data',
      logLevel: 'info',
      daily: { cron: '0 9 * * *', timezone: 'UTC', catchUp: 'catch-up' },
    });
    expect(config.discord).toBeUndefined();
    expect(config.slack).toBeUndefined();
  });

  it('turns Discord on with a token and an application id', () => {
    const config = loadConfig({
      DISCORD_TOKEN: 'abc.def.ghi',
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_GUILD_ID: '223456789012345678',
      DISCORD_API_URL: 'http://127.0.0.1:9999/api',
    });
    expect(config.discord).toEqual({
      token: 'abc.def.ghi',
      applicationId: '123456789012345678',
      guildId: '223456789012345678',
      apiUrl: 'http://127.0.0.1:9999/api',
    });
  });

  it('chooses Socket Mode with an app token and HTTP mode with a signing secret', () => {
    expect(
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack?.appToken,
    ).toBe('xapp-1');
    const http = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's3cret',
      PORT: '8080',
    });
    expect(http.slack).toMatchObject({ signingSecret: 's3cret', port: 8080 });
    expect(http.slack?.appToken).toBeUndefined();
  });

  it('names every missing or malformed key at once', () => {
    const found = problems({
      DISCORD_TOKEN: 'abc',
      SLACK_BOT_TOKEN: 'not-a-bot-token',
      SHAMMIE_TIMEZONE: 'Mars/Olympus',
      LOG_LEVEL: 'loud',
      SHAMMIE_DAILY_CATCH_UP: 'maybe',
    });
    expect(found.join('\n')).toMatch(/SLACK_BOT_TOKEN/);
    expect(found.join('\n')).toMatch(/SHAMMIE_TIMEZONE/);
    expect(found.join('\n')).toMatch(/LOG_LEVEL/);
    expect(found.join('\n')).toMatch(/SHAMMIE_DAILY_CATCH_UP/);
    expect(found.length).toBeGreaterThanOrEqual(4);
  });

  it('never echoes a value, which may be a secret', () => {
    const secret = 'xoxq-super-secret-value';
    const found = problems({ SLACK_BOT_TOKEN: secret, DISCORD_TOKEN: 'tok-secret-123' });
    expect(found.length).toBeGreaterThan(0);
    expect(found.join('\n')).not.toContain(secret);
    expect(found.join('\n')).not.toContain('tok-secret-123');
  });

  it('reads the catch-up choice for missed daily slots', () => {
    expect(loadConfig({ SHAMMIE_DAILY_CATCH_UP: 'skip' }).daily.catchUp).toBe('skip');
  });
});
