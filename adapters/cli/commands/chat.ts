import { createSources, type Sources } from '../../sources/create-sources.ts';
import { terminalWatch } from '../../watch/terminal-watch.ts';
import { openChatLibrary } from '../chat-library.ts';
import { runChat } from '../chat-session.ts';
import type { CliCommand } from '../cli-context.ts';
import { serviceConfig } from './add.ts';

/**
 * `shammie chat`: the grammar of a Slack mention, line by line from standard input; `add`,
 * `remove` and `library` work on the library in SHAMMIE_DATA_DIR, as `shammie add` does, and
 * `watch add …` checks a watch and previews today's announcement.
 */
export const chatCommand: CliCommand = (program, cli) => {
  program
    .command('chat')
    .description('a chat in the terminal, with the grammar of a Slack mention')
    .action(async () => {
      const engine = await cli.engine();
      let sources: Sources | undefined;
      await runChat(engine, {
        watch: (text) =>
          terminalWatch(text, {
            engine,
            sources: () => {
              sources ??= createSources(serviceConfig(cli.io.env), cli.io.sources);
              return sources;
            },
            now: () => cli.io.now().getTime(),
          }),
        input: cli.io.stdin,
        output: cli.io.stdout,
        context: cli.answerContext,
        ask: cli.ask(),
        style: cli.style,
        json: cli.json(),
        library: openChatLibrary(cli.io, engine, await cli.files()),
      });
    });
};
