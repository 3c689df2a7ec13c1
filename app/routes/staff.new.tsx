import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  data,
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
import { readForm } from "#app/web/form.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const t = await i18nServer.getFixedT(request);
  return { title: `${t("staff.new.title")} · ${t("app.name")}` };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireAdmin(request);
  const submission = parseWithZod(await readForm(request), { schema: StaffInviteSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), existingId: null }, { status: 400 });
  }
  const result = await inviteStaff(getDb(), actor, submission.value, { publicUrl: getEnv().PUBLIC_URL });
  if (!result.ok) {
    const reply = submission.reply({ fieldErrors: { [result.field ?? ""]: [result.error] } });
    return data(
      { result: reply, existingId: "existingId" in result ? result.existingId : null },
      { status: 400 },
    );
  }
  return redirect(`/staff?invited=${result.id}`);
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
