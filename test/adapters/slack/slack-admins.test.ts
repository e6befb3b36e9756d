import { describe, expect, it } from 'vitest';
import { ADMIN_CACHE_MS, createSlackAdmins } from '../../../adapters/slack/slack-admins.ts';
import type { UsersClient } from '../../../adapters/slack/slack-client.ts';
import { recordingLogger } from '../shared/recording-logger.ts';

/** A `users.info` that answers from a table, counting the calls; `fail` makes it throw. */
function usersClient(table: Record<string, { is_admin?: boolean; is_owner?: boolean }>) {
  const asked: string[] = [];
  let fail = false;
  const client: UsersClient = {
    users: {
      async info({ user }) {
        asked.push(user);
        if (fail) {
          throw Object.assign(new Error('An API error occurred: missing_scope'), {
            code: 'slack_webapi_platform_error',
            data: { error: 'missing_scope' },
          });
        }
        return { user: table[user] ?? {} };
      },
    },
  };
  const failing = (value: boolean): void => {
    fail = value;
  };
  return { client, asked, failing };
}

describe('workspace admins', () => {
  it('counts admins and owners, not members', async () => {
    const admins = createSlackAdmins({ now: () => 1_000, logger: recordingLogger() });
    const { client } = usersClient({ UADMIN: { is_admin: true }, UOWNER: { is_owner: true } });
    expect(await admins.isAdmin(client, 'T1', 'UADMIN')).toBe(true);
    expect(await admins.isAdmin(client, 'T1', 'UOWNER')).toBe(true);
    expect(await admins.isAdmin(client, 'T1', 'UMEMBER')).toBe(false);
  });

  it('asks Slack once a minute per user, not once per command', async () => {
    let now = 1_000;
    const admins = createSlackAdmins({ now: () => now, logger: recordingLogger() });
    const { client, asked } = usersClient({ UADMIN: { is_admin: true } });
    await admins.isAdmin(client, 'T1', 'UADMIN');
    await admins.isAdmin(client, 'T1', 'UADMIN');
    now += ADMIN_CACHE_MS - 1;
    await admins.isAdmin(client, 'T1', 'UADMIN');
    expect(asked).toEqual(['UADMIN']);
    now += 1;
    await admins.isAdmin(client, 'T1', 'UADMIN');
    expect(asked).toEqual(['UADMIN', 'UADMIN']);
  });

  it('takes a user Slack says nothing about as no admin, logs why, and asks again next time', async () => {
    const logger = recordingLogger();
    const admins = createSlackAdmins({ now: () => 1_000, logger });
    const { client, asked, failing } = usersClient({ UADMIN: { is_admin: true } });
    failing(true);
    expect(await admins.isAdmin(client, 'T1', 'UADMIN')).toBe(false);
    expect(logger.entries.at(-1)).toMatchObject({
      level: 'warn',
      fields: { method: 'users.info', slackError: 'missing_scope' },
    });
    failing(false);
    expect(await admins.isAdmin(client, 'T1', 'UADMIN')).toBe(true);
    expect(asked).toHaveLength(2);
  });
});
