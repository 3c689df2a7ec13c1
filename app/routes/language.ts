import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { isLanguage } from "#app/i18n/setup.ts";
import { languageCookie } from "#app/i18n/language-cookie.server.ts";
import { safeRedirectPath } from "#app/web/redirect.ts";
import { readForm } from "#app/web/form.server.ts";

// POST only: remembers the language and returns to the page the switch was pressed on.
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request).catch(() => null);
  const lng = form?.get("lng");
  const to = safeRedirectPath(form?.get("redirectTo"));
  if (!isLanguage(lng)) return redirect(to, 303);
  return redirect(to, { status: 303, headers: { "Set-Cookie": await languageCookie.serialize(lng) } });
}

export async function loader() {
  return redirect("/", 303);
}
