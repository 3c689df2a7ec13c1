// /programmes/:id: a programme's modules and the sessions that teach each one. Admins tag sessions, add
// modules and make them required or optional; organisers read it and go on to the completion report.
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
import { z } from "zod";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { formatDateTime } from "#app/i18n/datetime.ts";
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";
import { formatDay } from "#app/models/programmes/certificate-details.ts";
import { ModuleInputSchema } from "#app/models/programmes/programme.ts";
import {
  addModule,
  getProgramme,
  listCandidateSessions,
  removeModule,
  setModuleRequired,
  tagSession,
  untagSession,
} from "#app/models/programmes/programme.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { readForm } from "#app/web/form.server.ts";
import { requireAdmin, requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import styles from "../styles/programmes.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { staff, scope } = await requireOrganiser(request);
  const db = getDb();
  const page = await getProgramme(db, parseId(params.id), scope);
  const isAdmin = staff.role === "admin";
  const [t, candidates] = await Promise.all([
    i18nServer.getFixedT(request),
    isAdmin ? listCandidateSessions(db, page.programme) : Promise.resolve([]),
  ]);
  const saved = new URL(request.url).searchParams.get("saved") === "1";
  return {
    title: `${localized(page.programme, "name", await i18nServer.getLocale(request))} · ${t("app.name")}`,
    ...page,
    candidates: candidates.filter((c) => c.moduleId === null),
    isAdmin,
    saved,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

const id = z.coerce.number().int().positive();
const intents = {
  tag: z.object({ moduleId: id, sessionId: id }),
  untag: z.object({ sessionId: id }),
  required: z.object({ moduleId: id, required: z.enum(["true", "false"]) }),
  remove: z.object({ moduleId: id }),
  add: ModuleInputSchema.extend({ required: z.literal("on").optional() }),
};

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireAdmin(request);
  const db = getDb();
  const { programme } = await getProgramme(db, parseId(params.id));
  const form = Object.fromEntries(await readForm(request));
  const intent = String(form.intent ?? "") as keyof typeof intents;
  const schema = intents[intent];
  const parsed = schema?.safeParse(form);
  if (!parsed?.success) {
    const message =
      intent === "add"
        ? (parsed?.error?.issues[0]?.message ?? "programmes.errors.sessionUnknown")
        : "programmes.errors.sessionUnknown";
    return data({ error: message, intent }, { status: 400 });
  }
  const actor = { staffId: staff.id };
  const value = parsed.data as Record<string, unknown>;
  const outcome =
    intent === "tag"
      ? await tagSession(db, actor, programme.id, value.moduleId as number, value.sessionId as number)
      : intent === "untag"
        ? await untagSession(db, actor, programme.id, value.sessionId as number)
        : intent === "required"
          ? await setModuleRequired(
              db,
              actor,
              programme.id,
              value.moduleId as number,
              value.required === "true",
            )
          : intent === "remove"
            ? await removeModule(db, actor, programme.id, value.moduleId as number)
            : await addModule(db, actor, programme.id, {
                nameHi: value.nameHi as string,
                nameEn: value.nameEn as string,
                required: value.required === "on",
              });
  if (!outcome.ok) return data({ error: outcome.error, intent }, { status: 400 });
  return redirect(`/programmes/${programme.id}?saved=1`, 303);
}

export default function ProgrammePage() {
  const { programme, modules, candidates, isAdmin, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const name = (x: { nameHi: string; nameEn: string }) => localized(x, "name", lang);
  return (
    <>
      <p>
        <Link to="/programmes">{t("programmes.new.cancel")}</Link>
      </p>
      <h1>{name(programme)}</h1>
      <p>
        {t("programmes.dates", {
          from: formatDay(programme.startsOn, lang),
          to: formatDay(programme.endsOn, lang),
        })}
        {" · "}
        {t("programmes.page.forUnit", { unit: localized(programme, "unitName", lang) })}
        {" · "}
        {programme.levels
          ? t("programmes.page.levels", { levels: programme.levels.map((l) => t(`level.${l}`)).join(", ") })
          : t("programmes.page.levelsAll")}
      </p>
      <p>
        <Link to={`/reports/programmes/${programme.id}`}>{t("programmes.page.report")}</Link>
      </p>
      {actionData?.error ? (
        <p className="notice error" role="alert">
          {t(actionData.error)}
        </p>
      ) : saved ? (
        <p className="notice" role="status">
          {t("programmes.page.saved")}
        </p>
      ) : null}
      <h2>{t("programmes.page.modules")}</h2>
      <ol className="programme-modules">
        {modules.map((m) => (
          <li key={m.id} data-module-id={m.id}>
            <h3>
              {name(m)}{" "}
              <span className="badge">
                {m.required ? t("programmes.page.required") : t("programmes.page.optional")}
              </span>
            </h3>
            <h4>{t("programmes.page.sessions")}</h4>
            {m.sessions.length === 0 ? (
              <p className="muted">{t("programmes.page.noSessions")}</p>
            ) : (
              <ul>
                {m.sessions.map((s) => (
                  <li key={s.id}>
                    <Link to={`/events/${s.eventId}`}>{localized(s, "eventTitle", lang)}</Link>
                    {": "}
                    {localized(s, "title", lang)}, {formatDateTime(new Date(s.startsAt), lang)}
                    {s.eventStatus === "cancelled" ? ` (${t("programmes.page.cancelledEvent")})` : null}
                    {isAdmin ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="untag" />
                        <input type="hidden" name="sessionId" value={s.id} />
                        <button type="submit" className="link-button">
                          {t("programmes.page.untag")}
                        </button>
                      </Form>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
            {isAdmin ? (
              <>
                {candidates.length === 0 ? (
                  <p className="muted">{t("programmes.page.noCandidates")}</p>
                ) : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="tag" />
                    <input type="hidden" name="moduleId" value={m.id} />
                    <label>
                      {t("programmes.page.tagLabel")}{" "}
                      <select name="sessionId">
                        {candidates.map((c) => (
                          <option key={c.id} value={c.id}>
                            {localized(c, "eventTitle", lang)}: {localized(c, "title", lang)},{" "}
                            {formatDateTime(new Date(c.startsAt), lang)}
                          </option>
                        ))}
                      </select>
                    </label>
                    <button type="submit">{t("programmes.page.tagSubmit")}</button>
                  </Form>
                )}
                <Form method="post">
                  <input type="hidden" name="intent" value="required" />
                  <input type="hidden" name="moduleId" value={m.id} />
                  <input type="hidden" name="required" value={String(!m.required)} />
                  <button type="submit">
                    {m.required ? t("programmes.page.makeOptional") : t("programmes.page.makeRequired")}
                  </button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="moduleId" value={m.id} />
                  <button type="submit" className="danger">
                    {t("programmes.page.removeModule")}
                  </button>
                </Form>
              </>
            ) : null}
          </li>
        ))}
      </ol>
      {isAdmin ? (
        <Form method="post" className="card">
          <h2>{t("programmes.page.addModule")}</h2>
          <input type="hidden" name="intent" value="add" />
          <div className="field">
            <label htmlFor="module-name-hi">{t("programmes.fields.moduleNameHi")}</label>
            <input id="module-name-hi" name="nameHi" lang="hi" required maxLength={200} />
          </div>
          <div className="field">
            <label htmlFor="module-name-en">{t("programmes.fields.moduleNameEn")}</label>
            <input id="module-name-en" name="nameEn" lang="en" required maxLength={200} />
          </div>
          <label>
            <input type="checkbox" name="required" defaultChecked /> {t("programmes.fields.moduleRequired")}
          </label>{" "}
          <button type="submit">{t("programmes.page.addSubmit")}</button>
        </Form>
      ) : null}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
