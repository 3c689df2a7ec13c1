// The strings a tablet page loads (app/i18n/strings.ts): the frame's (header, menu, error pages) and the
// tablet's own, not the other areas'. The server renders tablet pages with these same strings.
import shell from "./shell/hi.ts";
import tablet from "./tablet/device.hi.ts";

export default { ...shell, tablet };
