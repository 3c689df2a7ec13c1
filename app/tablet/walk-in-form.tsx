// The form for someone who is not on the roster: name and mobile number, checked on the tablet (it may be
// offline), then stored with a mark like any other.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { addPanelStrings } from "./panel-strings.ts";
import { isPlausiblePhone } from "./roster.ts";

/** The longest name the server takes (SyncWalkInSchema). */
const NAME_MAX = 200;

export function WalkInForm({
  onSave,
  onCancel,
}: {
  onSave: (name: string, phone: string) => Promise<void>;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  addPanelStrings(i18n);
  const [errors, setErrors] = useState<{ name?: string; phone?: string }>({});
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    // As the server cleans it (control characters out, spaces collapsed), so it never refuses the batch.
    const name = String(form.get("name") ?? "")
      .replace(/[\p{Cc}\s]+/gu, " ")
      .trim()
      .slice(0, NAME_MAX);
    const phone = String(form.get("phone") ?? "").trim();
    const found = {
      name: name ? undefined : "tablet.walkInNameRequired",
      phone: isPlausiblePhone(phone) ? undefined : "tablet.walkInPhoneInvalid",
    };
    setErrors(found);
    if (found.name || found.phone) return;
    await onSave(name, phone);
  }
  return (
    <form className="card walk-in-form" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t("tablet.walkInTitle")}</h2>
      <p className="muted">{t("tablet.walkInHelp")}</p>
      <div className="field">
        <label htmlFor="walk-in-name">{t("tablet.walkInName")}</label>
        <input
          id="walk-in-name"
          name="name"
          maxLength={NAME_MAX}
          autoComplete="off"
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? "walk-in-name-error" : undefined}
        />
        {errors.name ? (
          <p id="walk-in-name-error" className="field-error">
            {t(errors.name)}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="walk-in-phone">{t("tablet.walkInPhone")}</label>
        <input
          id="walk-in-phone"
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="off"
          aria-invalid={errors.phone ? true : undefined}
          aria-describedby={errors.phone ? "walk-in-phone-error" : undefined}
        />
        {errors.phone ? (
          <p id="walk-in-phone-error" className="field-error">
            {t(errors.phone)}
          </p>
        ) : null}
      </div>
      <div className="form-actions">
        <button type="submit" className="button">
          {t("tablet.walkInSave")}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t("tablet.cancel")}
        </button>
      </div>
    </form>
  );
}
