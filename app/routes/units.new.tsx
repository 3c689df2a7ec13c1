// /units/new?parent=<id>: an admin adds a unit below another one (or, with no parent, the state at the top).
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { UnitForm } from "#app/ui/unit-form.tsx";
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";
import { createUnit, getUnitDetail } from "#app/models/organisation/unit.server.ts";
import { CreateUnitSchema, canNest, unitLevels } from "#app/models/organisation/unit.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { parseId } from "#app/web/params.ts";
import { changeUnit, requireUnitAdmin } from "#app/web/unit-admin.server.ts";
import styles from "../styles/units.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireUnitAdmin(request);
  const parentParam = new URL(request.url).searchParams.get("parent");
  let parent = null;
  if (parentParam !== null) {
    const parentId = parseId(parentParam);
    if (!parentId) throw new Response("Not found", { status: 404 });
    parent = (await getUnitDetail(getDb(), scope, parentId)).unit;
  }
  const t = await i18nServer.getFixedT(request);
  const levels = parent ? unitLevels.filter((level) => canNest(parent.level, level)) : (["state"] as const);
  if (levels.length === 0) throw new Response("Not found", { status: 404 });
  return {
    title: `${t("units.form.newTitle")} · ${t("app.name")}`,
    parent: parent
      ? { id: parent.id, code: parent.code, nameEn: parent.nameEn, nameHi: parent.nameHi }
      : null,
    levels: [...levels],
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUnitAdmin(request);
  return changeUnit(request, CreateUnitSchema, (value) => createUnit(getDb(), actor, value), {
    saved: "created",
  });
}

export default function NewUnit() {
  const { parent, levels } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const parentName = parent ? localized(parent, "name", lang) : null;
  return (
    <UnitForm
      levels={levels}
      defaultValue={{ parentId: parent ? String(parent.id) : undefined, level: levels[0] }}
      lastResult={actionData?.result}
      submitLabel={t("units.form.create")}
      cancelTo={parent ? `/units/${parent.id}` : "/units"}
    >
      <h1>{parentName ? t("units.form.newBelow", { name: parentName }) : t("units.form.newTitle")}</h1>
      {parent ? null : <p>{t("units.form.newState")}</p>}
    </UnitForm>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
