// English strings of the event-notices emails; event-notices.hi.ts carries the same keys.
const en = {
  subject: "TODO",
};

export default en;
export type Messages = typeof en;
