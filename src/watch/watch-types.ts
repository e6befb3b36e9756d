import type { Paper } from '../types.ts';

/** What a watch asks for in words, as the user typed them (the service has validated them). */
export interface WatchTerms {
  /** Words a paper should hold (each keyword's words, in any order). */
  keywords: string[];
  /** "Quoted phrases" a paper should hold, words in order. */
  phrases: string[];
  /** Author names ("Omer Levy"); every word of a name must match one of the paper's authors. */
  authors: string[];
  /** Words and phrases that keep a paper out. */
  exclude: string[];
}

/**
 * A channel's taste: the lab's library and the channel's feedback. Library and liked papers
 * are positives, disliked ones negatives.
 */
export interface WatchProfile {
  library: readonly Paper[];
  liked: readonly Paper[];
  disliked: readonly Paper[];
}

/** One part of why a paper ranks where it does. */
export interface WatchReason {
  kind: 'keyword' | 'phrase' | 'author' | 'similar';
  /** The keyword, phrase or author as the watch has it; for `similar`, the profile paper's title. */
  text: string;
  /** For `similar`: the nearest profile paper. */
  paperId?: string;
  /** Its share of the score. */
  weight: number;
  /** For `similar`: the words that count most for the paper in the model, strongest first. */
  terms?: string[];
  /** For `similar`: the cosine of the two papers. */
  cosine?: number;
}

/** A candidate with its score and the reasons for it. */
export interface RankedCandidate {
  paper: Paper;
  score: number;
  /** Above the model's threshold, or matching one of the watch's keywords, phrases or authors. */
  relevant: boolean;
  /** Strongest first. */
  reasons: WatchReason[];
  /** `matches "long context"; close to your Megalodon; author Omer Levy` */
  why: string;
}

/**
 * How similarity to the profile is modelled: `centroid` (cosine to the profile's mean),
 * `linear` (a linear SVM, profile against the day), `blend` (a fixed mix of the two directions).
 */
export type WatchModel = 'centroid' | 'linear' | 'blend';

/** The models' settings (defaults in `DEFAULT_TUNING`); changed only to measure them. */
export interface ModelTuning {
  /** Centroid: how much the disliked papers' mean is taken away (Rocchio's γ). */
  centroidNegativeWeight: number;
  /** Centroid: the liked papers' mean added to the library's (Rocchio's β; the library's α = 1). */
  centroidLikedWeight: number;
  /** Linear: the SVM's C (how hard it fits the profile), when `linearCostPerPositive` is unset. */
  linearC: number;
  /**
   * Linear: when set, C follows the profile's size instead: each positive costs this much and
   * the day's papers together as much as the positives together (whatever the day's size).
   */
  linearCostPerPositive?: number;
  /** Linear: whether the classes weigh the same in all (true) or every example costs C. */
  linearBalanced: boolean;
  /** Linear: a liked paper's weight as a positive, against a library paper's (Rocchio's β). */
  likedWeight: number;
  /**
   * Linear: a disliked paper's weight as a negative, against a library paper's as a positive
   * (Rocchio's γ); never below a day's paper's.
   */
  dislikedWeight: number;
  /** Blend: the SVM direction's share; the centroid's is the rest. */
  blendLinearShare: number;
}

export interface RankOptions {
  /** Default {@link DEFAULT_WATCH_MODEL}. */
  model?: WatchModel;
  /**
   * Cosine to the nearest profile paper from which a paper is relevant without matching a
   * term (default {@link RELEVANT_COSINE}).
   */
  threshold?: number;
  tuning?: Partial<ModelTuning>;
}
