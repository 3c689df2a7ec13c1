import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  MaxPartSizeExceededError,
  type MetaFunction,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { CsvFileErrors } from "#app/ui/csv-file-errors.tsx";
import { FieldError } from "#app/ui/forms.tsx";
import type { Language } from "#app/i18n/setup.ts";
import { listRecentImports, previewImport } from "#app/models/imports/csv-import.server.ts";
import { type FileError, ImportKindQuerySchema, UploadSchema } from "#app/models/imports/csv-import.ts";
import { formatDateTime, formatNumber } from "#app/i18n/datetime.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import styles from "../styles/imports.css";
import { readForm } from "#app/web/form.server.ts";
import { uploadBytes } from "#app/web/http/body-limits.server.ts";
import { getEnv } from "#app/platform/env.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { staff, scope } = await requireOrganiser(request);
  const { kind } = ImportKindQuerySchema.parse({ kind: new URL(request.url).searchParams.get("kind") });
  if (kind === "units" && staff.role !== "admin") throw new Response("Forbidden", { status: 403 });
  const [t, recent] = await Promise.all([
    i18nServer.getFixedT(request),
    listRecentImports(getDb(), { staffId: staff.id, role: staff.role, scope }),
  ]);
  return {
    title: `${t("imports.title")} · ${t("app.name")}`,
    kind,
    isAdmin: staff.role === "admin",
    uploadMaxMb: getEnv().UPLOAD_MAX_MB,
    recent: recent.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

type ReadForm = { ok: true; formData: FormData } | { ok: false; status: number; error: FileError };

/**
 * The upload as form data: multipart (a file) or urlencoded (pasted text), each at most UPLOAD_MAX_MB. The
 * server has already cut the whole body off at that size plus a form's worth (web/http/body-limits), and
 * counted its fields; here a file part past the size stops the parser.
 */
async function readUploadForm(request: Request): Promise<ReadForm> {
  const tooLarge = {
    ok: false,
    status: 413,
    error: { code: "fileTooLarge", limit: getEnv().UPLOAD_MAX_MB },
  } as const;
  const maxBytes = uploadBytes(getEnv().UPLOAD_MAX_MB);
  try {
    const multipart = (request.headers.get("content-type") ?? "").startsWith("multipart/form-data");
    const formData = multipart
      ? await unstable_parseMultipartFormData(
          request,
          unstable_createMemoryUploadHandler({ maxPartSize: maxBytes }),
        )
      : await readForm(request);
    const text = formData.get("text");
    if (typeof text === "string" && Buffer.byteLength(text) > maxBytes) return tooLarge;
    return { ok: true, formData };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return tooLarge;
    return { ok: false, status: 400, error: { code: "badRequest" } };
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const { staff, scope } = await requireOrganiser(request);
  const read = await readUploadForm(request);
  if (!read.ok) return data({ result: undefined, fileErrors: [read.error] }, { status: read.status });
  const submission = parseWithZod(read.formData, { schema: UploadSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), fileErrors: null }, { status: 400 });
  }
  const { kind, file, text } = submission.value;
  const hasFile = file && file.size > 0;
  const outcome = await previewImport(
    getDb(),
    { staffId: staff.id, role: staff.role, scope },
    {
      kind,
      filename: hasFile ? file.name : "pasted.csv",
      content: hasFile ? new Uint8Array(await file.arrayBuffer()) : (text ?? ""),
    },
  );
  if (!outcome.ok) {
    return data({ result: submission.reply(), fileErrors: outcome.errors }, { status: 400 });
  }
  return redirect(`/imports/${outcome.importId}`);
}

export default function Imports() {
  const { kind, isAdmin, recent, uploadMaxMb } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UploadSchema }),
  });
  const fileErrors = actionData?.fileErrors;
  const fileFieldErrors = fields.file.errors?.length;
  const kinds = isAdmin ? (["appointees", "units"] as const) : (["appointees"] as const);
  return (
    <>
      <h1>{t("imports.title")}</h1>
      {kinds.length > 1 ? (
        <nav className="import-kinds" aria-label={t("imports.kindsLabel")}>
          {kinds.map((k) => (
            <Link key={k} to={`?kind=${k}`} aria-current={k === kind ? "page" : undefined}>
              {t(`imports.kind_${k}`)}
            </Link>
          ))}
        </nav>
      ) : null}

      <section className="card" aria-labelledby="upload-title">
        <h2 id="upload-title">{t(`imports.uploadTitle_${kind}`)}</h2>
        <p>{t(`imports.help_${kind}`)}</p>
        <p>
          <a href={`/templates/${kind}.csv`} download className="button secondary">
            {t("imports.template")}
          </a>{" "}
          <span className="muted small">{t("imports.templateHint")}</span>
        </p>
        {fileErrors?.length ? <CsvFileErrors errors={fileErrors} /> : null}
        <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="import-form">
          <input type="hidden" name="kind" value={kind} />
          <div className="field">
            <label htmlFor={fields.file.id}>{t("imports.fileLabel")}</label>
            <input
              id={fields.file.id}
              name={fields.file.name}
              type="file"
              accept=".csv,text/csv,text/plain"
              aria-describedby={`${fields.file.id}-hint${fileFieldErrors ? ` ${fields.file.errorId}` : ""}`}
              aria-invalid={fileFieldErrors ? true : undefined}
            />
            <p id={`${fields.file.id}-hint`} className="muted small">
              {t("imports.fileHint", { mb: uploadMaxMb })}
            </p>
          </div>
          <div className="field">
            <label htmlFor={fields.text.id}>{t("imports.textLabel")}</label>
            <textarea
              id={fields.text.id}
              name={fields.text.name}
              rows={6}
              spellCheck={false}
              aria-describedby={`${fields.text.id}-hint`}
            />
            <p id={`${fields.text.id}-hint`} className="muted small">
              {t("imports.textHint")}
            </p>
          </div>
          <FieldError field={fields.file} alert />
          <p className="muted small">{t("imports.checkIntro")}</p>
          <button type="submit" className="button">
            {t("imports.check")}
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby="exports-title">
        <h2 id="exports-title">{t("imports.exportsTitle")}</h2>
        <p className="muted">{t("imports.exportsHint")}</p>
        <p className="export-links">
          <a href="/exports/appointees.csv" download className="button secondary">
            {t("imports.exportAppointees")}
          </a>
          <a href="/exports/committees.csv" download className="button secondary">
            {t("imports.exportCommittees")}
          </a>
        </p>
      </section>

      <section aria-labelledby="recent-title">
        <h2 id="recent-title">{t("imports.recentTitle")}</h2>
        {recent.length === 0 ? (
          <p className="card">{t("imports.recentEmpty")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("imports.colFile")}</th>
                  <th scope="col">{t("imports.colKind")}</th>
                  <th scope="col">{t("imports.colStatus")}</th>
                  <th scope="col">{t("imports.colUploaded")}</th>
                  <th scope="col" className="num">
                    {t("imports.counts.rows")}
                  </th>
                  <th scope="col" className="num">
                    {t("imports.colErrors")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {recent.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/imports/${r.id}`}>{r.filename}</Link>
                    </td>
                    <td>{t(`imports.kind_${r.kind}`)}</td>
                    <td>
                      <span className={`badge import-${r.status}`}>{t(`imports.status_${r.status}`)}</span>
                    </td>
                    <td>{formatDateTime(new Date(r.createdAt), lang)}</td>
                    <td className="num">{formatNumber(r.counts?.rows ?? 0, lang)}</td>
                    <td className="num">{formatNumber(r.errorCount, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
