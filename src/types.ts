/** A paper of the corpus, as every part of Shammie sees it. */
export interface Paper {
  /** Stable id: the input's own id, else the arXiv id, else the DOI, else a content hash. */
  id: string;
  /** Display title (LaTeX cleaned). Derived from the abstract when the source has none. */
  title: string;
  /** Display abstract (LaTeX cleaned). */
  abstract: string;
  /** Authors in citation order, "First Last". */
  authors: string[];
  year?: number;
  venue?: string;
  /** Landing page: the input's url, else the arXiv abs page, else the DOI resolver. */
  url?: string;
  /** arXiv id without version, e.g. "2305.11206". */
  arxiv?: string;
  /** DOI, lower-cased, without resolver prefix. */
  doi?: string;
  /** The source's own citation key (a BibTeX entry's label), kept when citing the paper. */
  citationKey?: string;
  /** Volume, issue number and pages ("1–10", LaTeX cleaned) as the source gives them. */
  volume?: string;
  number?: string;
  pages?: string;
  /** True when the title was derived from the abstract rather than given. */
  titleDerived?: boolean;
  /** Name of the collection the paper came from (seed text's name line, file name otherwise). */
  collection?: string;
}

/** An entry that could not be loaded: the rest of the corpus loads without it. */
export interface LoadProblem {
  file: string;
  line?: number;
  message: string;
}

export interface LoadedCorpus {
  papers: Paper[];
  problems: LoadProblem[];
}
