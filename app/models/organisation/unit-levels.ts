// The levels of the organisation tree, top down. Apart from unit.ts (which re-exports them) so that a page
// needing only the levels does not load unit.ts's schemas and Zod with them.
export const unitLevels = ["state", "district", "assembly", "block", "panchayat", "booth"] as const;
export type UnitLevel = (typeof unitLevels)[number];
