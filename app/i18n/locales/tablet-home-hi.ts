// The strings the trainer's /tablet page loads (app/i18n/strings.ts): the frame's and the page's own. The
// server renders the page with these same strings.
import shell from "./shell/hi.ts";
import tablet from "./tablet/home.hi.ts";

export default { ...shell, tablet };
