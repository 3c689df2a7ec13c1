// The camera scanner's and the walk-in form's strings come with those panels, which load when first opened,
// rather than with the roster page (app/i18n/locales/tablet/panels.*.ts). A panel adds them to the page's
// strings when it first renders; i18next, holding every area's strings, has them already. Panels render
// only in the browser, after a tap, so the server's page never needs them.
import type { i18n } from "i18next";
import en from "#app/i18n/locales/tablet/panels.en.ts";
import hi from "#app/i18n/locales/tablet/panels.hi.ts";

export function addPanelStrings(i18n: i18n): void {
  if (i18n.exists("tablet.walkInTitle")) return;
  i18n.addResourceBundle(
    i18n.language,
    "translation",
    { tablet: i18n.language === "en" ? en : hi },
    true,
    false,
  );
}
