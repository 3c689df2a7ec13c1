// What the root layout needs from the server on every page: the site's language, the signed-in staff member,
// whether the outbox link shows, and the mail alarm. One module, so that the browser build carries one empty
// stand-in for the root's server code instead of one per module (app/root.tsx).
import type { Language } from "#app/i18n/setup.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { getMailHealth } from "#app/mail/health.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { getStaff } from "#app/web/auth.server.ts";
import { canReadOutbox } from "#app/web/outbox-access.server.ts";

export async function rootData(request: Request) {
  const [locale, staff, outboxLink] = await Promise.all([
    i18nServer.getLocale(request) as Promise<Language>,
    getStaff(request),
    canReadOutbox(request),
  ]);
  // Organisers must see at once when mail is stuck: the anchors' users complain most about silent mail.
  const mailHealth = staff && staff.role !== "trainer" ? await getMailHealth(getDb()) : null;
  return {
    locale,
    staff: staff ? { name: staff.name, role: staff.role } : null,
    outboxLink,
    mailAlarm: mailHealth && mailHealth.status !== "ok" ? mailHealth : null,
  };
}
