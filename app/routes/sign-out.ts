import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { revokeStaffSession } from "#app/models/staff/staff-session.server.ts";
import { clearSessionCookieHeader, readSessionToken } from "#app/web/auth.server.ts";
import { getDb } from "#app/platform/db.server.ts";

// POST only: revokes the session in the database (so a copied cookie stops working) and clears the cookie.
export async function action({ request }: ActionFunctionArgs) {
  await revokeStaffSession(getDb(), await readSessionToken(request));
  return redirect("/", { headers: { "Set-Cookie": await clearSessionCookieHeader() } });
}

export async function loader() {
  return redirect("/");
}
