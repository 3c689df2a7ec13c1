import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { CsvFileErrors } from "#app/ui/csv-file-errors.tsx";
import type { Language } from "#app/i18n/setup.ts";
import { confirmImport, discardImport, getImportPreview } from "#app/models/imports/csv-import.server.ts";
import {
  ImportActionSchema,
  type ImportCounts,
  MAX_CHANGE_SAMPLES,
  PreviewQuerySchema,
} from "#app/models/imports/csv-import.ts";
import { formatDateTime, formatNumber } from "#app/i18n/datetime.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import styles from "../styles/imports.css";
import { readForm } from "#app/web/form.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { staff, scope } = await requireOrganiser(request);
  const id = parseId(params.id);
  if (!id) throw new Response("Not found", { status: 404 });
  const { page } = PreviewQuerySchema.parse({ page: new URL(request.url).searchParams.get("page") ?? 1 });
  const [t, preview] = await Promise.all([
    i18nServer.getFixedT(request),
    getImportPreview(getDb(), { staffId: staff.id, role: staff.role, scope }, id, page),
  ]);
  return {
    title: `${t(preview.status === "imported" ? "imports.importTitle" : "imports.previewTitle", { filename: preview.filename })} · ${t("app.name")}`,
    preview: {
      ...preview,
      createdAt: preview.createdAt.toISOString(),
      importedAt: preview.importedAt?.toISOString() ?? null,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, scope } = await requireOrganiser(request);
  const id = parseId(params.id);
  if (!id) throw new Response("Not found", { status: 404 });
  const submission = parseWithZod(await readForm(request), { schema: ImportActionSchema });
  if (submission.status !== "success") return data({ outcome: "bad-request" as const }, { status: 400 });
  const actor = { staffId: staff.id, role: staff.role, scope };
  if (submission.value.intent === "discard") {
    await discardImport(getDb(), actor, id);
    return redirect("/imports");
  }
  const outcome = await confirmImport(getDb(), actor, id);
  if (outcome.ok) return redirect(`/imports/${id}`);
  if (outcome.error === "invalid") return data({ outcome: "invalid" as const }, { status: 422 });
  return data({ outcome: outcome.error }, { status: 409 });
}

const countKeys: (keyof ImportCounts)[] = ["rows", "create", "update", "skip", "errorRows"];
const importedCountKeys = ["create", "update", "skip"] as const;

