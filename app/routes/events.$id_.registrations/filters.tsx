// The registrations page's filters: a plain GET form (status, committee, travel, stay, food).
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";
import { answerStatuses, foodPreferences, travelModes } from "#app/models/registration/registration.ts";
import type { LoaderData } from "./route.tsx";

export function Filters({ data, lang }: { data: LoaderData; lang: Language }) {
  const { t } = useTranslation();
  const { filter, event } = data;
  return (
    <Form method="get" className="filters card" aria-label={t("registration.organiser.filters")}>
      <FilterSelect
        label={t("registration.organiser.filterStatus")}
        name="status"
        value={filter.status}
        options={answerStatuses.map((s) => ({ value: s, label: t(`registration.organiser.status.${s}`) }))}
      />
      <FilterSelect
        label={t("registration.organiser.filterCommittee")}
        name="committee"
        value={filter.committee}
        options={data.committees.map((c) => ({ value: c.id, label: localized(c, "name", lang) }))}
      />
      <FilterSelect
        label={t("registration.organiser.filterTravelMode")}
        name="travelMode"
        value={filter.travelMode}
        options={travelModes.map((m) => ({ value: m, label: t(`registration.travelMode.${m}`) }))}
      />
      <FilterSelect
        label={t("registration.organiser.filterNeedsStay")}
        name="needsStay"
        value={filter.needsStay}
        options={[
          { value: "yes", label: t("registration.needsStay.yes") },
          { value: "no", label: t("registration.needsStay.no") },
        ]}
      />
      <FilterSelect
        label={t("registration.organiser.filterFood")}
        name="foodPreference"
        value={filter.foodPreference}
        options={foodPreferences.map((f) => ({ value: f, label: t(`registration.foodPreference.${f}`) }))}
      />
      <button type="submit" className="button">
        {t("registration.organiser.apply")}
      </button>
      <Link to={`/events/${event.id}/registrations`}>{t("registration.organiser.reset")}</Link>
    </Form>
  );
}

/** One filter: "all" (empty) first, then the choices; the list's current filter is preselected. */
function FilterSelect({
  label,
  name,
  value,
  options,
}: {
  label: string;
  name: string;
  value: unknown;
  options: { value: string | number; label: string }[];
}) {
  const { t } = useTranslation();
  return (
    <label>
      {label}
      <select name={name} defaultValue={value === undefined ? "" : String(value)}>
        <option value="">{t("registration.organiser.all")}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
