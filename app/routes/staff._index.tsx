import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";
import { listStaff, readStaffListFilter } from "#app/models/staff/staff.server.ts";
import { formatDateTime, formatNumber } from "#app/i18n/datetime.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireAdmin } from "#app/web/organiser.server.ts";
import styles from "../styles/staff.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const filter = readStaffListFilter(new URL(request.url).searchParams);
  const [t, list] = await Promise.all([i18nServer.getFixedT(request), listStaff(getDb(), filter)]);
  return { title: `${t("staff.title")} · ${t("app.name")}`, ...list, filter };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export default function StaffList() {
  const { rows, hasMore, total, activeCount, filter } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const num = (n: number) => formatNumber(n, lang);
  return (
    <>
      <div className="staff-heading">
        <h1>{t("staff.title")}</h1>
        <Link to="/staff/new" className="button">
          {t("staff.inviteLink")}
        </Link>
      </div>
      <p className="muted">{t("staff.intro")}</p>
      {filter.invited ? (
        <p className="notice" role="status">
          {t("staff.invited")}
        </p>
      ) : null}
      <p>{t("staff.counts", { active: num(activeCount), total: num(total) })}</p>
      {rows.length === 0 ? (
        <p className="card">{t("staff.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="staff-table">
            <caption>{t("staff.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("staff.columns.name")}</th>
                <th scope="col">{t("staff.columns.email")}</th>
                <th scope="col">{t("staff.columns.role")}</th>
                <th scope="col">{t("staff.columns.scope")}</th>
                <th scope="col">{t("staff.columns.status")}</th>
                <th scope="col">{t("staff.columns.lastSignIn")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((staff) => (
                <tr
                  key={staff.id}
                  data-staff-id={staff.id}
                  className={[
                    staff.active ? "" : "inactive",
                    staff.id === filter.invited ? "highlight" : "",
                  ].join(" ")}
                >
                  <th scope="row">
                    <Link to={`/staff/${staff.id}`}>{staff.name}</Link>
                  </th>
                  <td className="staff-email">{staff.email}</td>
                  <td>{t(`staff.role_${staff.role}`)}</td>
                  <td>
                    {staff.role === "admin"
                      ? t("staff.scopeAll")
                      : staff.scope
                        ? t("staff.unitWithCode", {
                            name: localized(staff.scope, "name", lang),
                            code: staff.scope.code,
                          })
                        : t("staff.scopeNone")}
                  </td>
                  <td>
                    <span className={`badge ${staff.active ? "staff-active" : "staff-inactive"}`}>
                      {t(staff.active ? "staff.status_active" : "staff.status_inactive")}
                    </span>
                  </td>
                  <td>
                    {staff.lastSignInAt
                      ? formatDateTime(new Date(staff.lastSignInAt), lang)
                      : t("staff.never")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {filter.page > 1 || hasMore ? (
        <nav className="pager" aria-label={t("staff.page", { page: num(filter.page) })}>
          {filter.page > 1 ? <Link to={`?page=${filter.page - 1}`}>{t("staff.previous")}</Link> : null}
          <span>{t("staff.page", { page: num(filter.page) })}</span>
          {hasMore ? <Link to={`?page=${filter.page + 1}`}>{t("staff.next")}</Link> : null}
        </nav>
      ) : null}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
