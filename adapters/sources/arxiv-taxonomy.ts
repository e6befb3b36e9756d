/**
 * arXiv's category taxonomy (https://arxiv.org/category_taxonomy): every archive and category a
 * harvest may name, so that a typo (`cs.CLL`, `hepth`) is answered with the closest real names
 * instead of an hour spent harvesting a whole archive for nothing.
 */

import SearchableMap from 'minisearch/SearchableMap';

/** Categories of each archive, as arXiv spells them; an archive with none is a category itself. */
const TAXONOMY: Readonly<Record<string, readonly string[]>> = {
  cs: 'AI AR CC CE CG CL CR CV CY DB DC DL DM DS ET FL GL GR GT HC IR IT LG LO MA MM MS NA NE NI OH OS PF PL RO SC SD SE SI SY'.split(
    ' ',
  ),
  econ: ['EM', 'GN', 'TH'],
  eess: ['AS', 'IV', 'SP', 'SY'],
  math: 'AC AG AP AT CA CO CT CV DG DS FA GM GN GR GT HO IT KT LO MG MP NA NT OA OC PR QA RA RT SG SP ST'.split(
    ' ',
  ),
  'astro-ph': ['CO', 'EP', 'GA', 'HE', 'IM', 'SR'],
  'cond-mat': [
    'dis-nn',
    'mes-hall',
    'mtrl-sci',
    'other',
    'quant-gas',
    'soft',
    'stat-mech',
    'str-el',
    'supr-con',
  ],
  'gr-qc': [],
  'hep-ex': [],
  'hep-lat': [],
  'hep-ph': [],
  'hep-th': [],
  'math-ph': [],
  nlin: ['AO', 'CD', 'CG', 'PS', 'SI'],
  'nucl-ex': [],
  'nucl-th': [],
  physics:
    'acc-ph ao-ph app-ph atm-clus atom-ph bio-ph chem-ph class-ph comp-ph data-an ed-ph flu-dyn gen-ph geo-ph hist-ph ins-det med-ph optics plasm-ph pop-ph soc-ph space-ph'.split(
      ' ',
    ),
  'q-bio': ['BM', 'CB', 'GN', 'MN', 'NC', 'OT', 'PE', 'QM', 'SC', 'TO'],
  'q-fin': ['CP', 'EC', 'GN', 'MF', 'PM', 'PR', 'RM', 'ST', 'TR'],
  'quant-ph': [],
  stat: ['AP', 'CO', 'ME', 'ML', 'OT', 'TH'],
};

/** Most names {@link closestCategories} offers. */
export const MAX_CATEGORY_SUGGESTIONS = 3;
/** Typos farther than this from every name get no suggestion. */
const MAX_TYPO_DISTANCE = 2;

/** Every archive and category, keyed by its lower-case spelling. */
const NAMES: ReadonlyMap<string, string> = new Map(
  Object.entries(TAXONOMY).flatMap(([archive, subjects]) => [
    [archive, archive],
    ...subjects.map((subject): [string, string] => {
      const name = `${archive}.${subject}`;
      return [name.toLowerCase(), name];
    }),
  ]),
);

let tree: SearchableMap<string> | undefined;

/**
 * `text` as arXiv spells the archive or category (`cs.cl` → `cs.CL`), or undefined when arXiv
 * has no such archive or category.
 */
export function knownCategory(text: string): string | undefined {
  return NAMES.get(text.trim().toLowerCase());
}

/** The real names closest to a mistyped one (`cs.CLL` → `cs.CL`…), nearest first. */
export function closestCategories(text: string): string[] {
  if (!tree) {
    const built = new SearchableMap<string>();
    for (const [key, name] of NAMES) built.set(key, name);
    tree = built;
  }
  const typed = text.trim().toLowerCase();
  const found = [...tree.fuzzyGet(typed, MAX_TYPO_DISTANCE)];
  return found
    .sort(([a, [, da]], [b, [, db]]) => da - db || a.localeCompare(b))
    .slice(0, MAX_CATEGORY_SUGGESTIONS)
    .map(([, [name]]) => name);
}
