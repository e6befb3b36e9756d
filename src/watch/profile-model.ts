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

/** The model used unless a watch says otherwise (chosen by measurement: docs/watches.md, "How watches rank"). */
export const DEFAULT_WATCH_MODEL: WatchModel = 'blend';

/**
 * The models' settings, chosen on the benchmark by the mean over its two collections
 * (docs/watches.md, "How watches rank"). Centroid: cosine to the library's mean, the liked papers' mean added
 * at β = 0.75 and the disliked papers' taken away at γ = 0.15 (Rocchio's standard values).
 * Linear: a linear SVM (the arxiv-sanity recipe) with the profile as positives and the day's
 * candidates as negatives, classes balanced, C = 0.01 (arxiv-sanity's; 0.003 to 0.03 rank the
 * same, 0.1 and up worse); a liked paper weighs β and a disliked one γ times a library paper,
 * the same Rocchio values. Blend: 0.7 of the SVM's direction and 0.3 of the centroid's (0.3 and
 * 0.5 ranked lower on both collections).
 */
export const DEFAULT_TUNING: ModelTuning = {
  centroidNegativeWeight: 0.15,
  centroidLikedWeight: 0.75,
  linearC: 0.01,
  linearBalanced: true,
  likedWeight: 0.75,
  dislikedWeight: 0.15,
  blendLinearShare: 0.7,
};

/** The examples of a profile, as vectors in the candidates' space. */
export interface ProfileExamples {
  library: readonly SparseVector[];
  liked: readonly SparseVector[];
  disliked: readonly SparseVector[];
  /** Candidates that are also in the profile (by document number), left out of the negatives. */
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
  if (kind === 'centroid') return centroidModel(candidates, examples, settings);
  if (kind === 'linear') return linearModel(candidates, examples, settings);
  return blendModel(candidates, examples, settings);
}

/**
 * A fixed mix of the centroid's and the SVM's directions, each of unit length first (an SVM's
 * weights have no fixed scale), so the score stays on a cosine's scale and its weights still
 * explain it term by term.
 */
function blendModel(
  candidates: CandidateIndex,
  examples: ProfileExamples,
  tuning: ModelTuning,
): ProfileModel {
  const centroid = centroidModel(candidates, examples, tuning).weights;
  const linear = unitLength(linearModel(candidates, examples, tuning).weights);
  const share = tuning.blendLinearShare;
  const weights = new Float64Array(centroid.length);
  for (let t = 0; t < weights.length; t++) {
    weights[t] = (1 - share) * (centroid[t] ?? 0) + share * (linear[t] ?? 0);
  }
  return { kind: 'blend', weights, bias: 0 };
}

function centroidModel(
  candidates: CandidateIndex,
  examples: ProfileExamples,
  tuning: ModelTuning,
): ProfileModel {
  const weights = new Float64Array(candidates.index.terms.length);
  const { library, liked, disliked } = examples;
  for (const x of library) addScaled(weights, x, 1 / library.length);
  for (const x of liked) addScaled(weights, x, tuning.centroidLikedWeight / liked.length);
  const gamma = tuning.centroidNegativeWeight;
  for (const x of disliked) addScaled(weights, x, -gamma / disliked.length);
  return { kind: 'centroid', weights: unitLength(weights), bias: 0 };
}

/** The vector scaled in place to unit length (all zeros stays all zeros). */
function unitLength(weights: Float64Array): Float64Array {
  let norm = 0;
  for (const v of weights) norm += v * v;
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let t = 0; t < weights.length; t++) weights[t] = (weights[t] ?? 0) * scale;
  }
  return weights;
}

function linearModel(
  candidates: CandidateIndex,
  examples: ProfileExamples,
  tuning: ModelTuning,
): ProfileModel {
  const { library, liked, disliked } = examples;
  const positives = [...library, ...liked];
  // Without a positive there is no side to be on: the centroid's push away from dislikes.
  if (positives.length === 0) {
    return { ...centroidModel(candidates, examples, tuning), kind: 'linear' };
  }
  const background = candidates.vectors.filter((_, doc) => !examples.excluded?.has(doc));
  const costs = exampleCosts(
    { positives: positives.length, background: background.length, disliked: disliked.length },
    tuning,
  );
  const model = trainLinearSvm(
    [
      ...library.map((x) => ({ x, label: 1 as const, cost: costs.positive })),
      ...liked.map((x) => ({ x, label: 1 as const, cost: costs.positive * tuning.likedWeight })),
      ...disliked.map((x) => ({
        x,
        label: -1 as const,
        cost: Math.max(costs.positive * tuning.dislikedWeight, costs.background),
      })),
      ...background.map((x) => ({ x, label: -1 as const, cost: costs.background })),
    ],
    { dimensions: candidates.index.terms.length },
  );
  return { kind: 'linear', weights: model.weights, bias: model.bias };
}

/**
 * What a margin violation costs for a positive and for a day's paper. Balanced classes: the
 * profile weighs as much in all as the day's papers, however many each has (scikit-learn's
 * `class_weight='balanced'`, as arxiv-sanity trains); a dislike is an explicit judgment and
 * weighs more than a background paper (the caller's max).
 */
export function exampleCosts(
  counts: { positives: number; background: number; disliked: number },
  tuning: ModelTuning,
): { positive: number; background: number } {
  const { positives, background, disliked } = counts;
  const perPositive = tuning.linearCostPerPositive;
  if (perPositive !== undefined) {
    return {
      positive: perPositive,
      background: (perPositive * positives) / Math.max(background, 1),
    };
  }
  const c = tuning.linearC;
  if (!tuning.linearBalanced) return { positive: c, background: c };
  const total = positives + background + disliked;
  return {
    positive: (c * total) / (2 * Math.max(positives, 1)),
    background: (c * total) / (2 * Math.max(background, 1)),
  };
}
