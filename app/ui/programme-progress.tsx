// Each programme that concerns a person, module by module: done (when, where) or pending, and the
// certificate once complete. Shown on the person's page for staff and on their personal link page.
import type { TFunction } from "i18next";
import type { Language } from "#app/i18n/setup.ts";
import { formatDay } from "#app/models/programmes/certificate-details.ts";
import { missingModules, type ModuleProgress } from "#app/models/programmes/programme.ts";

export type ProgressView = {
  programmeId: number;
  nameHi: string;
  nameEn: string;
  modules: ModuleProgress[];
  complete: boolean;
  certificate: { code: string } | null;
};

export function ProgrammeProgress({
  programmes,
  lang,
  t,
  certificateHref,
}: {
  programmes: ProgressView[];
  lang: Language;
  t: TFunction;
  /** Where the person downloads their certificate of a programme (none: no download link). */
  certificateHref?: (programmeId: number) => string;
}) {
  if (programmes.length === 0) return null;
  const pick = (x: { nameHi: string; nameEn: string }) => (lang === "hi" ? x.nameHi : x.nameEn);
  return (
    <section className="programme-progress" aria-labelledby="programme-progress-title">
      <h2 id="programme-progress-title">{t("programmes.progress.title")}</h2>
      {programmes.map((p) => (
        <div key={p.programmeId} className="programme-progress-item">
          <h3>
            {pick(p)}{" "}
            <span className={`badge ${p.complete ? "formed" : "forming"}`}>
              {p.complete
                ? t("programmes.progress.complete")
                : t("programmes.progress.incomplete", { count: missingModules(p.modules).length })}
            </span>
          </h3>
          <ul>
            {p.modules.map((m) => (
              <li key={m.moduleId} data-module-state={m.done ? "done" : "pending"}>
                <strong>{pick(m)}</strong>
                {m.required ? null : <span className="muted"> ({t("programmes.progress.optional")})</span>}
                {": "}
                {m.done
                  ? `${t("programmes.progress.done")}: ${t("programmes.progress.doneAt", {
                      date: formatDay(m.done.on, lang),
                      event: lang === "hi" ? m.done.eventTitleHi : m.done.eventTitleEn,
                      place: m.done.place,
                    })}`
                  : t("programmes.progress.pending")}
              </li>
            ))}
          </ul>
          {p.certificate ? (
            <p>
              {t("programmes.progress.certificate", { code: p.certificate.code })}
              {certificateHref ? (
                <>
                  {" · "}
                  <a href={certificateHref(p.programmeId)} download>
                    {t("programmes.progress.download")}
                  </a>
                </>
              ) : null}
              {" · "}
              <a href={`/verify/${p.certificate.code}`}>{t("programmes.progress.verifyLink")}</a>
            </p>
          ) : null}
        </div>
      ))}
    </section>
  );
}
