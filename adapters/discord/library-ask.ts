import { askLibrary } from '../../src/index.ts';
import type { AskService } from '../shared/ask-port.ts';

/**
 * The ask service without a model: the core's extractive answer, synchronous and a few
 * milliseconds long. /ask uses it when the app gives Discord no service, so the command
 * always works.
 */
export const libraryAsk: AskService = {
  usesModel: false,
  // async: a bad question's ShammieError becomes a rejection, as the port promises.
  ask: async (engine, request) =>
    askLibrary(engine, request.question, request.history ? { history: request.history } : {}),
};
