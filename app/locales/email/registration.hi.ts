import type { Messages } from "./registration.en.ts";

const hi: Messages = {
  subject: "TODO",
};

export default hi;
