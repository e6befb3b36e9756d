import type { CorpusStats, HelpView, NoticeView, RichText } from '../../../src/index.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import { context, header, section } from './block-kit.ts';
import type { Draft } from './list-messages.ts';

/**
 * Every command with an example, written the way it is typed where the help was asked for
 * (`@Shammie search …` after a mention, `/shammie search …` after the slash command).
 */
export function helpDraft(view: HelpView, invocation: string): Draft {
  const prefix = invocation.trim() === '' ? '' : `${escapeMrkdwn(invocation.trim())} `;
  const lines = view.entries.map((entry) => {
    const usage = entry.usage ? ` ${escapeMrkdwn(entry.usage)}` : '';
    return `*${escapeMrkdwn(entry.command)}*${usage}\n${escapeMrkdwn(entry.description)} Example: \`${prefix}${escapeMrkdwn(entry.example)}\``;
  });
  return {
    text: `Shammie commands: ${view.entries.map((e) => escapeMrkdwn(e.command)).join(', ')}. Text with no command word is a search; a question ending with “?” is asked.`,
    blocks: [
      header('Shammie: commands'),
      section(lines.join('\n\n')),
      context(statsLine(view.stats)),
    ],
  };
}

function statsLine(stats: CorpusStats): string {
  const parts = [`${stats.papers} ${stats.papers === 1 ? 'paper' : 'papers'}`];
  if (stats.years) parts.push(`${stats.years.from}–${stats.years.to}`);
  if (stats.collections.length > 0) {
    parts.push(escapeMrkdwn(stats.collections.slice(0, 5).join(', ')));
  }
  return parts.join(' · ');
}

/** A friendly notice: an error the user caused, an empty topic, or an apology. */
export function noticeDraft(view: NoticeView): Draft {
  const icon = view.tone === 'error' ? ':warning:' : ':information_source:';
  const text = view.rich ? richMrkdwn(view.rich) : escapeMrkdwn(view.text);
  return { text, blocks: [section(`${icon} ${text}`)] };
}

/** Words escaped, the things to type as code spans (a backtick inside would end one early). */
function richMrkdwn(text: RichText): string {
  return text
    .map((part) => {
      if (typeof part === 'string') return escapeMrkdwn(part);
      const typed = escapeMrkdwn(part.code.replace(/[`\n]/g, ''));
      return typed === '' ? '' : `\`${typed}\``;
    })
    .join('');
}
