import type { Messages } from "./event-notices.en.ts";

const hi: Messages = {
  subject: "TODO",
};

export default hi;
