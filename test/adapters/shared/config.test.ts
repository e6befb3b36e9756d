import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, secretValues } from '../../../adapters/shared/config.ts';
import { createLogger } from '../../../adapters/shared/logger.ts';

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

  it('names malformed values, missing partners and a cron pattern that cannot run, all at once', () => {
    const found = problems({
      LOG_LEVEL: 'loud',
      DISCORD_APPLICATION_ID: '123',
      SLACK_APP_TOKEN: 'xapp-1',
      SHAMMIE_DAILY_CRON: 'every morning',
    }).join('\n');
    expect(found).toContain('LOG_LEVEL');
    expect(found).toContain('DISCORD_APPLICATION_ID must be');
    expect(found).toContain('DISCORD_TOKEN is required when DISCORD_APPLICATION_ID is set');
    expect(found).toContain('SLACK_BOT_TOKEN is required');
    expect(found).toContain('SHAMMIE_DAILY_CRON must be a cron pattern');
  });

  it('checks the cron pattern in UTC when the time zone is itself a mistake', () => {
    const found = problems({ SHAMMIE_TIMEZONE: 'Mars/Olympus', SHAMMIE_DAILY_CRON: '0 25 * * *' });
    expect(found.join('\n')).toContain('SHAMMIE_TIMEZONE');
    expect(found.join('\n')).toContain('SHAMMIE_DAILY_CRON');
  });

  it('refuses a Discord id that is not a 17-to-20-digit snowflake, and says so truly', () => {
    for (const id of ['123', '1234567890123456', '123456789012345678901', '12345678901234567x']) {
      const found = problems({
        DISCORD_TOKEN: 't',
        DISCORD_APPLICATION_ID: id,
        DISCORD_GUILD_ID: id,
        DISCORD_DAILY_CHANNEL_ID: id,
      });
      expect(found, id).toHaveLength(3);
      for (const line of found) expect(line).toContain('numbers of 17 to 20 digits');
      expect(found.join('\n')).not.toContain(id);
    }
    for (const id of ['12345678901234567', '12345678901234567890']) {
      expect(problems({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: id }), id).toEqual([]);
    }
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

  it('names a malformed value of every checked kind without echoing it', () => {
    const values = {
      DISCORD_APPLICATION_ID: 'app-id-not-numeric-7731',
      DISCORD_GUILD_ID: 'guild-not-numeric-8842',
      DISCORD_API_URL: 'ftp://user:hunter2@proxy.example',
      SLACK_API_URL: 'slack-api-with-pass-9953',
      SLACK_APP_TOKEN: 'xoxb-wrong-kind-of-token-1164',
      PORT: 'port-99999999',
      SHAMMIE_TIMEZONE: 'Zone/Secretly-Named-2275',
    };
    const found = problems({ DISCORD_TOKEN: 'discord-token-3386', ...values }).join('\n');
    for (const [key, value] of Object.entries(values)) {
      expect(found).toContain(key);
      expect(found).not.toContain(value);
    }
    expect(found).not.toContain('hunter2');
    expect(found).not.toContain('discord-token-3386');
  });

  it('says which variable a missing partner needs, without the value of the one given', () => {
    const found = problems({ SLACK_SIGNING_SECRET: 'lonely-signing-secret-4497' }).join('\n');
    expect(found).toContain('SLACK_BOT_TOKEN is required');
    expect(found).not.toContain('lonely-signing-secret-4497');
    const discord = problems({ DISCORD_TOKEN: 'lonely-discord-token-5508' }).join('\n');
    expect(discord).toContain('DISCORD_APPLICATION_ID is required');
    expect(discord).not.toContain('lonely-discord-token-5508');
  });

  it('lists every secret value, so the logger masks a whole configuration logged by mistake', () => {
    const env = {
      DISCORD_TOKEN: 'MTIz.discord-secret-token',
      DISCORD_APPLICATION_ID: '123456789012345678',
      SLACK_BOT_TOKEN: 'xoxb-slack-secret-bot',
      SLACK_APP_TOKEN: 'xapp-slack-secret-app',
      SLACK_SIGNING_SECRET: 'slack-signing-secret-value',
      SHAMMIE_LLM_URL: 'http://127.0.0.1:11434',
      SHAMMIE_LLM_MODEL: 'llama3.1:8b',
      SHAMMIE_LLM_API_KEY: 'sk-model-secret-key-6619',
    };
    const config = loadConfig(env);
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      secrets: secretValues(config),
      destination: { write: (line: string) => lines.push(line) },
    });
    // Nested deeper than the redacted paths reach, and inside text.
    logger.info({ boot: { config } }, `started with ${JSON.stringify(config)}`);
    const text = lines.join('');
    expect(text).toContain('[redacted]');
    const notSecret = [
      env.DISCORD_APPLICATION_ID,
      env.SHAMMIE_LLM_URL,
      env.SHAMMIE_LLM_MODEL,
    ] as string[];
    for (const value of Object.values(env)) {
      if (!notSecret.includes(value)) expect(text).not.toContain(value);
    }
  });

  it('reads the model settings with the rest, or none when no model is configured', () => {
    expect(loadConfig({}).llm).toBeUndefined();
    expect(
      loadConfig({
        SHAMMIE_LLM_URL: 'http://127.0.0.1:11434',
        SHAMMIE_LLM_MODEL: 'llama3.1:8b',
        SHAMMIE_LLM_CONCURRENCY: '2',
      }).llm,
    ).toEqual({
      url: 'http://127.0.0.1:11434',
      model: 'llama3.1:8b',
      timeoutMs: 30_000,
      maxTokens: 400,
      concurrency: 2,
    });
  });

  it('names bad model settings in the same list as every other problem, never their values', () => {
    const found = problems({
      DISCORD_TOKEN: 'lonely-discord-token-7720',
      SHAMMIE_LLM_URL: 'ollama-at-home-3391',
      SHAMMIE_LLM_API_KEY: 'sk-stray-key-5518',
      SHAMMIE_LLM_MAX_TOKENS: 'lots',
    }).join('\n');
    expect(found).toContain('DISCORD_APPLICATION_ID is required');
    expect(found).toContain('SHAMMIE_LLM_URL must be an http(s) URL');
    expect(found).toContain('SHAMMIE_LLM_MAX_TOKENS must be a whole number');
    for (const value of ['ollama-at-home-3391', 'sk-stray-key-5518', 'lots']) {
      expect(found).not.toContain(value);
    }
    expect(problems({ SHAMMIE_LLM_URL: 'http://127.0.0.1:11434' })).toEqual([
      'SHAMMIE_LLM_MODEL is required when SHAMMIE_LLM_URL is set',
    ]);
  });
});
