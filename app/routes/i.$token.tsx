// /i/:token: the appointee's personal link. No account: the link is the key. A GET shows the event, the
// person's invitation and where their registration stands; only a POST registers, declines, saves answers
// or cancels. The whole page (header and title too) speaks the person's preferred language until they
// switch.
import { type FieldMetadata, getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  data,
  type HeadersFunction,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  useActionData,
  useLoaderData,
  useRouteError,
} from "@remix-run/react";
import { isbot } from "isbot";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { isLanguage, type Language } from "#app/i18n/setup.ts";
import { askedQuestions, groupSessionsByDay } from "#app/models/events/event.ts";
import {
  type Answers,
  answerFormValues,
  answersSchema,
  foodPreferences,
  isRegistrationIntent,
  travelModes,
} from "#app/models/registration/registration.ts";
import {
  cancelByLink,
  changeAnswersByLink,
  declineByLink,
  getPersonalLinkPage,
  type LinkRefusal,
  registerByLink,
  resolvePersonalLink,
} from "#app/models/registration/registration.server.ts";
import { clientIp } from "#app/web/auth.server.ts";
import { formatDate, formatDateTime, formatTime } from "#app/i18n/datetime.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer, languageCookie } from "#app/i18n/language-cookie.server.ts";
import type { PageLanguageHandle } from "#app/i18n/page-language.ts";
import type { PublicPageHandle } from "#app/web/public-page.ts";
import styles from "../styles/registration.css";
import { readForm } from "#app/web/form.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

// The token is in the address: it must not leak through Referer to another site (the map link leaves the
// site), be cached by a shared proxy, or be indexed. "same-origin", not "no-referrer": a form post from a
// no-referrer page carries `Origin: null`, which Remix's CSRF check takes for an attack (the post then fails).
const privateHeaders = {
  "Referrer-Policy": "same-origin",
  "Cache-Control": "private, no-store",
  "X-Robots-Tag": "noindex, nofollow",
};

export const headers: HeadersFunction = ({ errorHeaders }) => {
  const retryAfter = errorHeaders?.get("Retry-After");
  return retryAfter ? { ...privateHeaders, "Retry-After": retryAfter } : privateHeaders;
};

/** The same answer for every failure; 429 once a client has tried too many wrong links. */
function refuse(refusal: LinkRefusal) {
  return refusal.status === 429
    ? data(
        { retryMinutes: Math.ceil(refusal.retryAfterSeconds / 60) },
        { status: 429, headers: { "Retry-After": String(refusal.retryAfterSeconds) } },
      )
    : data({ retryMinutes: 0 }, { status: 404 });
}

/** The language the person chose with the switch, else the one recorded for them. */
async function pageLanguage(request: Request, preferred: Language): Promise<Language> {
  const chosen = await languageCookie.parse(request.headers.get("Cookie")).catch(() => null);
  return isLanguage(chosen) ? chosen : preferred;
}

const doneKeys = ["registered", "saved"] as const;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const access = await resolvePersonalLink(getDb(), params.token, clientIp(context));
  if (!access.ok) throw refuse(access);
  const lang = await pageLanguage(request, access.link.preferredLanguage);
  const userAgent = request.headers.get("user-agent") ?? "";
  // Mail scanners and link previews open links too: only a person's visit counts as "opened".
  const page = await getPersonalLinkPage(getDb(), access.link, {
    recordOpen: userAgent !== "" && !isbot(userAgent),
  });
  const search = new URL(request.url).searchParams;
  const done = doneKeys.find((key) => key === search.get("done")) ?? null;
  const t = i18nServer.getFixedT(lang);
  const title = lang === "hi" ? page.event.titleHi : page.event.titleEn;
  return {
    ...page,
    lang,
    title: `${title} · ${(await t)("app.name")}`,
    done,
    confirmCancel: search.get("cancel") === "1" && page.actions.cancel,
  };
}

