// /tablet/pair: a tablet exchanges the pairing code an organiser shows for a credential limited to that
// event. A GET (also from the QR code, ?code=…) only shows the form; the POST uses the code up.
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
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import {
  normalizePairingCode,
  PAIRING_ALPHABET,
  PAIRING_CODE_LENGTH,
  PairSchema,
} from "#app/models/attendance/attendance.ts";
import { pairTablet } from "#app/models/attendance/tablet-device.server.ts";
import { clientIp } from "#app/web/auth.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { tabletCookieHeader } from "#app/web/tablet-auth.server.ts";
import styles from "../styles/tablet.css";
import { readForm } from "#app/web/form.server.ts";
import type { PageScriptsHandle } from "#app/web/page-scripts.ts";
import { useNonce } from "#app/web/nonce.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await i18nServer.getFixedT(request);
  const url = new URL(request.url);
  return {
    title: `${t("tablet.pairTitle")} · ${t("app.name")}`,
    code: normalizePairingCode(url.searchParams.get("code") ?? "") ?? "",
    revoked: url.searchParams.get("revoked") === "1",
    // Made here, so that the page's module holds none of the rules (nor Zod with them).
    checkScript: checkCodeScript(t("tablet.errors.codeInvalid")),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: PairSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await pairTablet(getDb(), { code: submission.value.code, ip: clientIp(context) });
  if (!outcome.ok) {
    return data(
      { result: submission.reply({ fieldErrors: { code: [outcome.error] } }) },
      { status: outcome.error === "tablet.errors.rateLimited" ? 429 : 400 },
    );
  }
  return redirect(`/tablet/events/${outcome.device.eventId}`, {
    headers: { "Set-Cookie": await tabletCookieHeader(outcome.token) },
  });
}

// The first page a new tablet opens ships no JavaScript (web/page-scripts.ts): a plain form the server checks,
// and a few lines of inline script that check the code's shape when the field is left or the form sent, as
// the organiser pages' forms do, with the same message. No strings are loaded either: the server renders it.
export const handle: PageScriptsHandle = { scripts: false };

const FORM_ID = "pair-form";
const CODE_ID = "pair-code";
const ERROR_ID = "pair-code-error";
const HINT_ID = "code-hint";

/**
 * The inline script: on leaving the field and on sending the form, the code must have the pairing code's
 * shape (normalizePairingCode); if not, the message shows under the field (as the server shows it), the field
 * is marked invalid and the form is not sent. Written as plain ES5 so that it runs as it stands.
 */
function checkCodeScript(message: string): string {
  const args = [FORM_ID, CODE_ID, ERROR_ID, HINT_ID, PAIRING_ALPHABET, PAIRING_CODE_LENGTH, message]
    .map((value) => JSON.stringify(value).replace(/</g, "\\u003c"))
    .join(",");
  return `(function(f,c,e,h,a,n,m){var form=document.getElementById(f),input=document.getElementById(c);if(!form||!input)return;function ok(){var v=input.value.toUpperCase().replace(/[\\s-]/g,"");if(v.length!==n)return false;for(var i=0;i<v.length;i++)if(a.indexOf(v.charAt(i))<0)return false;return true}function show(valid){var p=document.getElementById(e);if(valid){if(p)p.parentNode.removeChild(p);input.removeAttribute("aria-invalid");input.setAttribute("aria-describedby",h);return}if(!p){p=document.createElement("p");p.id=e;p.className="field-error";input.parentNode.appendChild(p)}p.textContent=m;input.setAttribute("aria-invalid","true");input.setAttribute("aria-describedby",e+" "+h)}input.addEventListener("blur",function(){show(ok())});form.addEventListener("submit",function(event){var valid=ok();show(valid);if(!valid){event.preventDefault();input.focus()}})})(${args});`;
}

export default function PairTablet() {
  const { t } = useTranslation();
  const { code, revoked, checkScript } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const typed = actionData?.result.initialValue?.code;
  const errors = actionData?.result.error?.code?.map((key) => t(key));
  const nonce = useNonce();
  return (
    <section className="narrow tablet-page">
      <h1>{t("tablet.pairTitle")}</h1>
      {revoked ? (
        <p className="notice error" role="alert">
          {t("tablet.revoked")}
        </p>
      ) : null}
      <p>{t("tablet.pairIntro")}</p>
      <Form method="post" id={FORM_ID} noValidate>
        <div className="field">
          <label htmlFor={CODE_ID}>{t("tablet.codeLabel")}</label>
          <input
            id={CODE_ID}
            name="code"
            type="text"
            defaultValue={typeof typed === "string" ? typed : code}
            className="pairing-input"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            aria-invalid={errors?.length ? true : undefined}
            aria-describedby={errors?.length ? `${ERROR_ID} ${HINT_ID}` : HINT_ID}
          />
          <p id={HINT_ID} className="muted small">
            {t("tablet.codeHint")}
          </p>
          {errors?.length ? (
            <p id={ERROR_ID} className="field-error">
              {errors.join(" ")}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button">
          {t("tablet.pairButton")}
        </button>
      </Form>
      <script
        nonce={nonce}
        // biome-ignore lint/security/noDangerouslySetInnerHtml: our own constant script; its values are JSON-escaped
        dangerouslySetInnerHTML={{ __html: checkScript }}
      />
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
