import { createExpiringMap } from '../shared/expiring-map.ts';
import type { Logger } from '../shared/logger.ts';
import { describeError, type UsersClient } from './slack-client.ts';

/** How long a user's admin status is trusted before `users.info` is asked again. */
export const ADMIN_CACHE_MS = 60_000;
/** Most users whose status is remembered at once. */
export const ADMIN_CACHE_ENTRIES = 1_000;

/** Whether a Slack user is a workspace admin or owner, asked of Slack and remembered briefly. */
export interface SlackAdmins {
  /** Never throws: a user Slack cannot say anything about is not an admin (logged). */
  isAdmin(client: UsersClient, teamId: string | undefined, userId: string): Promise<boolean>;
}

export interface SlackAdminsOptions {
  /** The clock, epoch ms (never 0). */
  now: () => number;
  logger: Logger;
  ttlMs?: number;
}

/**
 * Admins and owners of the workspace, from `users.info` (`is_admin`, `is_owner`), cached for
 * {@link ADMIN_CACHE_MS}: a burst of removals asks once, and a demoted admin loses the right
 * within a minute. A failed lookup is not cached, so the next request asks again.
 */
export function createSlackAdmins(options: SlackAdminsOptions): SlackAdmins {
  const known = createExpiringMap<{ admin: boolean }>({
    ttlMs: options.ttlMs ?? ADMIN_CACHE_MS,
    maxEntries: ADMIN_CACHE_ENTRIES,
    now: options.now,
  });
  return {
    async isAdmin(client, teamId, userId) {
      const key = `${teamId ?? '-'}:${userId}`;
      const cached = known.get(key);
      if (cached) return cached.admin;
      try {
        const { user } = await client.users.info({ user: userId });
        const admin =
          user?.is_admin === true || user?.is_owner === true || user?.is_primary_owner === true;
        known.set(key, { admin });
        return admin;
      } catch (error) {
        options.logger.warn(
          {
            platform: 'slack',
            method: 'users.info',
            userId,
            outcome: 'taken as not an admin',
            ...describeError(error),
          },
          'users.info failed',
        );
        return false;
      }
    },
  };
}