// The document speaks the page's language, not the site's (utils/page-language.ts); the header offers the
// appointee no staff links (utils/public-page.ts).
export const handle: PageLanguageHandle & PublicPageHandle = {
  pageLanguage: (data) => (data as { lang?: unknown } | undefined)?.lang,
  publicPage: true,
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "शिविर · Shivir" },
  { name: "robots", content: "noindex, nofollow" },
];

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const access = await resolvePersonalLink(db, params.token, clientIp(context));
  if (!access.ok) throw refuse(access);
  const { link } = access;
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (!isRegistrationIntent(intent)) {
    return data({ result: null, message: "registration.errors.unknownAction" }, { status: 400 });
  }
  const here = new URL(request.url).pathname;

  if (intent === "decline" || intent === "cancel") {
    const outcome = intent === "decline" ? await declineByLink(db, link) : await cancelByLink(db, link);
    if (!outcome.ok) return data({ result: null, message: outcome.error }, { status: 409 });
    return redirect(here, 303);
  }
  const submission = parseWithZod(formData, { schema: answersSchema(link.questions, link) });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), message: null }, { status: 400 });
  }
  const outcome =
    intent === "register"
      ? await registerByLink(db, link, submission.value)
      : await changeAnswersByLink(db, link, submission.value);
  if (!outcome.ok) {
    return data(
      { result: submission.reply({ formErrors: [outcome.error] }), message: outcome.error },
      { status: 409 },
    );
  }
  return redirect(`${here}?done=${intent === "register" ? "registered" : "saved"}`, 303);
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** The page's translator: the person's language (the root renders the whole document in it too). */
function usePageT(lang: Language) {
  return useTranslation(undefined, { lng: lang }).t;
}

export default function PersonalLinkPage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { event, person, registration, actions, lang, pass, calendar, confirmCancel } = loaderData;
  const t = usePageT(lang);
  const pick = (x: { titleEn: string; titleHi: string }) => (lang === "hi" ? x.titleHi : x.titleEn);
  const name = lang === "hi" && person.nameHi ? person.nameHi : person.name;
  const startsAt = new Date(event.startsAt);
  const endsAt = new Date(event.endsAt);
  const sameDay = formatDate(startsAt, lang) === formatDate(endsAt, lang);
  const status = registration?.status ?? null;
  const holding = status === "registered" || status === "waitlisted";

  return (
    <div className="registration">
      <p className="kind">{t(`registration.kind.${event.kind}`)}</p>
      <h1>{pick(event)}</h1>
      <p className="muted other-title" lang={lang === "hi" ? "en" : "hi"}>
        {lang === "hi" ? event.titleEn : event.titleHi}
      </p>

      <section className="card person" aria-label={t("registration.title")}>
        <p className="greeting">{t("registration.greeting", { name })}</p>
        <p>
          {t("registration.invitedAs", {
            designation: lang === "hi" ? person.designationHi : person.designationEn,
            committee: lang === "hi" ? person.committeeHi : person.committeeEn,
          })}
        </p>
      </section>

      {actionData?.message ? (
        <p className="notice error" role="alert">
          {t(actionData.message)}
        </p>
      ) : null}
      <StatusNotice data={loaderData} />

      {pass && registration?.status === "registered" ? (
        <section className="card pass print-pass" aria-labelledby="pass-title" data-testid="pass">
          <h2 id="pass-title">{t("registration.pass.title")}</h2>
          <svg
            className="pass-qr"
            viewBox={`0 0 ${pass.qr.size} ${pass.qr.size}`}
            role="img"
            aria-label={t("registration.pass.qrLabel", { name })}
            shapeRendering="crispEdges"
          >
            <rect width={pass.qr.size} height={pass.qr.size} fill="#fff" />
            <path d={pass.qr.d} fill="#000" />
          </svg>
          <p className="pass-name">{name}</p>
          <p className="pass-event">{pick(event)}</p>
          <p>
            {sameDay
              ? t("registration.whenValue", {
                  date: formatDate(startsAt, lang),
                  start: formatTime(startsAt, lang),
                  end: formatTime(endsAt, lang),
                })
              : t("registration.whenSpan", {
                  start: formatDateTime(startsAt, lang),
                  end: formatDateTime(endsAt, lang),
                })}
          </p>
          <p>{event.venueName}</p>
          <p className="muted no-print">{t("registration.pass.hint")}</p>
          <PrintButton label={t("registration.pass.print")} />
        </section>
      ) : null}

      {confirmCancel ? (
        <CancelConfirm waitlisted={status === "waitlisted"} lang={lang} />
      ) : (
        <>
          {actions.register || actions.change ? (
            <AnswersForm key={`${status}-${JSON.stringify(registration?.answers ?? {})}`} data={loaderData} />
          ) : null}
          {actions.decline ? (
            <section className="card no-print" aria-labelledby="decline-title">
              <p id="decline-title">{t("registration.declineIntro")}</p>
              <Form method="post">
                <button type="submit" name="intent" value="decline" className="button big secondary">
                  {t("registration.decline")}
                </button>
              </Form>
            </section>
          ) : null}
          {actions.cancel && holding ? (
            <section className="card no-print" aria-labelledby="cancel-title">
              <h2 id="cancel-title">{t("registration.cancel.title")}</h2>
              <p>
                {t(
                  status === "waitlisted" ? "registration.cancel.introWaitlist" : "registration.cancel.intro",
                )}
              </p>
              <Link to="?cancel=1" className="button big secondary" preventScrollReset>
                {t(status === "waitlisted" ? "registration.cancel.linkWaitlist" : "registration.cancel.link")}
              </Link>
            </section>
          ) : null}
        </>
      )}

      <EventDetails data={loaderData} />

      {calendar ? (
        <section className="card no-print" aria-labelledby="calendar-title">
          <h2 id="calendar-title">{t("registration.calendar.title")}</h2>
          <ul className="calendar-links">
            <li>
              <a href={calendar.google[lang]} rel="noreferrer" target="_blank">
                {t("registration.calendar.google")}
              </a>
            </li>
            <li>
              <a href={calendar.webcal}>{t("registration.calendar.feed")}</a>
            </li>
          </ul>
          <p className="muted small">{t("registration.calendar.feedHint")}</p>
          <p className="muted small">
            {t("registration.calendar.feedAddress")}{" "}
            <a href={calendar.feed} className="feed-address">
              {calendar.feed}
            </a>
          </p>
        </section>
      ) : null}
    </div>
  );
}

