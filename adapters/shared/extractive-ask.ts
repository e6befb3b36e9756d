import { askLibrary } from '../../src/index.ts';
import type { AskService } from './ask-port.ts';

/**
 * The ask service a platform uses when the app gives it none: the core's extractive answer,
 * no model, so `ask` always works. Synchronous underneath; a bad question rejects with the
 * core's ShammieError like any service's.
 */
export function extractiveAskService(): AskService {
  return {
    usesModel: false,
    ask: async (engine, request) =>
      askLibrary(engine, request.question, request.history ? { history: request.history } : {}),
  };
}
