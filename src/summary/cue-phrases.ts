/**
 * The rhetorical cues of abstracts: phrases that announce a contribution, a result, or the
 * background and problem a paper starts from. All patterns are compiled once, here, and are
 * matched against lower-cased sentences.
 */

/** "We propose X", "this paper introduces X", "X is presented": the paper's own contribution. */
export const CONTRIBUTION =
  /\b(?:we|this (?:paper|work|article|study|note)|here we|our (?:paper|work))(?: \w+ly)?(?: also| further| then| first)? (?:propose|introduce|present|develop|devise|design|formulate|put forward|offer|build|construct|create|establish|derive|provide)s?d?\b|\b(?:is|are) (?:proposed|introduced|presented|developed)\b|\bwe call\b|\bwe dub\b|\bwe term\b|\bnamed\b|\bcalled\b|\bnovel\b/;

/** Weaker first-person cues: the paper studies, shows or finds something. */
export const STUDY =
  /\b(?:we|this (?:paper|work|article|study)|here we)(?: \w+ly)?(?: also| further| then| first)? (?:show|demonstrate|find|study|investigate|explore|address|tackle|describe|analy[sz]e|examine|consider|focus|prove|argue|report|evaluate|leverage|use|apply|extend|learn|train|frame|cast|reformulate|identify|reveal|observe)s?e?d?\b/;

/** A sentence that speaks for the authors at all. */
export const FIRST_PERSON = /\b(?:we|our|us|this (?:paper|work|article|study))\b/;

/** Words of background and motivation: what is known, popular, hard or missing. */
export const BACKGROUND =
  /\b(?:recent(?:ly)?|has been|have been|ha(?:ve|s) shown|widely|popular|increasingly|growing|remains?|challeng\w*|difficult|despite|traditional(?:ly)?|typically|usually|often|existing|prior|previous(?:ly)?|however|although|while|unfortunately|limitation\w*|suffer\w*|lack\w*|fail\w*|problem|issue|important|crucial|key|promising|success\w*)\b/g;

/** Words of results and evaluation. */
export const RESULT =
  /\b(?:experiment\w*|result\w*|outperform\w*|achiev\w*|state[- ]of[- ]the[- ]art|improv\w*|accura\w*|empirical\w*|benchmark\w*|significant\w*|compar\w*|better|superior|gains?|surpass\w*|speed-?up|faster|evaluat\w*|show(?:s|n)?|demonstrat\w*|reach(?:es|ed)?|yield\w*|suggest\w*|find(?:s|ings)?|found|indicat\w*|reveal\w*|match(?:es|ed)?|perform\w*|generali[sz]\w*|effective(?:ly|ness)?|robust(?:ly|ness)?)\b|\d+(?:\.\d+)?\s?(?:%|x\b|×)/g;

/** Words of method description. */
export const METHOD =
  /\b(?:propos\w*|introduc\w*|present\w*|develop\w*|method|approach|framework|model|algorithm|architecture|technique|based on|consist\w*|leverag\w*|us(?:e|es|ing) (?:a|an|the)|learn\w*|train\w*|design\w*|loss|objective|network)\b/g;

/** Leading discourse phrases that carry no content: "In this paper, we ..." → "we ...". */
export const DISCOURSE_PREFIX =
  /^(?:(?:in|with|through) (?:this|the present|our) (?:paper|work|article|study|note|submission|project|thesis|manuscript)|here(?:in)?|to (?:this|that) end|to (?:address|tackle|solve|overcome|fill|bridge|remedy|mitigate|alleviate|close|resolve|handle|cope with) (?:this|these|that|those|the above|such|the (?:former|latter|above|first|second))(?: \w+){0,3}|(?:more )?specifically|concretely|in particular|in (?:this|that) (?:regard|spirit|context|manner|way)|moreover|furthermore|additionally|in addition|finally|lastly|first(?:ly)?|second(?:ly)?|third(?:ly)?|then|thus|therefore|hence|consequently|as a result|however|instead|in contrast|on the other hand|(?:motivated|inspired|based|building) (?:by|on|upon) (?:this|these|that|those)(?: \w+){0,2}|to (?:do|achieve|accomplish) (?:this|so)|overall|taken together|in summary|in short|in conclusion|to summari[sz]e|empirically|experimentally|theoretically|importantly|notably|crucially|interestingly|surprisingly)\s*,\s+/i;

/** The same opening without its comma, when "we" follows at once: "In this work we present X". */
export const DISCOURSE_PREFIX_BEFORE_WE =
  /^(?:in this (?:paper|work|article|study|note|project)|here)\s+(?=we\b)/i;

/** Housekeeping, not content: links, code and data availability, venue notes. */
export const BOILERPLATE =
  /(?:https?:\/\/|www\.|\bgithub\b|^(?:code|data|project page|website|demo)s?\s*[:(]|\b(?:code|data(?:sets?)?|models?|implementation|software|source)(?: \w+){0,4} (?:is|are|will be|has been|have been) (?:publicly |freely |made )*(?:available|released|open[- ]sourced)|\b(?:accepted|to appear|published) (?:at|in) )/;

/**
 * Words of an outcome: what was found or reached, not what was done. Narrower than `RESULT`
 * (which also counts "experiments" and "evaluate"), so a sentence that describes a setup
 * ("we record neural activity from participants") is not taken for a result.
 */
export const OUTCOME =
  /\b(?:outperform\w*|achiev\w*|improv\w*|better|superior|surpass\w*|gains?|speed-?ups?|faster|reach(?:es|ed)?|yield(?:s|ed)?|match(?:es|ed)?|correlat\w*|(?:\w+ly )?(?:strong|high|competitive|superhuman|comparable|state[- ]of[- ]the[- ]art) performance|demonstrat(?:es|ed)|generali[sz]e\w* well|(?:show|demonstrat|reveal|find|found|suggest|indicat|confirm|conclud|observ)\w* (?:that|evidence|how)|results? (?:show|suggest|reveal|indicate|demonstrate|confirm)\w*|reveal\w*|preferred|equivalent)\b|\d+(?:\.\d+)?\s?(?:%|x\b|×)/g;

/** A sentence that draws the paper's conclusion: its main finding. */
export const FINDING =
  /\b(?:taken together|overall|in conclusion|we conclude|(?:suggest|indicate|reveal|show|demonstrate|confirm)s? that|these (?:results|findings))\b/;

/** The authors' conjecture or position, which is neither a method nor a result. */
export const HYPOTHESIS =
  /\bwe (?:\w+ly )?(?:conjecture|hypothesi[sz]e|speculate|posit|suspect|believe|argue|expect|assume)\b/;

/**
 * How many times a global cue pattern matches in a sentence, counting no further than `cap`:
 * beyond a few, more cue words mean a longer sentence, not a clearer one.
 */
export function countCues(pattern: RegExp, text: string, cap: number): number {
  pattern.lastIndex = 0;
  let n = 0;
  while (n < cap && pattern.exec(text) !== null) n++;
  pattern.lastIndex = 0;
  return n;
}
