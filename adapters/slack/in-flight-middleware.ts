import type { App } from '@slack/bolt';
import type { InFlight } from '../shared/in-flight.ts';

/**
 * Counts every delivery Bolt hands the app — events, slash commands, button actions — as in
 * flight until its listeners have finished, reply included, so a shutdown can wait for it.
 * Bolt's global middleware is the public seam for this: its `next()` resolves only once the
 * listener chain has run to the end. Register it before the app starts receiving.
 */
export function trackInFlight(app: Pick<App, 'use'>, inFlight: InFlight): void {
  app.use(async ({ next }) => {
    // A listener's rejection goes on to Bolt's error handler, as without this middleware.
    await inFlight.track(next());
  });
}
