import { ShammieError } from '../../../src/index.ts';
import type { LibraryAction } from '../../library/editors.ts';
import type { LibraryService, LibraryUser } from '../../library/library-service.ts';
import type { DiscordActor } from '../library-reply.ts';
import type { CommandContext } from './command-types.ts';

/** Said to /add and /remove when the bot runs without a library. */
export const LIBRARY_OFF =
  'The library cannot be changed here: this bot runs without a library database. Whoever runs it can turn it on (see docs/library.md).';

/** The library and the user, when both are there; NOT_ALLOWED ("cannot be changed here") else. */
export function libraryFor(context: CommandContext): {
  library: LibraryService;
  user: LibraryUser;
  by: DiscordActor;
} {
  const { library, user, place } = context;
  if (!library || !user) throw new ShammieError('NOT_ALLOWED', LIBRARY_OFF);
  // A direct message is no channel to show anyone: only a server's channel is recorded.
  const channelId = place.guildId ? place.channelId : undefined;
  return {
    library,
    user: {
      platform: 'discord',
      userId: user.id,
      isAdmin: user.isAdmin,
      ...(channelId ? { channel: channelId } : {}),
    },
    by: { userId: user.id, ...(channelId ? { channelId } : {}) },
  };
}

/** True when `action` will be refused here (no library, or a user the editors rule leaves out). */
export function refusesLibrary(context: CommandContext, action: LibraryAction): boolean {
  const { library, user } = context;
  return !library || !user || !library.may(action, { userId: user.id, isAdmin: user.isAdmin });
}
