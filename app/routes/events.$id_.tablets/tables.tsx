// The tablets page's lists: the paired tablets (with a withdraw button each) and the walk-ins to check.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "#app/i18n/datetime.ts";
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";
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

export function WalkInsTable({ walkIns }: { walkIns: LoaderData["walkIns"] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
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
            {w.verifiedId ? (
              t("tablet.verified", { name: w.verifiedName })
            ) : w.matchId ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="walkInId" value={w.id} />
                <input type="hidden" name="appointeeId" value={w.matchId} />
                <button type="submit" name="intent" value="verify-walk-in" className="button secondary">
                  {t("tablet.verify", {
                    name: language === "hi" && w.matchNameHi ? w.matchNameHi : w.matchName,
                  })}
                </button>
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
