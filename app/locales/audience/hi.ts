import type { Messages } from "./en.ts";

const hi: Messages = {
  title: "TODO",
};

export default hi;
