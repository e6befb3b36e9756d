import type { CandidateIndex } from './candidate-index.ts';
import { trainLinearSvm } from './linear-svm.ts';
import { addScaled, type SparseVector } from './sparse-vector.ts';
import type { ModelTuning, WatchModel } from './watch-types.ts';

/**
 * Similarity to a channel's profile as a linear function of a paper's term weights,
 * `weights · x + bias`, so the same weights rank the candidates and explain each rank (the
 * terms with the largest products).
 */
export interface ProfileModel {
  kind: WatchModel;
  weights: Float64Array;
  bias: number;
}

/** The model used unless a watch says otherwise (chosen by measurement: docs/watch-ranking.md). */
export const DEFAULT_WATCH_MODEL: WatchModel = 'linear';

/**
 * The models' settings. Centroid: cosine to the mean of the positives, the disliked papers'
 * mean taken away at `centroidNegativeWeight` (Rocchio's γ, β = 1). Linear: a linear SVM (the
 * arxiv-sanity recipe) with the profile as positives and the day's candidates as negatives,
 * classes balanced, `linearC` its C (0.01, arxiv-sanity's; 0.1 and 1 ranked worse on the
 * benchmark); a disliked paper is a negative that weighs `dislikedWeight` times a profile paper
 * (a quarter: at 1, ten judged papers pulled the line too far and feedback helped half as much).
 */
export const DEFAULT_TUNING: ModelTuning = {
  centroidNegativeWeight: 0.5,
  linearC: 0.01,
  dislikedWeight: 0.25,
};

/** The examples of a profile, as vectors in the candidates' space. */
export interface ProfileExamples {
  positives: readonly SparseVector[];
  negatives: readonly SparseVector[];
  /** Candidates that are also positives (by document number), left out of the negatives. */
  excluded?: ReadonlySet<number>;
}

/** The model of one channel's profile over one day's candidates. */
export function profileModel(
  kind: WatchModel,
  candidates: CandidateIndex,
  examples: ProfileExamples,
  tuning: Partial<ModelTuning> = {},
): ProfileModel {
  const settings = { ...DEFAULT_TUNING, ...tuning };
  return kind === 'linear'
    ? linearModel(candidates, examples, settings)
    : centroidModel(candidates, examples, settings);
}

function centroidModel(
  candidates: CandidateIndex,
  examples: ProfileExamples,
  tuning: ModelTuning,
): ProfileModel {
  const weights = new Float64Array(candidates.index.terms.length);
  const { positives, negatives } = examples;
  for (const x of positives) addScaled(weights, x, 1 / positives.length);
  const gamma = tuning.centroidNegativeWeight;
  for (const x of negatives) addScaled(weights, x, -gamma / negatives.length);
  let norm = 0;
  for (const v of weights) norm += v * v;
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let t = 0; t < weights.length; t++) weights[t] = (weights[t] ?? 0) * scale;
  }
  return { kind: 'centroid', weights, bias: 0 };
}

function linearModel(
  candidates: CandidateIndex,
  examples: ProfileExamples,
  tuning: ModelTuning,
): ProfileModel {
  const { positives, negatives } = examples;
  // Without a positive there is no side to be on: the centroid's push away from dislikes.
  if (positives.length === 0) {
    return { ...centroidModel(candidates, examples, tuning), kind: 'linear' };
  }
  const background = candidates.vectors.filter((_, doc) => !examples.excluded?.has(doc));
  const total = positives.length + background.length + negatives.length;
  // Balanced classes: the profile weighs as much in all as the day's papers, however many each
  // has; a dislike is an explicit judgment and weighs more than a background paper.
  const c = tuning.linearC;
  const positiveCost = (c * total) / (2 * positives.length);
  const backgroundCost = (c * total) / (2 * Math.max(background.length, 1));
  const model = trainLinearSvm(
    [
      ...positives.map((x) => ({ x, label: 1 as const, cost: positiveCost })),
      ...negatives.map((x) => ({
        x,
        label: -1 as const,
        cost: Math.max(positiveCost * tuning.dislikedWeight, backgroundCost),
      })),
      ...background.map((x) => ({ x, label: -1 as const, cost: backgroundCost })),
    ],
    { dimensions: candidates.index.terms.length },
  );
  return { kind: 'linear', weights: model.weights, bias: model.bias };
}
