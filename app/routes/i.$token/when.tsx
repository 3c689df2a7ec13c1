// When the event takes place: one day with its hours, or a span from a date and time to another.
import { formatDate, formatDateTime, formatTime } from "#app/i18n/datetime.ts";
import type { Language } from "#app/i18n/setup.ts";
import { usePageT } from "./page.ts";

export function EventWhen({
  event,
  lang,
}: {
  event: { startsAt: string | Date; endsAt: string | Date };
  lang: Language;
}) {
  const t = usePageT(lang);
  const startsAt = new Date(event.startsAt);
  const endsAt = new Date(event.endsAt);
  const sameDay = formatDate(startsAt, lang) === formatDate(endsAt, lang);
  return (
    <>
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
    </>
  );
}
