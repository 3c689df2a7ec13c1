// /programmes: the training programmes, for organisers to read and admins to define.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";
import { formatNumber } from "#app/i18n/datetime.ts";
import { formatDay } from "#app/models/programmes/certificate-details.ts";
import { listProgrammes } from "#app/models/programmes/programme.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import styles from "../styles/programmes.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { staff, scope } = await requireOrganiser(request);
  const [t, programmes] = await Promise.all([i18nServer.getFixedT(request), listProgrammes(getDb(), scope)]);
  return {
    title: `${t("programmes.title")} · ${t("app.name")}`,
    programmes,
    isAdmin: staff.role === "admin",
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export default function Programmes() {
  const { programmes, isAdmin } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  return (
    <>
      <h1>{t("programmes.title")}</h1>
      <p className="muted">{t("programmes.intro")}</p>
      {isAdmin ? (
        <p>
          <Link to="/programmes/new" className="button">
            {t("programmes.newLink")}
          </Link>
        </p>
      ) : null}
      {programmes.length === 0 ? (
        <p className="card">{t("programmes.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("programmes.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("programmes.columns.name")}</th>
                <th scope="col">{t("programmes.columns.dates")}</th>
                <th scope="col">{t("programmes.columns.unit")}</th>
                <th scope="col">{t("programmes.columns.modules")}</th>
              </tr>
            </thead>
            <tbody>
              {programmes.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/programmes/${p.id}`}>{localized(p, "name", lang)}</Link>
                  </th>
                  <td>
                    {t("programmes.dates", {
                      from: formatDay(p.startsOn, lang),
                      to: formatDay(p.endsOn, lang),
                    })}
                  </td>
                  <td>{localized(p, "unitName", lang)}</td>
                  <td>{formatNumber(Number(p.modules), lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
