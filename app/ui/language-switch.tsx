import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Language } from "#app/i18n/setup.ts";

/** A plain form, so switching works without JavaScript; the server remembers the choice in a cookie. */
export function LanguageSwitch({ current }: { current: Language }) {
  const { t } = useTranslation();
  const location = useLocation();
  const other: Language = current === "hi" ? "en" : "hi";
  return (
    <Form method="post" action="/language" className="lang-switch" reloadDocument>
      <input type="hidden" name="lng" value={other} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" lang={other}>
        {t("language.switchTo")}
      </button>
    </Form>
  );
}
