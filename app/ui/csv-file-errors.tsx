// Why a CSV file was refused as a whole (not UTF-8, columns missing, too many rows …): the upload page and an
// import's preview page show the same notice.
import { useTranslation } from "react-i18next";
import { formatNumber } from "#app/i18n/datetime.ts";
import type { Language } from "#app/i18n/setup.ts";
import type { FileError } from "#app/models/imports/csv-import.ts";

export function CsvFileErrors({ errors }: { errors: FileError[] }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="notice error" role="alert">
      <p>{t("imports.refused")}</p>
      <ul>
        {errors.map((e) => (
          <li key={e.code}>
            {t(`imports.errors.${e.code}`, {
              columns: e.columns?.join(", "),
              limit: e.limit === undefined ? undefined : formatNumber(e.limit, i18n.language as Language),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
