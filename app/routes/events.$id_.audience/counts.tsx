// The audience page's counts (the whole audience, or the form's rule in the preview) and its publish card.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "#app/i18n/datetime.ts";
import type { Language } from "#app/i18n/setup.ts";
import type { AudienceCounts } from "#app/models/events/audience.ts";

export function Counts({ counts, testId }: { counts: AudienceCounts; testId?: string }) {
  const { t, i18n } = useTranslation();
  const num = (n: number) => formatNumber(n, i18n.language as Language);
  const items: [string, number, string][] = [
    ["audience.counts.committeesFormed", counts.committeesFormed, "formed"],
    ["audience.counts.committeesForming", counts.committeesForming, "forming"],
    ["audience.counts.people", counts.people, "people"],
    ["audience.counts.withoutEmail", counts.withoutEmail, "without-email"],
    ["audience.counts.withoutContact", counts.withoutContact, "without-contact"],
  ];
  return (
    <dl className="stats audience-stats" data-testid={testId}>
      {items.map(([key, value, id]) => (
        <div key={key}>
          <dt>{t(key)}</dt>
          <dd data-count={id}>{num(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Publish({
  eventId,
  hasRules,
  counts,
}: {
  eventId: number;
  hasRules: boolean;
  counts: AudienceCounts;
}) {
  const { t, i18n } = useTranslation();
  const num = (n: number) => formatNumber(n, i18n.language as Language);
  return (
    <section className="card publish" aria-labelledby="publish-title">
      <h2 id="publish-title">{t("audience.publish.title")}</h2>
      <p>{t("audience.publish.intro")}</p>
      {hasRules ? (
        <>
          <p>
            {t("audience.publish.ready", {
              count: counts.people,
              people: num(counts.people),
              emails: num(counts.people - counts.withoutEmail),
            })}
          </p>
          <Link to={`/events/${eventId}/publish`} className="button">
            {t("audience.publish.button")}
          </Link>
        </>
      ) : (
        <p className="notice">{t("audience.publish.needsRules")}</p>
      )}
    </section>
  );
}
