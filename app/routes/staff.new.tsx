import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { StaffForm } from "#app/ui/staff-form.tsx";
import { inviteStaff } from "#app/models/staff/staff.server.ts";
import { StaffInviteSchema } from "#app/models/staff/staff.ts";
import { getDb } from "#app/platform/db.server.ts";
import { getEnv } from "#app/platform/env.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireAdmin } from "#app/web/organiser.server.ts";
import styles from "../styles/staff.css";
import { handleForm } from "#app/web/form-action.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const t = await i18nServer.getFixedT(request);
  return { title: `${t("staff.new.title")} · ${t("app.name")}` };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireAdmin(request);
  return handleForm(request, {
    schema: StaffInviteSchema,
    run: (value) => inviteStaff(getDb(), actor, value, { publicUrl: getEnv().PUBLIC_URL }),
    done: (invited) => redirect(`/staff?invited=${invited.id}`),
    extra: (refusal) => ({ existingId: refusal && "existingId" in refusal ? refusal.existingId : null }),
  });
}

export default function InviteStaff() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  return (
    <section className="narrow staff-form">
      <p>
        <Link to="/staff">{t("staff.new.cancel")}</Link>
      </p>
      <h1>{t("staff.new.title")}</h1>
      <p>{t("staff.new.intro")}</p>
      <StaffForm
        existingId={actionData?.existingId}
        lastResult={actionData?.result}
        submitLabel={t("staff.new.submit")}
      />
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
