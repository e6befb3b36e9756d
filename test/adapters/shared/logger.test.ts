import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../adapters/shared/logger.ts';

function recording(secrets: string[]) {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    secrets,
    destination: { write: (l: string) => lines.push(l) },
  });
  return { logger, text: () => lines.join('') };
}

describe('the logger', () => {
  it('redacts secret fields by name', () => {
    const { logger, text } = recording([]);
    logger.info(
      {
        token: 'abc123456',
        config: { botToken: 'xoxb-9', signingSecret: 'sss' },
        headers: { authorization: 'Bot x' },
      },
      'start',
    );
    expect(text()).not.toMatch(/abc123456|xoxb-9|"sss"|Bot x/);
    expect(text()).toContain('[redacted]');
  });

  it('masks configured secrets wherever they appear, messages and errors included', () => {
    const secret = 'MTIzNDU2Nzg5.secret.token';
    const { logger, text } = recording([secret]);
    logger.error({ err: new Error(`login failed with ${secret}`) }, `bad token ${secret}`);
    expect(text()).not.toContain(secret);
    expect(text()).toContain('[redacted]');
  });
});
