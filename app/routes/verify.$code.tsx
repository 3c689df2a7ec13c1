// /verify/:code: anyone may check a training certificate, without signing in. It shows what the certificate
// certified and whether it still holds, in Hindi and English at once (a reader may know either); nothing else
// about the person. An unknown or malformed code gets one page for both, and counts against the address's
// limit, so codes cannot be tried by the thousand.
import {
  data,
  type HeadersFunction,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatDay, normaliseCertificateCode } from "#app/models/programmes/certificate-details.ts";
import { verifyCertificate } from "#app/models/programmes/certificate.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { hitRateLimit } from "#app/platform/rate-limit.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { istDate } from "#app/models/programmes/progress.server.ts";
import { clientIp } from "#app/web/auth.server.ts";
import type { PublicPageHandle } from "#app/web/public-page.ts";
import styles from "../styles/verify.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const handle: PublicPageHandle = { publicPage: true };
export const headers: HeadersFunction = ({ loaderHeaders }) => ({
  "Cache-Control": "no-store",
  "X-Robots-Tag": "noindex",
  ...(loaderHeaders.get("Retry-After") ? { "Retry-After": loaderHeaders.get("Retry-After")! } : {}),
});

// A person checking one certificate needs a few tries at most; this many misses an hour is guessing.
const MISSES = { limit: 20, windowSeconds: 3600 };

type Both = { hi: string; en: string };

export async function loader({ params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const [hi, en] = await Promise.all([i18nServer.getFixedT("hi"), i18nServer.getFixedT("en")]);
  const both = (key: string, values?: Record<string, string>): Both => ({
    hi: hi(`programmes.verify.${key}`, values),
    en: en(`programmes.verify.${key}`, values),
  });
  const labels = Object.fromEntries(
    [
      "title",
      "name",
      "designation",
      "committee",
      "programme",
      "issuingUnit",
      "issuedOn",
      "modules",
      "module",
      "date",
      "place",
      "code",
    ].map((k) => [k, both(k)]),
  ) as Record<string, Both>;
  const code = normaliseCertificateCode(params.code ?? "");
  const found = code ? await verifyCertificate(db, code) : null;
  if (!found) {
    const limit = await hitRateLimit(db, `verify:ip:${clientIp(context)}`, MISSES);
    const state = limit.allowed ? "unknown" : "tooMany";
    return data(
      {
        state,
        labels,
        headline: both(state === "unknown" ? "unknown" : "tooMany"),
        hint: both("unknownHint"),
        certificate: null,
      },
      {
        status: limit.allowed ? 404 : 429,
        headers: limit.allowed ? {} : { "Retry-After": String(limit.retryAfterSeconds) },
      },
    );
  }
  const { details } = found;
  const day = (iso: string): Both => ({ hi: formatDay(iso, "hi"), en: formatDay(iso, "en") });
  return {
    state: found.revokedAt ? "revoked" : "valid",
    labels,
    headline: both(found.revokedAt ? "revoked" : "valid"),
    hint: found.revokedAt
      ? {
          hi: `${hi("programmes.verify.revokedOn", { date: formatDay(istDate(found.revokedAt), "hi") })}. ${hi(`programmes.verify.reason_${found.revokedReason}`)}`,
          en: `${en("programmes.verify.revokedOn", { date: formatDay(istDate(found.revokedAt), "en") })}. ${en(`programmes.verify.reason_${found.revokedReason}`)}`,
        }
      : null,
    certificate: {
      code: found.code,
      personName: details.personName,
      designation: details.designation,
      committee: details.committee,
      programme: details.programme,
      issuingUnit: details.issuingUnit,
      issuedOn: day(istDate(found.issuedAt)),
      modules: details.modules.map((m) => ({ name: m.name, date: day(m.date), place: m.place })),
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.labels.title!.hi} · ${data.labels.title!.en}` : "शिविर · Shivir" },
  { name: "robots", content: "noindex" },
];

/** Hindi first, then English, as on the certificate. */
function Both({ text }: { text: Both }) {
  return (
    <>
      <span lang="hi">{text.hi}</span>
      {text.en !== text.hi ? (
        <>
          {" · "}
          <span lang="en">{text.en}</span>
        </>
      ) : null}
    </>
  );
}

export default function VerifyCertificate() {
  const { state, labels, headline, hint, certificate } = useLoaderData<typeof loader>();
  const l = (key: string) => <Both text={labels[key]!} />;
  return (
    <section className="narrow verify">
      <h1>{l("title")}</h1>
      <p className={`verify-state ${state}`} role="status">
        <strong>
          <Both text={headline} />
        </strong>
      </p>
      {hint ? (
        <p className="verify-hint">
          <Both text={hint} />
        </p>
      ) : null}
      {certificate ? (
        <>
          <dl className="verify-details">
            <dt>{l("name")}</dt>
            <dd>{certificate.personName}</dd>
            <dt>{l("designation")}</dt>
            <dd>
              <Both text={certificate.designation} />
            </dd>
            <dt>{l("committee")}</dt>
            <dd>
              <Both text={certificate.committee} />
            </dd>
            <dt>{l("programme")}</dt>
            <dd>
              <Both text={certificate.programme} />
            </dd>
            <dt>{l("issuingUnit")}</dt>
            <dd>
              <Both text={certificate.issuingUnit} />
            </dd>
            <dt>{l("issuedOn")}</dt>
            <dd>
              <Both text={certificate.issuedOn} />
            </dd>
            <dt>{l("code")}</dt>
            <dd>
              <code>{certificate.code}</code>
            </dd>
          </dl>
          <table>
            <caption>{l("modules")}</caption>
            <thead>
              <tr>
                <th scope="col">{l("module")}</th>
                <th scope="col">{l("date")}</th>
                <th scope="col">{l("place")}</th>
              </tr>
            </thead>
            <tbody>
              {certificate.modules.map((m) => (
                <tr key={`${m.name.en}-${m.date.en}`}>
                  <td>
                    <Both text={m.name} />
                  </td>
                  <td>
                    <Both text={m.date} />
                  </td>
                  <td>{m.place}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
