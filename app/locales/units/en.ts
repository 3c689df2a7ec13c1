// English strings of the units pages (t("units.…")). hi.ts must carry the same keys: the type check enforces it.
const en = {};

export default en;
export type Messages = typeof en;
