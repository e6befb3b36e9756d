import { describe, expect, it } from 'vitest';
import { readLlmSettings } from '../../../adapters/shared/llm-settings.ts';

describe('the model settings', () => {
  it('are absent without a URL: ask answers extractively', () => {
    expect(readLlmSettings({})).toEqual({ problems: [] });
  });

  it('read the URL, model and key, with the defaults for the rest', () => {
    expect(
      readLlmSettings({
        SHAMMIE_LLM_URL: ' http://127.0.0.1:8080 ',
        SHAMMIE_LLM_MODEL: 'qwen',
        SHAMMIE_LLM_API_KEY: 'sk-secret-value',
      }),
    ).toEqual({
      problems: [],
      settings: {
        url: 'http://127.0.0.1:8080',
        model: 'qwen',
        apiKey: 'sk-secret-value',
        timeoutMs: 30_000,
        maxTokens: 400,
        concurrency: 4,
      },
    });
  });

  it('name every malformed or missing key and never echo a value', () => {
    const { settings, problems } = readLlmSettings({
      SHAMMIE_LLM_URL: 'ftp://nope',
      SHAMMIE_LLM_TIMEOUT_S: '0',
      SHAMMIE_LLM_CONCURRENCY: 'many',
      SHAMMIE_LLM_API_KEY: 'sk-secret-value',
    });
    expect(settings).toBeUndefined();
    expect(problems.join(' ')).toMatch(
      /SHAMMIE_LLM_URL.*SHAMMIE_LLM_TIMEOUT_S.*SHAMMIE_LLM_CONCURRENCY/,
    );
    expect(problems.join(' ')).not.toContain('sk-secret-value');
    expect(readLlmSettings({ SHAMMIE_LLM_URL: 'http://h' }).problems).toEqual([
      'SHAMMIE_LLM_MODEL is required when SHAMMIE_LLM_URL is set',
    ]);
    expect(readLlmSettings({ SHAMMIE_LLM_API_KEY: 'k' }).problems[0]).toMatch(
      /SHAMMIE_LLM_URL is required/,
    );
  });
});
