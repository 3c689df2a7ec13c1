// /i/:token: the appointee's personal link. No account: the link is the key. A GET shows the event, the
// person's invitation and where their registration stands; only a POST registers, declines, saves answers
// or cancels. The whole page (header and title too) speaks the person's preferred language until they
// switch.
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
  isRouteErrorResponse,
  useActionData,
  useLoaderData,
  useLocation,
  useRouteError,
} from "@remix-run/react";
import { isbot } from "isbot";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { isLanguage, type Language } from "#app/i18n/setup.ts";
import { answersSchema, isRegistrationIntent } from "#app/models/registration/registration.ts";
import {
  cancelByLink,
  changeAnswersByLink,
  declineByLink,
  getPersonalLinkPage,
  type LinkRefusal,
  registerByLink,
  resolvePersonalLink,
} from "#app/models/registration/registration.server.ts";
import { progressOf } from "#app/models/programmes/progress.server.ts";
import { ProgrammeProgress } from "#app/ui/programme-progress.tsx";
import { renewCalendarFeed } from "#app/models/registration/personal-link.server.ts";
import { getEnv } from "#app/platform/env.server.ts";
import { clientIp } from "#app/web/auth.server.ts";
import { localized } from "#app/i18n/localized.ts";
import { getDb } from "#app/platform/db.server.ts";
import { languageCookie } from "#app/i18n/language-cookie.server.ts";
import { serverT } from "#app/web/translations.server.ts";
import type { PageLanguageHandle } from "#app/i18n/page-language.ts";
import type { PublicPageHandle } from "#app/web/public-page.ts";
import { readForm } from "#app/web/form.server.ts";
import { replyWithRefusal } from "#app/web/form-action.server.ts";
import styles from "../../styles/registration.css";
import { AnswersForm } from "./answers-form.tsx";
import { CalendarLinks } from "./calendar.tsx";
import { CancelCard, CancelConfirm, DeclineCard } from "./cancel.tsx";
import { Agenda, EventDetails } from "./details.tsx";
import { usePageT } from "./page.ts";
import { Pass } from "./pass.tsx";
import { StatusNotice } from "./status.tsx";

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
function refusedLink(refusal: LinkRefusal) {
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

const doneKeys = ["registered", "saved", "feedRenewed"] as const;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const access = await resolvePersonalLink(getDb(), params.token, clientIp(context));
  if (!access.ok) throw refusedLink(access);
  const lang = await pageLanguage(request, access.link.preferredLanguage);
  const userAgent = request.headers.get("user-agent") ?? "";
  // Mail scanners and link previews open links too: only a person's visit counts as "opened".
  const [page, programmes] = await Promise.all([
    getPersonalLinkPage(getDb(), access.link, { recordOpen: userAgent !== "" && !isbot(userAgent) }),
    progressOf(getDb(), access.link.appointeeId),
  ]);
  const search = new URL(request.url).searchParams;
  const done = doneKeys.find((key) => key === search.get("done")) ?? null;
  const t = serverT(lang);
  return {
    ...page,
    programmes,
    lang,
    title: `${localized(page.event, "title", lang)} · ${(await t)("app.name")}`,
    done,
    confirmCancel: search.get("cancel") === "1" && page.actions.cancel,
  };
}

// The document speaks the page's language, not the site's (app/i18n/page-language.ts); the header offers the
// appointee no staff links (app/web/public-page.ts).
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
  if (!access.ok) throw refusedLink(access);
  const { link } = access;
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const here = new URL(request.url).pathname;
  if (intent === "renew-feed") {
    // A calendar address that leaked: the person makes a new one; the old one stops at once.
    await renewCalendarFeed(db, getEnv().PUBLIC_URL, link.appointeeId);
    return redirect(`${here}?done=feedRenewed#calendar-title`, 303);
  }
  if (!isRegistrationIntent(intent)) {
    return data({ result: null, message: "registration.errors.unknownAction" }, { status: 400 });
  }

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
    return data({ result: replyWithRefusal(submission, outcome), message: outcome.error }, { status: 409 });
  }
  return redirect(`${here}?done=${intent === "register" ? "registered" : "saved"}`, 303);
}

export default function PersonalLinkPage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { event, person, registration, actions, lang, pass, calendar, confirmCancel } = loaderData;
  const t = usePageT(lang);
  const { pathname } = useLocation();
  const otherLang = lang === "hi" ? "en" : "hi";
  const name = lang === "hi" && person.nameHi ? person.nameHi : person.name;
  const status = registration?.status ?? null;
  const holding = status === "registered" || status === "waitlisted";

  return (
    <div className="registration">
      <p className="kind">{t(`registration.kind.${event.kind}`)}</p>
      <h1>{localized(event, "title", lang)}</h1>
      <p className="muted other-title" lang={otherLang}>
        {localized(event, "title", otherLang)}
      </p>

      <section className="card person" aria-label={t("registration.title")}>
        <p className="greeting">{t("registration.greeting", { name })}</p>
        <p>
          {t("registration.invitedAs", {
            designation: localized(person, "designation", lang),
            committee: localized(person, "committee", lang),
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
        <Pass pass={pass} event={event} name={name} lang={lang} />
      ) : null}

      {confirmCancel ? (
        <CancelConfirm waitlisted={status === "waitlisted"} lang={lang} />
      ) : (
        <>
          {actions.register || actions.change ? (
            <AnswersForm key={`${status}-${JSON.stringify(registration?.answers ?? {})}`} data={loaderData} />
          ) : null}
          {actions.decline ? <DeclineCard lang={lang} /> : null}
          {actions.cancel && holding ? <CancelCard waitlisted={status === "waitlisted"} lang={lang} /> : null}
        </>
      )}

      <EventDetails data={loaderData} />
      <Agenda data={loaderData} />

      {calendar ? (
        <CalendarLinks calendar={calendar} lang={lang} renewed={loaderData.done === "feedRenewed"} />
      ) : null}

      <ProgrammeProgress
        programmes={loaderData.programmes}
        lang={lang}
        t={t}
        certificateHref={(programmeId) => `${pathname}/certificates/${programmeId}.pdf`}
      />
    </div>
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
