import { createExpiringMap } from '../../shared/expiring-map.ts';
import type { Logger } from '../../shared/logger.ts';
import { describeError } from '../slack-client.ts';

/** The slice of Bolt's `WebClient` that looks a person up (`users.info`, scope `users:read`). */
export interface UsersInfoClient {
  users?: {
    info(args: { user: string }): Promise<{
      user?: { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean };
    }>;
  };
}

/** How long an answer of `users.info` is kept: roles change rarely, presses come in bursts. */
export const ADMIN_CACHE_TTL_MS = 10 * 60_000;
/** Most people remembered at once. */
export const ADMIN_CACHE_MAX = 5_000;

/** True when the person is an admin or an owner of the workspace. */
export type AdminCheck = (
  client: UsersInfoClient,
  teamId: string | undefined,
  userId: string,
) => Promise<boolean>;

/**
 * Whether a person is a workspace admin or owner, from `users.info`, remembered a few minutes per
 * (workspace, person) so a burst of presses costs one lookup. When Slack cannot say (no
 * `users:read` scope, a network failure) the person counts as no admin, which only ever takes a
 * right away, and the failure is logged; the answer is not remembered, so the next press asks
 * again.
 */
export function createAdminCheck(options: { logger: Logger; now: () => number }): AdminCheck {
  const known = createExpiringMap<{ admin: boolean }>({
    ttlMs: ADMIN_CACHE_TTL_MS,
    maxEntries: ADMIN_CACHE_MAX,
    now: options.now,
  });
  return async (client, teamId, userId) => {
    const key = `${teamId ?? '-'} ${userId}`;
    const cached = known.get(key);
    if (cached) return cached.admin;
    if (!client.users) return false;
    try {
      const { user } = await client.users.info({ user: userId });
      const admin = Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
      known.set(key, { admin });
      return admin;
    } catch (error) {
      options.logger.warn(
        { platform: 'slack', method: 'users.info', userId, ...describeError(error) },
        'could not tell whether a user is a workspace admin; treating them as not one',
      );
      return false;
    }
  };
}
