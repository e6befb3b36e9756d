import { describe, expect, it } from 'vitest';
import { ANSI, PLAIN, renderText } from '../../adapters/cli/render-text.ts';
import { code, createEngine, richNotice } from '../../src/index.ts';
import { PAPERS } from '../adapters/scheduler/helpers.ts';
import { chatSession, chatView } from './chat-fixture.ts';

const engine = createEngine(PAPERS);
const context = { today: '2024-06-01', random: () => 0.5 };

describe('terminal text', () => {
  it('answers `daily status` in the chat without Markdown marks', async () => {
    for (const line of ['daily status', 'daily subscribe 09:00 UTC', 'daily unsubscribe']) {
      const text = renderText(await chatView(engine, line, chatSession(context)), PLAIN);
      expect(text).toBe(
        'Daily subscriptions belong to Discord and Slack channels; here, daily shows the paper of the day.',
      );
    }
  });

  it('says a chat without a library has none to change, rather than searching the words', async () => {
    for (const line of ['add 2305.11206', 'remove 2305.11206', 'library']) {
      const text = renderText(await chatView(engine, line, chatSession(context)), PLAIN);
      expect(text).toBe(
        'This chat has no library to change; shammie add REF adds papers from the command line.',
      );
    }
  });

  it('shows the things to type in bold where the terminal has it', () => {
    const view = richNotice('info', ['Try ', code('daily 2024-06-01'), '.']);
    expect(renderText(view, ANSI)).toBe('Try \u001b[1mdaily 2024-06-01\u001b[22m.');
    expect(renderText(view, PLAIN)).toBe('Try daily 2024-06-01.');
    expect(view.text).toBe('Try daily 2024-06-01.');
  });
});