function StatusNotice({ data }: { data: LoaderData }) {
  const { registration, phase, event, lang, done, person, actions } = data;
  const t = usePageT(lang);
  const messages: string[] = [];
  if (done === "saved") messages.push(t("registration.done.saved"));
  const status = registration?.status ?? null;
  if (status === "registered") {
    messages.push(t("registration.status.registered"));
    if (done === "registered" && person.hasEmail) messages.push(t("registration.status.emailSent"));
  } else if (status === "waitlisted") {
    messages.push(t("registration.status.waitlisted", { position: registration?.position ?? "" }));
    if (person.hasEmail) messages.push(t("registration.status.waitlistedEmail"));
  } else if (status === "declined" || status === "cancelled") {
    messages.push(t(`registration.status.${status}`));
    if (actions.register) messages.push(t("registration.status.again"));
  }
  const phaseMessage =
    phase === "open"
      ? null
      : phase === "notYetOpen"
        ? t("registration.phase.notYetOpen", {
            date: formatDateTime(new Date(event.registrationOpensAt), lang),
          })
        : phase === "closed"
          ? t(
              status === "registered" || status === "waitlisted"
                ? "registration.phase.closedHolding"
                : "registration.phase.closed",
              { date: formatDateTime(new Date(event.registrationClosesAt), lang) },
            )
          : t(`registration.phase.${phase}`);
  return (
    <>
      {phaseMessage ? (
        <p className={`notice phase phase-${phase}`} data-testid="phase">
          {phaseMessage}
        </p>
      ) : null}
      {messages.length ? (
        <p className={`notice status status-${status ?? "none"}`} role="status" data-testid="status">
          {messages.join(" ")}
        </p>
      ) : null}
    </>
  );
}

type AnswerFields = {
  travelMode?: string;
  arrivalTime?: string;
  needsStay?: string;
  foodPreference?: string;
};