export default function ImportPreview() {
  const { preview } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const num = (n: number) => formatNumber(n, lang);
  const { summary, status } = preview;
  const hasErrors = summary.errorCount > 0;
  const rowErrorCount = summary.errorCount - (summary.fileErrors?.length ?? 0);
  const pageLink = (page: number) => `?page=${page}`;
  return (
    <>
      <p>
        <Link to={`/imports?kind=${preview.kind}`}>← {t("imports.back")}</Link>
      </p>
      <h1>
        {t(status === "imported" ? "imports.importTitle" : "imports.previewTitle", {
          filename: preview.filename,
        })}
      </h1>
      <p className="muted">
        {t(`imports.kind_${preview.kind}`)} ·{" "}
        {t("imports.previewIntro", { time: formatDateTime(new Date(summary.checkedAt), lang) })}
      </p>

      {actionData?.outcome === "invalid" ? (
        <p className="notice error" role="alert">
          {t("imports.invalidNow")}
        </p>
      ) : null}
      {actionData?.outcome === "already-imported" ? (
        <p className="notice" role="status">
          {t("imports.alreadyImported")}
        </p>
      ) : null}
      {status === "imported" && preview.importedAt ? (
        <p className="notice" role="status">
          {t("imports.importedNotice", { time: formatDateTime(new Date(preview.importedAt), lang) })}
        </p>
      ) : null}
      {status === "discarded" ? <p className="notice">{t("imports.discardedNotice")}</p> : null}

      {status === "imported" ? (
        <dl className="stats import-counts" data-testid="import-counts">
          {importedCountKeys.map((key) => (
            <div key={key} data-count={key}>
              <dt>{t(`imports.countsImported.${key}`)}</dt>
              <dd>{num(summary.counts[key])}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <dl className="stats import-counts" data-testid="import-counts">
          {countKeys.map((key) => (
            <div
              key={key}
              data-count={key}
              className={key === "errorRows" && hasErrors ? "has-errors" : undefined}
            >
              <dt>{t(`imports.counts.${key}`)}</dt>
              <dd>{num(summary.counts[key])}</dd>
            </div>
          ))}
        </dl>
      )}

      {status === "previewed" ? (
        <section className="card import-actions" aria-label={t("imports.confirm")}>
          {hasErrors ? (
            <p>
              <Link to={`/imports?kind=${preview.kind}`} className="button">
                {t("imports.uploadAgain")}
              </Link>
            </p>
          ) : (
            <Form method="post">
              <p>{t("imports.confirmIntro")}</p>
              <button type="submit" name="intent" value="confirm" className="button">
                {t("imports.confirm")}
              </button>
            </Form>
          )}
          <Form method="post">
            <button type="submit" name="intent" value="discard" className="button secondary">
              {t("imports.discard")}
            </button>
          </Form>
        </section>
      ) : null}

      {summary.fileErrors?.length ? <CsvFileErrors errors={summary.fileErrors} /> : null}

      {rowErrorCount > 0 ? (
        <section aria-labelledby="errors-title" className="import-errors">
          <h2 id="errors-title">{t("imports.errorsTitle", { total: num(rowErrorCount) })}</h2>
          {status === "previewed" ? <p className="notice error">{t("imports.errorsIntro")}</p> : null}
          <div className="table-wrap">
            <table>
              <caption>
                {t("imports.errorsCaption", { page: num(preview.page), pages: num(preview.pageCount) })}
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t("imports.colLine")}
                  </th>
                  <th scope="col">{t("imports.colColumn")}</th>
                  <th scope="col">{t("imports.colProblem")}</th>
                  <th scope="col">{t("imports.colValue")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.errors.map((e) => (
                  <tr
                    key={`${e.line}-${e.column}-${e.code}`}
                    data-line={e.line}
                    data-column={e.column ?? ""}
                    data-code={e.code}
                  >
                    <td className="num">{num(e.line)}</td>
                    <td>{e.column ? <code>{e.column}</code> : "—"}</td>
                    <td>
                      {t(`imports.errors.${e.code}`, {
                        value: e.value ?? "",
                        otherLine: e.otherLine === undefined ? "" : num(e.otherLine),
                      })}
                    </td>
                    <td className="import-value">{e.value ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.pageCount > 1 ? (
            <nav
              className="pager"
              aria-label={t("imports.errorsCaption", {
                page: num(preview.page),
                pages: num(preview.pageCount),
              })}
            >
              {preview.page > 1 ? <Link to={pageLink(preview.page - 1)}>{t("imports.previous")}</Link> : null}
              {preview.page < preview.pageCount ? (
                <Link to={pageLink(preview.page + 1)}>{t("imports.next")}</Link>
              ) : null}
            </nav>
          ) : null}
        </section>
      ) : null}

      {summary.changes.length ? (
        <section aria-labelledby="changes-title">
          <h2 id="changes-title">{t("imports.changesTitle")}</h2>
          <div className="table-wrap">
            <table>
              <caption>{t("imports.changesCaption", { limit: num(MAX_CHANGE_SAMPLES) })}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t("imports.colLine")}
                  </th>
                  <th scope="col">{t("imports.colWho")}</th>
                  <th scope="col">{t("imports.colChanges")}</th>
                </tr>
              </thead>
              <tbody>
                {summary.changes.map((c) => (
                  <tr key={c.line}>
                    <td className="num">{num(c.line)}</td>
                    <td>{c.label}</td>
                    <td>{c.fields.map((f) => t(`imports.field.${f}`)).join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
