// English strings of the registration emails; registration.hi.ts carries the same keys.
const en = {
  subject: "TODO",
};

export default en;
export type Messages = typeof en;
