// English strings of the events pages (t("events.…")). hi.ts must carry the same keys: the type check enforces it.
const en = {
  title: "TODO",
};

export default en;
export type Messages = typeof en;
