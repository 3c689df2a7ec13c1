// English strings of the invitation emails; invitation.hi.ts carries the same keys.
const en = {
  subject: "TODO",
};

export default en;
export type Messages = typeof en;