function AnswersForm({ data }: { data: LoaderData }) {
  const { questions, event, registration, actions, full, lang } = data;
  const t = usePageT(lang);
  const actionData = useActionData<typeof action>();
  const schema = answersSchema(questions, event);
  const [form, fields] = useForm<AnswerFields, Answers>({
    id: "answers",
    lastResult: actionData?.result ?? undefined,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onBlur",
    defaultValue: answerFormValues(registration?.answers ?? {}),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const asked = askedQuestions(questions);
  const registering = actions.register;
  const errorText = (errors?: string[]) => errors?.map((key) => t(key)).join(" ");
  const marker = (required: boolean) => <RequiredMarker lang={lang} required={required} />;

  return (
    <section className="card no-print" aria-labelledby="answers-title">
      <h2 id="answers-title">
        {registering ? t("registration.questions.title") : t("registration.yourAnswers")}
      </h2>
      {registering && full ? <p className="notice">{t("registration.full")}</p> : null}
      <Form method="post" {...getFormProps(form)}>
        {form.errors?.length ? (
          <p id={form.errorId} className="notice error" role="alert">
            {errorText(form.errors)}
          </p>
        ) : null}
        {asked.length ? <p className="muted">{t("registration.questions.intro")}</p> : null}
        {asked.map(({ question, required }) => {
          if (question === "arrivalTime") {
            const errors = errorText(fields.arrivalTime.errors);
            return (
              <div className="field" key={question}>
                <label htmlFor={fields.arrivalTime.id}>
                  {t("registration.questions.arrivalTime")}
                  {marker(required)}
                </label>
                <input
                  {...getInputProps(fields.arrivalTime, { type: "datetime-local" })}
                  aria-describedby={[errors ? fields.arrivalTime.errorId : "", "arrival-hint"]
                    .filter(Boolean)
                    .join(" ")}
                />
                <p id="arrival-hint" className="muted small">
                  {t("registration.questions.arrivalHint")}
                </p>
                {errors ? (
                  <p id={fields.arrivalTime.errorId} className="field-error">
                    {errors}
                  </p>
                ) : null}
              </div>
            );
          }
          const choices = {
            travelMode: { values: travelModes, option: (v: string) => t(`registration.travelMode.${v}`) },
            needsStay: {
              values: ["yes", "no"] as const,
              option: (v: string) => t(`registration.needsStay.${v}`),
            },
            foodPreference: {
              values: foodPreferences,
              option: (v: string) => t(`registration.foodPreference.${v}`),
            },
          }[question];
          return (
            <Choices
              key={question}
              lang={lang}
              field={fields[question]}
              values={choices.values}
              label={t(`registration.questions.${question}`)}
              option={choices.option}
              required={required}
            />
          );
        })}
        <button
          type="submit"
          name="intent"
          value={registering ? "register" : "change"}
          className="button big"
        >
          {registering
            ? t(full ? "registration.joinWaitlist" : "registration.register")
            : t("registration.save")}
        </button>
      </Form>
    </section>
  );
}

function RequiredMarker({ lang, required }: { lang: Language; required: boolean }) {
  const t = usePageT(lang);
  return (
    <span className="muted small">
      {" "}
      {t(required ? "registration.questions.required" : "registration.questions.optional")}
    </span>
  );
}

/** One question answered by a choice: radio buttons, big enough for a thumb. */
function Choices<V extends string>({
  lang,
  field,
  values,
  label,
  option,
  required,
}: {
  lang: Language;
  field: FieldMetadata<string>;
  values: readonly V[];
  label: string;
  option: (value: V) => string;
  required: boolean;
}) {
  const t = usePageT(lang);
  const errors = field.errors?.map((key) => t(key)).join(" ");
  return (
    <fieldset className="choices" aria-describedby={errors ? field.errorId : undefined}>
      <legend>
        {label}
        <RequiredMarker lang={lang} required={required} />
      </legend>
      {values.map((value) => (
        <label key={value} className="choice">
          <input
            type="radio"
            name={field.name}
            value={value}
            defaultChecked={field.initialValue === value}
            aria-invalid={errors ? true : undefined}
          />
          <span>{option(value)}</span>
        </label>
      ))}
      {errors ? (
        <p id={field.errorId} className="field-error">
          {errors}
        </p>
      ) : null}
    </fieldset>
  );
}

function CancelConfirm({ waitlisted, lang }: { waitlisted: boolean; lang: Language }) {
  const t = usePageT(lang);
  return (
    <section className="card confirm no-print" aria-labelledby="confirm-title">
      <h2 id="confirm-title">{t("registration.cancel.confirmTitle")}</h2>
      <p>{t(waitlisted ? "registration.cancel.confirmIntroWaitlist" : "registration.cancel.confirmIntro")}</p>
      <Form method="post" className="confirm-actions">
        <button type="submit" name="intent" value="cancel" className="button big danger">
          {t("registration.cancel.confirm")}
        </button>
        <Link to="." className="button big secondary" preventScrollReset>
          {t("registration.cancel.keep")}
        </Link>
      </Form>
    </section>
  );
}

function EventDetails({ data }: { data: LoaderData }) {
  const { event, sessions, lang } = data;
  const t = usePageT(lang);
  const startsAt = new Date(event.startsAt);
  const endsAt = new Date(event.endsAt);
  const sameDay = formatDate(startsAt, lang) === formatDate(endsAt, lang);
  const description = lang === "hi" ? event.descriptionHi : event.descriptionEn;
  const days = groupSessionsByDay(sessions);
  return (
    <>
      <section className="card details" aria-label={t("registration.about")}>
        <dl>
          <dt>{t("registration.when")}</dt>
          <dd>
            {sameDay
              ? t("registration.whenValue", {
                  date: formatDate(startsAt, lang),
                  start: formatTime(startsAt, lang),
                  end: formatTime(endsAt, lang),
                })
              : t("registration.whenSpan", {
                  start: formatDateTime(startsAt, lang),
                  end: formatDateTime(endsAt, lang),
                })}
          </dd>
          <dt>{t("registration.where")}</dt>
          <dd>
            {event.venueName}
            {event.venueAddress ? <span className="address">{event.venueAddress}</span> : null}
            {event.venueMapUrl ? (
              <a href={event.venueMapUrl} rel="noreferrer" target="_blank" className="map-link">
                {t("registration.map")}
              </a>
            ) : null}
          </dd>
          <dt>{t("registration.registerBy")}</dt>
          <dd>{formatDateTime(new Date(event.registrationClosesAt), lang)}</dd>
        </dl>
        {description ? (
          <>
            <h2>{t("registration.about")}</h2>
            <p className="description">{description}</p>
          </>
        ) : null}
      </section>
      <section className="card agenda" aria-labelledby="agenda-title">
        <h2 id="agenda-title">{t("registration.agenda")}</h2>
        {days.length === 0 ? <p className="muted">{t("registration.agendaEmpty")}</p> : null}
        {days.map((day) => (
          <div key={day.day}>
            <h3>{formatDate(new Date(day.sessions[0]!.startsAt), lang)}</h3>
            <ol className="sessions">
              {day.sessions.map((session) => (
                <li key={session.id}>
                  <span className="session-time">
                    {t("registration.sessionTime", {
                      start: formatTime(new Date(session.startsAt), lang),
                      end: formatTime(new Date(session.endsAt), lang),
                    })}
                  </span>
                  <span className="session-title">{lang === "hi" ? session.titleHi : session.titleEn}</span>
                  <span className="muted small">
                    {t(`registration.sessionKind.${session.kind}`)}
                    {session.room ? ` · ${t("registration.room", { room: session.room })}` : ""}
                  </span>
                </li>
              ))}
            </ol>
          </div>
        ))}
      </section>
    </>
  );
}

/** Shown once the page runs JavaScript (window.print needs it); without it the browser's own print works. */
function PrintButton({ label }: { label: string }) {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  return (
    <button type="button" className="button secondary no-print" onClick={() => window.print()}>
      {label}
    </button>
  );
}

/** Every failure of a link looks the same: a translated "this link does not work" (or "wait", when limited). */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (!isRouteErrorResponse(error) || (error.status !== 404 && error.status !== 429)) {
    return <GeneralErrorBoundary />;
  }
  const minutes = (error.data as { retryMinutes?: number } | null)?.retryMinutes ?? 0;
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{t("registration.notFound.title")}</h1>
      <p>
        {error.status === 429
          ? t("registration.notFound.rateLimited", { minutes })
          : t("registration.notFound.body")}
      </p>
    </section>
  );
}
