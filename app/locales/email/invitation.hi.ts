import type { Messages } from "./invitation.en.ts";

const hi: Messages = {
  subject: "TODO",
};

export default hi;
