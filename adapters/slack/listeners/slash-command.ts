import { answerText } from '../answer-text.ts';
import { askByCommand } from '../ask/ask-by-command.ts';
import { libraryByCommand } from '../library/library-by-command.ts';
import { type RespondingDelivery, respondOnce } from '../respond-once.ts';
import type { SlackRuntime } from '../runtime.ts';
import type { UsersClient } from '../slack-client.ts';

/** The slash command's name, as in the manifest. */
export const SLASH_COMMAND = '/shammie';

/** The slice of a slash command delivery this listener reads. */
export interface SlashCommandArgs extends RespondingDelivery {
  command: {
    text?: string;
    channel_id: string;
    team_id?: string;
    user_id?: string;
    trigger_id?: string;
  };
  context: { botUserId?: string };
  client: RespondingDelivery['client'] & UsersClient;
}

/**
 * `/shammie …`: acknowledged at once, then answered through the command's `response_url`.
 * Results are visible to the channel (`in_channel`); help and errors only to the person who
 * typed the command (`ephemeral`). If the response URL refuses the answer, the person gets a
 * one-line apology instead (`respondOnce`).
 */
export function createSlashCommandListener(runtime: SlackRuntime) {
  return async ({ command, context, ack, respond, client }: SlashCommandArgs): Promise<void> => {
    await ack();
    if (!command.channel_id) return;
    const requestId = command.trigger_id;
    const answer = await answerText(runtime, {
      raw: command.text ?? '',
      asker: { teamId: command.team_id, userId: command.user_id },
      requestId,
      botUserId: context.botUserId,
      client,
      origin: {
        channelId: command.channel_id,
        ...(command.team_id ? { teamId: command.team_id } : {}),
        invocation: SLASH_COMMAND,
      },
    });
    const target = {
      channel: command.channel_id,
      user: command.user_id,
      requestId,
      respond,
      client,
      what: 'slash command',
    };
    if ('question' in answer) {
      await askByCommand(runtime, target, answer.question);
      return;
    }
    if ('library' in answer) {
      await libraryByCommand(runtime, target, {
        command: answer.library,
        teamId: command.team_id,
        userId: command.user_id,
        channelId: command.channel_id,
        requestId,
        invocation: SLASH_COMMAND,
      });
      return;
    }
    const { reply } = answer;
    await respondOnce(runtime, target, {
      ...reply.message,
      response_type: reply.visibility === 'private' ? 'ephemeral' : 'in_channel',
    });
  };
}
