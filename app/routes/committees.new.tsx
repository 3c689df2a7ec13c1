// /committees/new?unit=<unitId>: create the committee of a unit that has none (organisers inside their scope).
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CommitteeForm } from "#app/ui/committee-form.tsx";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";
import { createCommittee, getNewCommitteeForm } from "#app/models/organisation/committee.server.ts";
import { CommitteeFormSchema } from "#app/models/organisation/committee.ts";
import { formatNumber } from "#app/i18n/datetime.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import styles from "../styles/committees.css";
import { handleForm } from "#app/web/form-action.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

function unitIdOf(request: Request): number | null {
  return parseId(new URL(request.url).searchParams.get("unit") ?? undefined);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const form = await getNewCommitteeForm(getDb(), scope, unitIdOf(request));
  if (form.existingCommitteeId) throw redirect(`/committees/${form.existingCommitteeId}`);
  const t = await i18nServer.getFixedT(request);
  return {
    title: `${t("committees.newTitle")} · ${t("app.name")}`,
    unit: form.unit,
    defaults: form.defaults,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ request }: ActionFunctionArgs) {
  const { staff, scope } = await requireOrganiser(request);
  const unitId = unitIdOf(request);
  if (!unitId) throw new Response("Not found", { status: 404 });
  return handleForm(request, {
    schema: CommitteeFormSchema,
    run: (value) => createCommittee(getDb(), { staffId: staff.id, scope }, unitId, value),
    done: (created) => redirect(`/committees/${created.committeeId}?done=created`),
    extra: (refusal) => ({ existingCommitteeId: refusal?.existingCommitteeId ?? null }),
  });
}

export default function NewCommittee() {
  const { unit, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const unitName = localized(unit, "name", lang);
  return (
    <section className="narrow committee-form">
      <p>
        <Link to={`/units/${unit.id}`}>{t("committees.backToUnit", { unit: unitName })}</Link>
      </p>
      <h1>{t("committees.newTitle")}</h1>
      <p>{t("committees.newIntro", { unit: `${unitName} (${t(`level.${unit.level}`)})` })}</p>
      <CommitteeForm
        id="new-committee"
        values={defaults}
        lastResult={actionData?.result}
        quotaHint={t("committees.seatQuotaHint", { quota: formatNumber(defaults.seatQuota, lang) })}
        existingCommitteeId={actionData?.existingCommitteeId}
        submitLabel={t("committees.create")}
      />
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
