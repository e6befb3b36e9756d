/** Action ids of Shammie's buttons; the action listener routes on these. */
export const ACTION_IDS = {
  summary: 'shammie_summary',
  similar: 'shammie_similar',
  cite: 'shammie_cite',
  more: 'shammie_more',
} as const;

export type ActionId = (typeof ACTION_IDS)[keyof typeof ACTION_IDS];

/** True for one of Shammie's own action ids. */
export function isActionId(id: string): id is ActionId {
  return (Object.values(ACTION_IDS) as string[]).includes(id);
}
