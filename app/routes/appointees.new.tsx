// /appointees/new: add an office-bearer. Organisers appoint them to a committee in their area at once (a person
// with no appointment is visible to admins only); admins may leave the appointment empty.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppointeeForm } from "#app/ui/appointee-form.tsx";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";
import { createAppointee, getNewAppointeeForm } from "#app/models/organisation/appointee.server.ts";
import { newAppointeeSchema } from "#app/models/organisation/appointee.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import styles from "../styles/appointees.css";
import { submitAppointeeForm } from "#app/web/appointee-form.server.ts";
import { readForm } from "#app/web/form.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const committeeId = parseId(new URL(request.url).searchParams.get("committee") ?? undefined);
  const [t, form] = await Promise.all([
    i18nServer.getFixedT(request),
    getNewAppointeeForm(getDb(), scope, committeeId),
  ]);
  return {
    title: `${t("appointees.new.title")} · ${t("app.name")}`,
    requireAppointment: scope.kind === "subtree",
    designations: form.designations.filter((d) => d.active),
    committee: form.committee,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ request }: ActionFunctionArgs) {
  const { staff, scope } = await requireOrganiser(request);
  return submitAppointeeForm(
    await readForm(request),
    newAppointeeSchema(scope.kind === "subtree"),
    (value) => createAppointee(getDb(), { staffId: staff.id, scope }, value),
    (saved) => `/appointees/${saved.id}?done=created`,
  );
}

export default function NewAppointee() {
  const { requireAppointment, designations, committee } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  return (
    <section className="narrow">
      <p>
        <Link to="/appointees">{t("appointees.person.backToList")}</Link>
      </p>
      <h1>{t("appointees.new.title")}</h1>
      {committee ? (
        <p className="notice">
          {t("appointees.new.committeeFrom", { name: localized(committee, "name", lang) })}
        </p>
      ) : null}
      <AppointeeForm
        defaultValue={{ preferredLanguage: "hi", unitCode: committee?.unitCode ?? "" }}
        appointment={{ required: requireAppointment, designations }}
        reply={actionData}
        submitLabel={t("appointees.new.submit")}
      />
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
