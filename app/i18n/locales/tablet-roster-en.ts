// The strings the tablet's roster page loads (app/i18n/strings.ts): the frame's (header, menu, error pages)
// and the roster's own, not the other areas'. The server renders the page with these same strings.
import shell from "./shell/en.ts";
import tablet from "./tablet/device.en.ts";

export default { ...shell, tablet };
