// Pure rules of the organisation tree, shared by the UI, the models and the tests.
export const unitLevels = ["state", "district", "assembly", "block", "panchayat", "booth"] as const;
export type UnitLevel = (typeof unitLevels)[number];

export function levelRank(level: UnitLevel): number {
  return unitLevels.indexOf(level);
}

/** A child must sit at a deeper level than its parent (a block may hang directly under a district). */
export function canNest(parent: UnitLevel, child: UnitLevel): boolean {
  return levelRank(child) > levelRank(parent);
}

/** The LIKE pattern that matches a unit and everything below it, from its materialised path '/1/12/'. */
export function subtreePattern(path: string): string {
  if (!/^(\/\d+)+\/$/.test(path)) throw new Error(`not a unit path: ${path}`);
  return `${path}%`;
}

/** Default seat quota of a new committee, by the level of its unit (configurable per deployment later). */
export const defaultSeatQuota: Record<UnitLevel, number> = {
  state: 50,
  district: 40,
  assembly: 10,
  block: 15,
  panchayat: 11,
  booth: 5,
};
