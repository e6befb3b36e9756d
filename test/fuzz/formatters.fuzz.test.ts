import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buttonOutcome } from '../../adapters/discord/button-actions.ts';
import { createButtonStore } from '../../adapters/discord/button-store.ts';
import { limitProblems } from '../../adapters/discord/limits.ts';
import type { ReplyPayload } from '../../adapters/discord/reply-payload.ts';
import { toSlackMessage } from '../../adapters/slack/blocks/to-slack-message.ts';
import { createEngine, errorNotice, isShammieError } from '../../src/index.ts';
import { storedReply } from '../adapters/discord/stored-reply.ts';
import { violations } from '../adapters/slack/message-checks.ts';
import { allStrings, discordMentionProblems, isWellFormedText } from './discord-checks.ts';
import { fuzz } from './fuzz-settings.ts';
import { ORDINARY_PAPERS } from './hostile-papers.ts';
import { hostileShort, hostileString } from './hostile-strings.ts';
import { hostileDiscordView, hostileView } from './hostile-views.ts';
import { slowSnippetView } from './known-issues.ts';

describe('Discord replies to hostile views of every kind', () => {
  it('stay within every limit, parse no mention and carry only well-formed text', () => {
    fc.assert(
      fc.property(hostileDiscordView, (view) => {
        const reply = storedReply(view, { store: createButtonStore() });
        expect(limitProblems(reply)).toEqual([]);
        expect(discordMentionProblems(reply)).toEqual([]);
      }),
      fuzz(10000),
    );
  });

  it('keep working when their buttons are pressed, whatever the views held', () => {
    const engine = createEngine([...ORDINARY_PAPERS]);
    fc.assert(
      fc.property(
        hostileView,
        fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }),
        (view, values) => {
          const store = createButtonStore();
          const reply = storedReply(view, { store });
          for (const row of reply.components) {
            for (const component of row.components) {
              if (!('custom_id' in component) || component.disabled) continue;
              // As the handler does, a user-caused error becomes its notice.
              let next: ReplyPayload;
              try {
                const outcome = buttonOutcome(store.get(component.custom_id), values, {
                  engine,
                  random: () => 0.5,
                  today: () => '2026-05-01',
                });
                next = storedReply(outcome.view, {
                  store,
                  ...(outcome.back ? { back: outcome.back } : {}),
                });
              } catch (error) {
                if (!isShammieError(error)) throw error;
                next = storedReply(errorNotice(error), { store });
              }
              expect(limitProblems(next)).toEqual([]);
              expect(discordMentionProblems(next)).toEqual([]);
            }
          }
        },
      ),
      fuzz(3000),
    );
  });
});

describe('Slack messages from hostile views of every kind', () => {
  it('stay within every Block Kit limit and carry no unescaped markup', () => {
    fc.assert(
      fc.property(
        hostileView,
        hostileShort,
        fc.option(fc.string({ minLength: 1, maxLength: 2000 }), { nil: undefined }),
        (view, invocation, more) => {
          const message = toSlackMessage(view, {
            invocation,
            ...(more !== undefined ? { moreValue: more } : {}),
          });
          // violations() also finds any `<` left unescaped in mrkdwn or plain text.
          expect(violations(message)).toEqual([]);
        },
      ),
      fuzz(10000),
    );
  });

  // Slack's escaping used to keep lone surrogates, which node:querystring's form encoding then
  // merged with the next character ("a\ud800b" sent as "a\u{10062}").
  it('carry only well-formed text (no lone surrogate)', () => {
    fc.assert(
      fc.property(hostileView, (view) => {
        const message = toSlackMessage(view);
        for (const text of allStrings(message)) expect(isWellFormedText(text)).toBe(true);
      }),
      fuzz(2000),
    );
  });

  // Snippets with long space runs used to take seconds (a quadratic pattern); now linear.
  it('format a snippet holding 60,000 spaces within every limit', () => {
    expect(violations(toSlackMessage(slowSnippetView(60_000)))).toEqual([]);
  }, 60_000);

  it('answer a notice of any text with a message, never an empty one', () => {
    fc.assert(
      fc.property(
        hostileString,
        fc.constantFrom('info' as const, 'error' as const),
        (text, tone) => {
          const message = toSlackMessage({ kind: 'notice', tone, text });
          expect(violations(message)).toEqual([]);
        },
      ),
      fuzz(2000),
    );
  });
});
