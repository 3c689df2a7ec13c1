// /appointees/:id/merge: find a duplicate of this person (by number, mobile or email), compare the two side by
// side, choose per field which value to keep, and merge: one transaction moves the duplicate's appointments
// here, deletes it and writes the audit log. Both people must be visible to the viewer (404 otherwise).
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
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";
import {
  type AppointeeAppointment,
  findMergeCandidate,
  findVisibleAppointee,
  getMergePair,
  mergeAppointees,
} from "#app/models/organisation/appointee.server.ts";
import {
  defaultMergeChoices,
  MergeSchema,
  mergeFields,
  parseMergeLookup,
} from "#app/models/organisation/appointee.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import styles from "../styles/appointees.css";
import { readForm } from "#app/web/form.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const keptId = parseId(params.id);
  if (!keptId) throw new Response("Not found", { status: 404 });
  const lookupText = (new URL(request.url).searchParams.get("with") ?? "").trim().slice(0, 254);
  const lookup = lookupText ? parseMergeLookup(lookupText) : null;
  const db = getDb();
  const candidate = lookup ? await findMergeCandidate(db, scope, keptId, lookup) : null;
  const [t, pair] = await Promise.all([
    i18nServer.getFixedT(request),
    getMergePair(db, scope, keptId, candidate?.id ?? null),
  ]);
  const result = {
    title: `${t("appointees.merge.title", { name: pair.kept.name })} · ${t("app.name")}`,
    ...pair,
    lookup: lookupText,
    choices: pair.other ? defaultMergeChoices(pair.kept, pair.other) : null,
  };
  // Someone asked for a duplicate that does not exist or that they may not see: the same answer for both.
  return lookupText && !pair.other ? data(result, { status: 404 }) : result;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, scope } = await requireOrganiser(request);
  const keptId = parseId(params.id);
  if (!keptId) throw new Response("Not found", { status: 404 });
  // Out of scope is a 404 whatever the form says.
  if (!(await findVisibleAppointee(getDb(), scope, keptId))) throw new Response("Not found", { status: 404 });
  const submission = parseWithZod(await readForm(request), { schema: MergeSchema });
  if (submission.status !== "success") {
    return data({ error: "appointees.errors.mergeChoice" }, { status: 400 });
  }
  const outcome = await mergeAppointees(getDb(), { staffId: staff.id, scope }, keptId, submission.value);
  if (outcome.ok) throw redirect(`/appointees/${keptId}?done=merged&merged=${outcome.mergedId}`);
  return data({ error: outcome.error }, { status: 409 });
}

export default function MergeAppointees() {
  const { kept, other, keptAppointments, otherAppointments, lookup, choices } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;

  const label: Record<(typeof mergeFields)[number], string> = {
    name: t("appointees.fields.name"),
    nameHi: t("appointees.fields.nameHi"),
    phone: t("appointees.fields.phone"),
    email: t("appointees.fields.email"),
    preferredLanguage: t("appointees.fields.preferredLanguage"),
  };
  const shown = (field: (typeof mergeFields)[number], person: typeof kept) => {
    const value = person[field];
    if (value == null || value === "") return t("appointees.merge.empty");
    return field === "preferredLanguage" ? t(`appointees.fields.language_${value}`) : String(value);
  };
  const appointmentList = (list: AppointeeAppointment[]) =>
    list.length === 0 ? (
      <p className="muted">{t("appointees.merge.none")}</p>
    ) : (
      <ul className="appointment-list">
        {list.map((a) => (
          <li key={a.id}>
            {localized(a, "committeeName", lang)} <span className="muted">({a.unitCode})</span>:{" "}
            {localized(a, "designation", lang)}
          </li>
        ))}
      </ul>
    );

  return (
    <>
      <p>
        <Link to={`/appointees/${kept.id}`}>
          {kept.name} (#{kept.id})
        </Link>
      </p>
      <h1>{t("appointees.merge.title", { name: kept.name })}</h1>
      <p>{t("appointees.merge.intro")}</p>

      <Form method="get" className="filters merge-lookup">
        <div className="field">
          <label htmlFor="with">{t("appointees.merge.lookup")}</label>
          <input id="with" name="with" defaultValue={lookup} autoComplete="off" spellCheck={false} />
        </div>
        <button type="submit" className="button secondary">
          {t("appointees.merge.find")}
        </button>
      </Form>

      {lookup && !other ? (
        <p className="notice error" role="alert">
          {t("appointees.merge.notFound", { lookup })}
        </p>
      ) : null}
      {actionData?.error ? (
        <p className="notice error" role="alert">
          {t(actionData.error)}
        </p>
      ) : null}

      {other && choices ? (
        <Form method="post" className="merge-form">
          <input type="hidden" name="otherId" value={other.id} />
          <div className="merge-people">
            <section className="card" aria-labelledby="kept-title">
              <h2 id="kept-title">{t("appointees.merge.kept", { id: kept.id })}</h2>
              <h3>{t("appointees.merge.appointments")}</h3>
              {appointmentList(keptAppointments)}
            </section>
            <section className="card" aria-labelledby="other-title">
              <h2 id="other-title">
                <Link to={`/appointees/${other.id}`}>{t("appointees.merge.other", { id: other.id })}</Link>
              </h2>
              <h3>{t("appointees.merge.appointments")}</h3>
              {appointmentList(otherAppointments)}
            </section>
          </div>

          <h2>{t("appointees.merge.compare")}</h2>
          {mergeFields.map((field) => (
            <fieldset key={field} className="merge-field">
              <legend>{label[field]}</legend>
              {(["this", "other"] as const).map((side) => {
                const person = side === "this" ? kept : other;
                return (
                  <label key={side} className={`merge-choice ${side}`}>
                    <input type="radio" name={field} value={side} defaultChecked={choices[field] === side} />
                    <span>
                      <span className="muted small">
                        {side === "this"
                          ? t("appointees.merge.kept", { id: kept.id })
                          : t("appointees.merge.other", { id: other.id })}
                      </span>
                      <span className="merge-value" lang={field === "nameHi" ? "hi" : undefined}>
                        {shown(field, person)}
                      </span>
                    </span>
                  </label>
                );
              })}
            </fieldset>
          ))}
          <div className="filter-actions">
            <button type="submit" className="button">
              {t("appointees.merge.confirm")}
            </button>
            <Link to={`/appointees/${kept.id}`} className="button secondary">
              {t("appointees.merge.cancel")}
            </Link>
          </div>
        </Form>
      ) : null}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
