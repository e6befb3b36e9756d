/**
 * Shammie's core: the only module adapters import. Plain data in, plain data out;
 * no platform SDKs, no environment, no clock or randomness that isn't injected.
 */

export { answerText, askJson } from './ask/answer-text.ts';
export type { AskOptions } from './ask/ask-library.ts';
export {
  askLibrary,
  DEFAULT_REFUSAL_THRESHOLD,
  extractiveAnswer,
  NOT_IN_LIBRARY,
} from './ask/ask-library.ts';
export type { ChatMessage } from './ask/ask-prompt.ts';
export { buildAskMessages, MODEL_REFUSAL } from './ask/ask-prompt.ts';
export type {
  AnswerSegment,
  AskAnswer,
  AskCitation,
  AskJson,
  AskTurn,
  EvidenceSentence,
} from './ask/ask-types.ts';
export type { CitationCheck, CitationProblem } from './ask/cited-text.ts';
export { parseCitedText, validateCitedAnswer } from './ask/cited-text.ts';
export type { EvidenceOptions, EvidenceSelection } from './ask/evidence.ts';
export { selectEvidence } from './ask/evidence.ts';
export {
  answerFromModel,
  NOTE_REPAIRED,
  NOTE_REPLACED,
  shownSoFar,
} from './ask/model-answer.ts';
export { neutralizeMentions, plainModelText } from './ask/model-text.ts';
export { checkQuestion, contextQuestions, MAX_QUESTION_LENGTH } from './ask/question.ts';
export type { AnswerContext, EngineCommand, LibraryCommand } from './chat/answer.ts';
export {
  APOLOGY,
  answer,
  dailyView,
  emptiedBy,
  errorNotice,
  isEngineCommand,
  isLibraryCommand,
  MAX_PAGE_SIZE,
  searchPage,
} from './chat/answer.ts';
export type { ChatCommand } from './chat/grammar.ts';
export { parseChat, parseCite } from './chat/grammar.ts';
export { citePaper } from './cite/cite-paper.ts';
export { listCorpusFiles, NODE_CORPUS_IO } from './corpus/corpus-files.ts';
export type { LoadCorpusOptions, LoadProgress } from './corpus/load-corpus.ts';
export { loadCorpus } from './corpus/load-corpus.ts';
export { mergeAddedPapers } from './corpus/merge-added.ts';
export { parseArxivId, parseDoi } from './corpus/paper-ids.ts';
export type { DailyPick, DailyPlan } from './daily/daily-pick.ts';
export { planDaily } from './daily/daily-pick.ts';
// Every type of the engine's methods: they are the core's vocabulary.
export type * from './engine-types.ts';
export { CITATION_FORMATS } from './engine-types.ts';
export type { ShammieErrorCode } from './errors.ts';
export { isShammieError, ShammieError } from './errors.ts';
export type { BuildOptions, LoadEngineOptions } from './search/create-engine.ts';
export { buildEngine, createEngine, loadEngine } from './search/create-engine.ts';
export { MAX_QUERY_LENGTH } from './search/query-parser.ts';
export { SNAPSHOT_VERSION } from './search/snapshot.ts';
export type { LoadedCorpus, LoadProblem, Paper } from './types.ts';
export { HELP_ENTRIES } from './views/help-entries.ts';
export { paperCard, yearAndVenue } from './views/paper-card.ts';
export type {
  CitationView,
  DailyView,
  DigestView,
  HelpEntry,
  HelpView,
  NoticeView,
  PaperCard,
  PaperView,
  RandomView,
  ReplyView,
  ResultsView,
  SearchRequest,
  SimilarView,
  SummaryView,
} from './views/reply-view.ts';
export type { RichText, TextPart } from './views/rich-text.ts';
export { code, plainText, richNotice } from './views/rich-text.ts';
export type { SearchDescription } from './views/search-heading.ts';
export {
  describeSearch,
  noResultsText,
  resultsCount,
  resultsSubject,
} from './views/search-heading.ts';
export type { CandidateIndex } from './watch/candidate-index.ts';
export { indexCandidates } from './watch/candidate-index.ts';
export { DEFAULT_TUNING, DEFAULT_WATCH_MODEL } from './watch/profile-model.ts';
export { RELEVANT_COSINE, rankCandidates } from './watch/rank-candidates.ts';
export type {
  ModelTuning,
  RankedCandidate,
  RankOptions,
  WatchModel,
  WatchProfile,
  WatchReason,
  WatchTerms,
} from './watch/watch-types.ts';
export { shortTitle, whyText } from './watch/why-text.ts';
