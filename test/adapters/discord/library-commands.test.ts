import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ADD_DEADLINE_MS,
  ADD_STILL_WAITING,
  readRefs,
} from '../../../adapters/discord/commands/add.ts';
import type { CommandContext } from '../../../adapters/discord/commands/command-types.ts';
import { COMMANDS_BY_NAME } from '../../../adapters/discord/commands/index.ts';
import { refusesLibrary } from '../../../adapters/discord/commands/library-access.ts';
import type { LibraryService } from '../../../adapters/library/library-service.ts';
import { isShammieError } from '../../../src/index.ts';
import { tinyEngine } from './tiny-corpus.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** A library whose services never answer, and whose editors let admins remove only. */
function stalledLibrary(): LibraryService {
  return {
    may: (action, user) => action === 'add' || user.isAdmin,
    add: () => new Promise(() => undefined),
    remove: () => new Promise(() => undefined),
    summary: () => {
      throw new Error('not asked');
    },
  };
}

async function context(overrides: Partial<CommandContext> = {}): Promise<CommandContext> {
  return {
    engine: await tinyEngine(),
    random: () => 0.5,
    today: () => '2026-05-01',
    place: { channelId: '300000000000000001', guildId: '400000000000000001', canManage: false },
    user: { id: '500000000000000001', isAdmin: false },
    library: stalledLibrary(),
    ...overrides,
  };
}

describe('the references of /add', () => {
  it('are the words of the option, separated by any spaces', () => {
    expect(readRefs(' 2305.11206  10.1145/1\n2404.08801 ')).toEqual([
      '2305.11206',
      '10.1145/1',
      '2404.08801',
    ]);
  });

  it('are ten at most, refused before anything is asked', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `2401.0000${i % 10}`).join(' ');
    let code: string | undefined;
    try {
      readRefs(eleven);
    } catch (error) {
      code = isShammieError(error) ? error.code : 'other';
    }
    expect(code).toBe('BAD_ARGUMENT');
  });
});

describe('who is refused at once', () => {
  it('everyone when there is no library or no user, and whoever the editors leave out', async () => {
    const base = await context();
    const { library: _library, ...noLibrary } = base;
    const { user: _user, ...noUser } = base;
    expect(refusesLibrary(noLibrary, 'add')).toBe(true);
    expect(refusesLibrary(noUser, 'add')).toBe(true);
    expect(refusesLibrary(base, 'add')).toBe(false);
    expect(refusesLibrary(base, 'remove')).toBe(true);
    expect(refusesLibrary({ ...base, user: { id: '1', isAdmin: true } }, 'remove')).toBe(false);
  });
});

describe('/add when the services do not answer', () => {
  it('says the paper may still come once the deadline passes, rather than waiting for ever', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const command = COMMANDS_BY_NAME.get('add');
    const prepared = command?.prepare({ name: 'add', options: { ref: '2501.01234' } });
    const view = prepared?.run(await context());
    await vi.advanceTimersByTimeAsync(ADD_DEADLINE_MS);
    expect(await view).toEqual({ kind: 'notice', tone: 'info', text: ADD_STILL_WAITING });
  });
});
