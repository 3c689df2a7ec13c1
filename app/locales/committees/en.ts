// English strings of the committees pages (t("committees.…")). hi.ts must carry the same keys: the type check enforces it.
const en = {};

export default en;
export type Messages = typeof en;
