import type { ModelTuning, RankOptions, WatchModel } from '../src/index.ts';

/**
 * The benchmark's model specs: a model's name with settings after colons, `linear`,
 * `linear:c=0.1:d=0.5`, `centroid:g=0.15:b=0.75`, `blend:m=0.5`, turned into the options of `rankCandidates`.
 */

/** Setting names in a spec → the tuning field each sets. */
export const TUNING_KEYS = {
  /** Linear: the SVM's C. */
  c: 'linearC',
  /** Linear: a dislike's cost against a library paper's (Rocchio's γ). */
  d: 'dislikedWeight',
  /** Linear: a liked paper's cost against a library paper's (Rocchio's β). */
  l: 'likedWeight',
  /** Centroid: the dislikes' weight (Rocchio's γ). */
  g: 'centroidNegativeWeight',
  /** Centroid: the liked papers' weight beside the library's (Rocchio's β). */
  b: 'centroidLikedWeight',
  /** Linear: C by the profile's size, each positive costing this much. */
  k: 'linearCostPerPositive',
  /** Linear: 1 classes balanced, 0 every example at C. */
  w: 'linearBalanced',
  /** Blend: the SVM direction's share. */
  m: 'blendLinearShare',
} as const satisfies Record<string, keyof ModelTuning>;

const MODELS: readonly WatchModel[] = ['centroid', 'linear', 'blend'];

/** A spec's label (the spec itself) and the options it stands for; throws on an unknown part. */
export function parseModelSpec(spec: string): { label: string; options: RankOptions } {
  const [model, ...settings] = spec.split(':');
  if (!MODELS.includes(model as WatchModel)) throw new Error(`unknown model “${spec}”`);
  const tuning: Partial<ModelTuning> = {};
  for (const setting of settings) {
    const [key, value] = setting.split('=');
    const name = TUNING_KEYS[key as keyof typeof TUNING_KEYS] as keyof ModelTuning | undefined;
    if (!name || value === undefined || value === '' || !Number.isFinite(Number(value))) {
      throw new Error(`unknown setting “${setting}” in “${spec}”`);
    }
    if (name === 'linearBalanced') tuning.linearBalanced = Number(value) !== 0;
    else tuning[name] = Number(value);
  }
  return { label: spec, options: { model: model as WatchModel, tuning } };
}
