import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSlackText } from '../../adapters/slack/decode-slack-text.ts';
import { replyToText } from '../../adapters/slack/reply-to-text.ts';
import { createEngine } from '../../src/index.ts';
import { violations } from '../adapters/slack/message-checks.ts';
import { recordingDaily, replyDeps } from '../adapters/slack/reply-deps-fixture.ts';
import { fuzz } from './fuzz-settings.ts';
import { hostileCorpus } from './hostile-papers.ts';
import { hostileString, MENTION_PIECES } from './hostile-strings.ts';

/** Text as Slack delivers what a person typed: `&`, `<` and `>` entity-encoded. */
function slackEncoded(typed: string): string {
  return typed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

describe('decoding Slack text', () => {
  it('gives back what the person typed (spacing aside), however hostile', () => {
    fc.assert(
      fc.property(hostileString, (typed) => {
        const expected = typed
          .replace(/\u00a0/g, ' ')
          .replace(/[ \t]{2,}/g, ' ')
          .trim();
        expect(decodeSlackText(slackEncoded(typed))).toBe(expected);
      }),
      fuzz(5000),
    );
  });

  it('turns every special mention into a plain word, never markup', () => {
    const withMarkup = fc
      .array(fc.oneof(fc.constantFrom(...MENTION_PIECES), hostileString.map(slackEncoded)), {
        maxLength: 8,
      })
      .map((parts) => parts.join(' '));
    fc.assert(
      fc.property(withMarkup, (text) => {
        const decoded = decodeSlackText(text, { botUserId: 'U0BOT' });
        // Anything left that looks like markup was typed as text (it arrived entity-encoded).
        const typedAngles = (text.match(/&lt;/g) ?? []).length;
        expect((decoded.match(/</g) ?? []).length).toBeLessThanOrEqual(typedAngles);
      }),
      fuzz(3000),
    );
  });
});

describe('Slack answers to hostile messages over a hostile corpus', () => {
  it('are always a message within Block Kit limits, and never a thrown error', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileCorpus(4),
        fc.array(
          fc.oneof(
            hostileString,
            fc
              .tuple(
                fc.constantFrom('search', 'paper', 'summary', 'cite', 'similar', 'random', 'daily'),
                hostileString,
              )
              .map(([word, rest]) => `${word} ${rest}`),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        async (papers, texts) => {
          const deps = await replyDeps({ engine: createEngine(papers), daily: recordingDaily() });
          for (const typed of texts) {
            const text = decodeSlackText(`<@U0BOT> ${slackEncoded(typed)}`, { botUserId: 'U0BOT' });
            const reply = await replyToText(text, deps, {
              channelId: 'C0LAB',
              invocation: '@Shammie',
            });
            expect(violations(reply.message)).toEqual([]);
          }
        },
      ),
      fuzz(600),
    );
  });
});
