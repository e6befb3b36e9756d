import { type RespondTarget, respondOnce, respondPlaceholder } from '../respond-once.ts';
import type { SlackRuntime } from '../runtime.ts';
import { type LibraryRequest, planLibrary } from './plan-library.ts';

/**
 * `/shammie add|remove|library …`, answered through the command's response URL (already
 * acknowledged): results for the channel to see, refusals for the asker alone. A fetch shows
 * "Fetching … from arXiv…" at once and replaces it with the result (a response URL cannot be
 * edited with `chat.update`; `replace_original` is its way). Never throws.
 */
export async function libraryByCommand(
  runtime: SlackRuntime,
  target: RespondTarget,
  request: LibraryRequest,
): Promise<void> {
  const plan = await planLibrary(runtime, target.client, request);
  if ('reply' in plan) {
    await respondOnce(runtime, target, {
      ...plan.reply.message,
      response_type: plan.reply.visibility === 'private' ? 'ephemeral' : 'in_channel',
    });
    return;
  }
  await respondPlaceholder(runtime, target, plan.fetching);
  const reply = await plan.finish();
  await respondOnce(runtime, target, {
    ...reply.message,
    // Replacing the public placeholder: the result is public too, even a refusal found late.
    response_type: 'in_channel',
    replace_original: true,
  });
}
