import { describe, expect, it } from 'vitest';
import { noticeDraft } from '../../../adapters/slack/blocks/help-message.ts';
import { code, richNotice } from '../../../src/index.ts';

describe('a Slack notice with things to type', () => {
  it('shows them as code spans and escapes the words around them', () => {
    const view = richNotice('error', ['Not <!here>: try ', code('daily <date>'), '.']);
    const draft = noticeDraft(view);
    expect(draft.text).toBe('Not &lt;!here&gt;: try `daily &lt;date&gt;`.');
    expect(JSON.stringify(draft.blocks)).toContain(':warning: Not &lt;!here&gt;: try `daily');
  });

  it('keeps a backtick inside from ending the code span early', () => {
    expect(noticeDraft(richNotice('info', [code('a`b')])).text).toBe('`ab`');
  });
});
