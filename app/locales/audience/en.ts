// English strings of the audience pages (t("audience.…")). hi.ts must carry the same keys: the type check enforces it.
const en = {
  title: "TODO",
};

export default en;
export type Messages = typeof en;
