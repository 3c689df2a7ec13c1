// English strings of the registration pages (t("registration.…")). hi.ts must carry the same keys: the type check enforces it.
const en = {
  title: "TODO",
};

export default en;
export type Messages = typeof en;
