// /events/:id/tablets: an organiser pairs tablets for the event (a one-time code and its QR code), sees and
// withdraws paired tablets, watches attendance live and checks walk-ins.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AttendanceCounts } from "#app/ui/attendance-counts.tsx";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import type { Language } from "#app/i18n/setup.ts";
import {
  formatPairingCode,
  isTabletIntent,
  NewTabletSchema,
  RevokeTabletSchema,
  VerifyWalkInSchema,
} from "#app/models/attendance/attendance.ts";
import {
  listWalkIns,
  sessionAttendanceCounts,
  verifyWalkIn,
} from "#app/models/attendance/attendance.server.ts";
import { getEventInScope } from "#app/models/events/event-access.server.ts";
import {
  createPairingCode,
  listTablets,
  pairingQrSvg,
  revokeTablet,
} from "#app/models/attendance/tablet-device.server.ts";
import { formatDateTime } from "#app/i18n/datetime.ts";
import { getDb } from "#app/platform/db.server.ts";
import { getEnv } from "#app/platform/env.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import { readForm } from "#app/web/form.server.ts";
import { describedBy, FieldError } from "#app/ui/forms.tsx";
import { localized } from "#app/i18n/localized.ts";
import styles from "../../styles/tablet.css";
import { DevicesTable, WalkInsTable } from "./tables.tsx";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const doneKeys = ["revoked", "verified"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const db = getDb();
  const event = await getEventInScope(db, scope, parseId(params.id));
  const [t, locale, devices, walkIns, counts] = await Promise.all([
    i18nServer.getFixedT(request),
    i18nServer.getLocale(request),
    listTablets(db, scope, event.id),
    listWalkIns(db, scope, event.id),
    sessionAttendanceCounts(db, event.id),
  ]);
  const done = z.enum(doneKeys).nullable().catch(null).parse(new URL(request.url).searchParams.get("done"));
  return {
    title: `${t("tablet.tabletsTitle")} · ${localized(event, "title", locale)}`,
    event: { id: event.id, titleEn: event.titleEn, titleHi: event.titleHi },
    devices,
    walkIns,
    counts: counts.map(({ startsAt: _startsAt, ...rest }) => rest),
    done,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

type Pairing = { code: string; name: string; expiresAt: Date; url: string; svg: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, scope } = await requireOrganiser(request);
  const db = getDb();
  // Out of scope is a 404 whatever the form says.
  const event = await getEventInScope(db, scope, parseId(params.id));
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const actor = { staffId: staff.id, scope };
  const refuse = (message: string, result: unknown = null) =>
    data({ intent, result, message, pairing: null as Pairing | null }, { status: 400 });
  if (!isTabletIntent(intent)) return refuse("tablet.errors.unknownAction");

  if (intent === "pair") {
    const submission = parseWithZod(formData, { schema: NewTabletSchema });
    if (submission.status !== "success") return refuse("tablet.errors.nameRequired", submission.reply());
    const { code, expiresAt } = await createPairingCode(db, actor, event.id, submission.value.name);
    const { url, svg } = await pairingQrSvg(getEnv().PUBLIC_URL, code);
    return {
      intent,
      result: submission.reply({ resetForm: true }),
      message: null,
      pairing: {
        code: formatPairingCode(code),
        name: submission.value.name,
        expiresAt,
        url,
        svg,
      } as Pairing | null,
    };
  }
  if (intent === "revoke") {
    const submission = parseWithZod(formData, { schema: RevokeTabletSchema });
    if (submission.status !== "success") return refuse("tablet.errors.deviceNotFound");
    const outcome = await revokeTablet(db, actor, event.id, submission.value.deviceId);
    if (!outcome.ok) return refuse(outcome.error);
    return redirect(`/events/${event.id}/tablets?done=revoked`);
  }
  const submission = parseWithZod(formData, { schema: VerifyWalkInSchema });
  if (submission.status !== "success") return refuse("tablet.errors.walkInNotFound");
  const outcome = await verifyWalkIn(db, actor, event.id, submission.value);
  if (!outcome.ok) return refuse(outcome.error);
  return redirect(`/events/${event.id}/tablets?done=verified`);
}

export type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function EventTablets() {
  const { event, devices, walkIns, counts, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const [form, fields] = useForm({
    id: "new-tablet",
    lastResult: actionData?.intent === "pair" ? (actionData.result as never) : undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewTabletSchema }),
  });
  const pairing = actionData?.pairing;
  return (
    <section className="tablets-page">
      <p>
        <a href={`/events/${event.id}`}>{t("tablet.backToEvent")}</a>
      </p>
      <h1>
        {t("tablet.tabletsTitle")}: {localized(event, "title", language)}
      </h1>
      <p>{t("tablet.tabletsIntro")}</p>
      {done ? (
        <p className="notice" role="status">
          {t(`tablet.done_${done}`)}
        </p>
      ) : null}
      {actionData?.message && actionData.intent !== "pair" ? (
        <p className="notice error" role="alert">
          {t(actionData.message)}
        </p>
      ) : null}

      <h2 id="attendance-now">{t("tablet.liveHeading")}</h2>
      <p className="muted">{t("tablet.liveHelp")}</p>
      <AttendanceCounts eventId={event.id} initial={counts} />
      <p>
        <a href={`/tablet/events/${event.id}`}>{t("tablet.openTabletView")}</a>
      </p>

      <h2>{t("tablet.newTablet")}</h2>
      {pairing ? (
        <div className="card pairing" role="status">
          <p>{t("tablet.codeFor", { name: pairing.name })}</p>
          <p className="pairing-code" data-testid="pairing-code">
            {pairing.code}
          </p>
          <div
            className="pairing-qr"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: an SVG our own QR library drew from our URL
            dangerouslySetInnerHTML={{ __html: pairing.svg }}
          />
          <p>
            {t("tablet.codeHelp", {
              url: pairing.url.replace(/\?.*$/, ""),
              time: formatDateTime(new Date(pairing.expiresAt), language),
            })}
          </p>
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="card">
        <div className="field">
          <label htmlFor={fields.name.id}>{t("tablet.nameLabel")}</label>
          <input
            {...getInputProps(fields.name, { type: "text" })}
            autoComplete="off"
            aria-describedby={describedBy(fields.name, "tablet-name-hint")}
          />
          <p id="tablet-name-hint" className="muted small">
            {t("tablet.nameHint")}
          </p>
          <FieldError field={fields.name} />
        </div>
        <button type="submit" name="intent" value="pair" className="button">
          {t("tablet.createCode")}
        </button>
      </Form>

      <DevicesTable devices={devices} />
      <WalkInsTable walkIns={walkIns} />
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
