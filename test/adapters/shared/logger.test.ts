import { describe, expect, it } from 'vitest';
import { createLogger, maskSecrets } from '../../../adapters/shared/logger.ts';

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

  it('leaves values too short to be a token alone, so ordinary words survive', () => {
    const { logger, text } = recording(['abc']);
    logger.info('abc def');
    expect(text()).toContain('abc def');
  });
});

describe('maskSecrets', () => {
  it('masks every occurrence of every secret, and nothing else', () => {
    expect(maskSecrets('a xoxb-1 b xoxb-1 c s3cr3t', ['xoxb-1', 's3cr3t'])).toBe(
      'a [redacted] b [redacted] c [redacted]',
    );
    expect(maskSecrets('nothing to hide', ['xoxb-1'])).toBe('nothing to hide');
  });

  it('reads a secret literally, not as a pattern', () => {
    expect(maskSecrets('x.y*z$& xayyz', ['x.y*z$&'])).toBe('[redacted] xayyz');
  });
});
