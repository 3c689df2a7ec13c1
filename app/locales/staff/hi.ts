import type { Messages } from "./en.ts";

const hi: Messages = {};

export default hi;
