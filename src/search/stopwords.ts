/**
 * English function words that carry no topic. Dropping them shrinks posting lists and keeps long
 * natural-language queries (claims, questions) from scoring nearly every paper.
 */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are aren as at be because been ' +
    'before being below between both but by can cannot could couldn did didn do does doesn doing ' +
    'don down during each etc few for from further had hadn has hasn have haven having he her here ' +
    'hers herself him himself his how however i if in into is isn it its itself just let me more ' +
    'most mustn my myself no nor not now of off on once only or other ought our ours ourselves out ' +
    'over own same shan she should shouldn so some such than that the their theirs them themselves ' +
    'then there these they this those through thus to too under until up upon us very via was ' +
    'wasn we were weren what when where whether which while who whom whose why will with within ' +
    'without won would wouldn you your yours yourself yourselves'
  ).split(' '),
);
