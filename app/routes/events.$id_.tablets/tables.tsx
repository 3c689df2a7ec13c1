// The tablets page's lists: the paired tablets (with a withdraw button each) and the walk-ins to check.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "#app/i18n/datetime.ts";
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";
import type { WalkInAppointee } from "#app/models/attendance/attendance.server.ts";
import { displayPhone } from "#app/models/organisation/committee.ts";
import type { LoaderData } from "./route.tsx";

/** A heading, then the rows in a table with these column headings, or the empty message when there are none. */
function ListTable({
  heading,
  empty,
  columns,
  children,
}: {
  heading: string;
  empty: string;
  columns: string[];
  children: React.ReactNode[];
}) {
  return (
    <>
      <h2>{heading}</h2>
      {children.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>{children}</tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function DevicesTable({ devices }: { devices: LoaderData["devices"] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const when = (date: Date | string | null) =>
    date ? formatDateTime(new Date(date), language) : t("tablet.never");
  return (
    <ListTable
      heading={t("tablet.devicesHeading")}
      empty={t("tablet.noDevices")}
      columns={[t("tablet.deviceName"), t("tablet.pairedAt"), t("tablet.lastSeen"), t("tablet.deviceStatus")]}
    >
      {devices.map((device) => (
        <tr key={device.id}>
          <th scope="row">{device.name}</th>
          <td>
            {when(device.createdAt)}
            {device.createdByName ? <span className="muted small"> · {device.createdByName}</span> : null}
          </td>
          <td>{when(device.lastSeenAt)}</td>
          <td>
            {device.revokedAt ? (
              t("tablet.revokedAt", { time: when(device.revokedAt) })
            ) : (
              <Form method="post" className="inline-form">
                <input type="hidden" name="deviceId" value={device.id} />
                <span className="badge formed">{t("tablet.active")}</span>{" "}
                <button type="submit" name="intent" value="revoke" className="button secondary">
                  {t("tablet.revoke")}
                </button>
              </Form>
            )}
          </td>
        </tr>
      ))}
    </ListTable>
  );
}

/** An appointee of the walk-ins list: the name inside the organiser's scope, initials and two digits outside. */
function useAppointeeLabel() {
  const { t, i18n } = useTranslation();
  return (person: WalkInAppointee) => {
    if (person.inScope) return i18n.language === "hi" && person.nameHi ? person.nameHi : person.name;
    return person.phone
      ? t("tablet.maskedPerson", { initials: person.initials, phone: person.phone })
      : person.initials;
  };
}

export function WalkInsTable({ walkIns }: { walkIns: LoaderData["walkIns"] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const label = useAppointeeLabel();
  const outside = (person: WalkInAppointee) =>
    person.inScope ? null : <span className="muted small"> · {t("tablet.outsideScope")}</span>;
  return (
    <ListTable
      heading={t("tablet.walkInsListHeading")}
      empty={t("tablet.noWalkIns")}
      columns={[t("tablet.walkInName"), t("tablet.phone"), t("tablet.session"), t("tablet.match")]}
    >
      {walkIns.map((w) => (
        <tr key={w.id}>
          <th scope="row">{w.name}</th>
          <td>{w.phone ? displayPhone(w.phone) : "—"}</td>
          <td>{localized(w, "sessionTitle", language)}</td>
          <td>
            {w.verified ? (
              <>
                {t("tablet.verified", { name: label(w.verified) })}
                {outside(w.verified)}
              </>
            ) : w.match ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="walkInId" value={w.id} />
                <input type="hidden" name="appointeeId" value={w.match.id} />
                <button type="submit" name="intent" value="verify-walk-in" className="button secondary">
                  {t("tablet.verify", { name: label(w.match) })}
                </button>
                {outside(w.match)}
              </Form>
            ) : (
              <span className="muted">{t("tablet.noMatch")}</span>
            )}
          </td>
        </tr>
      ))}
    </ListTable>
  );
}
