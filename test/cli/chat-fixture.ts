import { createAskService } from '../../adapters/app/ask-service.ts';
import { type ChatSession, chatReply } from '../../adapters/cli/chat-session.ts';
import { silentLogger } from '../../adapters/shared/logger.ts';
import type { AnswerContext, Engine, ReplyView } from '../../src/index.ts';

/** A terminal chat's session, with the extractive ask service the CLI uses without a model. */
export function chatSession(context: AnswerContext): ChatSession {
  return {
    context: () => context,
    ask: createAskService(undefined, silentLogger()),
    history: [],
  };
}

/** The reply view the chat gives a line that is not a question. */
export async function chatView(
  engine: Engine,
  line: string,
  session: ChatSession,
): Promise<ReplyView> {
  const turn = await chatReply(engine, line, session);
  if (!('view' in turn)) throw new Error(`“${line}” was answered as a question`);
  return turn.view;
}
