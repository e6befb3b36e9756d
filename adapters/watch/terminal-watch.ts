/**
 * `watch …` in `shammie chat`: the terminal has no channel to post to, so `watch add` checks the
 * watch and previews what today's announcement would post; the channel commands say where
 * watches live.
 */

import type { Engine } from '../../src/index.ts';
import type { WatchAnswer } from '../shared/watch-port.ts';
import type { Sources } from '../sources/create-sources.ts';
import { readWatchAction } from './watch-action.ts';
import { announcementOf, rankAnnouncement } from './watch-preview.ts';
import { describeSpec, parseWatchText, WATCH_EXAMPLE } from './watch-spec.ts';

export interface TerminalWatchOptions {
  engine: Pick<Engine, 'papers'>;
  /** arXiv's clients (built on first use: a line that needs no fetch needs no configuration). */
  sources: () => Pick<Sources, 'rss' | 'oai'>;
  now: () => number;
}

export const TERMINAL_WATCH_NOTE =
  "Watches post to Discord and Slack channels; here, watch add checks a watch and previews today's papers, and shammie watch preview ranks any day.";

/** Answers the words after `watch` (see the module comment). */
export async function terminalWatch(
  text: string,
  options: TerminalWatchOptions,
): Promise<WatchAnswer> {
  const read = readWatchAction(text);
  if (read.action !== 'add') {
    return { ok: text.trim() !== '', text: `${TERMINAL_WATCH_NOTE} For example: ${WATCH_EXAMPLE}` };
  }
  const parsed = parseWatchText(read.text);
  if ('problems' in parsed) {
    return { ok: false, text: `${parsed.problems.join(' ')} For example: ${WATCH_EXAMPLE}` };
  }
  const { spec } = parsed;
  const lines = [
    `A valid watch: ${describeSpec(spec)}. Nothing is posted from the terminal; today it would show:`,
  ];
  try {
    const sources = options.sources();
    const items = [];
    let date = '';
    for (const category of spec.categories) {
      const day = await announcementOf(sources, category, undefined, options.now());
      items.push(...day.items);
      date ||= day.date;
    }
    const { ranked, total } = rankAnnouncement(spec, items, options.engine.papers);
    const chosen = ranked.filter((c) => c.relevant).slice(0, spec.count);
    lines.push(`${spec.categories.join(', ')} · ${date} — ${chosen.length} of ${total} announced`);
    chosen.forEach((c, i) => {
      lines.push(`${i + 1}. ${c.paper.title} (arXiv:${c.paper.arxiv ?? c.paper.id}) — ${c.why}`);
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    lines.push(`(today's announcement could not be read: ${reason})`);
  }
  return { ok: true, text: lines.join('\n') };
}
