// The add-rule form of the audience page, with its live preview: a fetcher GET of the page as the form
// changes (without JavaScript, the "Preview" GET submit) shows whom the rule would reach.
import { getCollectionProps, getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, type useActionData, useFetcher, useLocation } from "@remix-run/react";
import { type FormEvent, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "#app/i18n/datetime.ts";
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";
import { AudienceRuleSchema, CANDIDATE_RULE_KEY, emptyCounts } from "#app/models/events/audience.ts";
import { unitLevels } from "#app/models/organisation/unit.ts";
import { describedBy, FieldError, FormErrors } from "#app/ui/forms.tsx";
import { Counts } from "./counts.tsx";
import type { action, LoaderData, loader } from "./route.tsx";

export function AddRule({
  data: loaderData,
  actionData,
}: {
  data: LoaderData;
  actionData: ReturnType<typeof useActionData<typeof action>>;
}) {
  const { event, unitOptions, designations, formDefaults } = loaderData;
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const num = (n: number) => formatNumber(n, lang);
  const location = useLocation();
  const fetcher = useFetcher<typeof loader>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const [form, fields] = useForm({
    id: "add-rule",
    lastResult: actionData?.intent === "add" ? actionData.result : undefined,
    shouldValidate: "onSubmit",
    // The previewed rule as the GET sent it; Conform types defaults by the schema's (preprocessed) input.
    defaultValue: (formDefaults ?? undefined) as never,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AudienceRuleSchema }),
  });
  // The live preview: the latest fetch once it answered, else what the page was rendered with.
  const shown = fetcher.data ?? loaderData;
  const minDepth = Math.min(...unitOptions.map((u) => u.depth));

  function previewOnChange(e: FormEvent<HTMLFormElement>) {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(e.currentTarget))
      if (typeof value === "string") params.append(key, value);
    params.set("preview", "1");
    params.set("countsOnly", "1");
    clearTimeout(timer.current);
    timer.current = setTimeout(() => fetcher.load(`${location.pathname}?${params}`), 250);
  }

  return (
    <section className="card add-rule" aria-labelledby="add-rule-title">
      <h2 id="add-rule-title">{t("audience.add.title")}</h2>
      <Form method="post" {...getFormProps(form)} onChange={previewOnChange}>
        <FormErrors form={form} />
        <div className="rule-unit">
          <div className="field">
            <label htmlFor={fields.unitId.id}>{t("audience.add.unit")}</label>
            <select {...getSelectProps(fields.unitId)} aria-describedby={describedBy(fields.unitId)}>
              <option value="">{t("audience.add.chooseUnit")}</option>
              {unitOptions.map((u) => (
                <option key={u.id} value={u.id}>
                  {"\u00a0\u00a0".repeat(u.depth - minDepth)}
                  {localized(u, "name", lang)} · {t(`level.${u.level}`)} ({u.code})
                </option>
              ))}
            </select>
            <FieldError field={fields.unitId} />
          </div>
          <div className="field">
            <label htmlFor={fields.unitCode.id}>{t("audience.add.unitCode")}</label>
            <input
              {...getInputProps(fields.unitCode, { type: "text" })}
              autoCapitalize="characters"
              spellCheck={false}
              aria-describedby={describedBy(fields.unitCode, "unit-code-hint")}
            />
            <p id="unit-code-hint" className="muted small">
              {t("audience.add.unitCodeHint")}
            </p>
            <FieldError field={fields.unitCode} />
          </div>
        </div>
        <fieldset className="choices" aria-describedby="levels-hint">
          <legend>{t("audience.add.levels")}</legend>
          <p id="levels-hint" className="muted small">
            {t("audience.add.levelsHint")}
          </p>
          {getCollectionProps(fields.levels, { type: "checkbox", options: [...unitLevels] }).map(
            ({ key, ...props }) => (
              <label key={key} className="choice">
                <input {...props} />
                {t(`level.${props.value}`)}
              </label>
            ),
          )}
          <FieldError field={fields.levels} />
        </fieldset>
        <fieldset className="choices" aria-describedby="designations-hint">
          <legend>{t("audience.add.designations")}</legend>
          <p id="designations-hint" className="muted small">
            {t("audience.add.designationsHint")}
          </p>
          {getCollectionProps(fields.designations, {
            type: "checkbox",
            options: designations.filter((d) => d.active).map((d) => d.code),
          }).map(({ key, ...props }) => {
            const d = designations.find((x) => x.code === props.value)!;
            return (
              <label key={key} className="choice">
                <input {...props} />
                {localized(d, "name", lang)}
              </label>
            );
          })}
          <FieldError field={fields.designations} />
        </fieldset>

        <div className="rule-preview" aria-live="polite" data-testid="rule-preview">
          <h3>{t("audience.add.previewTitle")}</h3>
          {shown.candidate ? (
            <>
              <p className="small">{t("audience.add.previewRule")}</p>
              <Counts
                counts={shown.candidate.preview.perRule[CANDIDATE_RULE_KEY] ?? emptyCounts}
                testId="candidate-counts"
              />
              <p className="small">
                {t("audience.add.previewTotal")}: <strong>{num(shown.candidate.preview.total.people)}</strong>
              </p>
              {event.status === "published" ? (
                <p className="small">
                  {t("audience.add.previewNewlyInvited")}:{" "}
                  <strong>{num(shown.candidate.preview.total.notYetInvited)}</strong>
                </p>
              ) : null}
            </>
          ) : shown.candidateError ? (
            <p className="field-error">{t(shown.candidateError)}</p>
          ) : (
            <p className="muted small">{t("audience.add.previewHint")}</p>
          )}
        </div>

        <div className="form-actions">
          {/* Without JavaScript the preview is this GET submit of the same form. */}
          <button
            type="submit"
            formMethod="get"
            formNoValidate
            name="preview"
            value="1"
            className="button secondary"
          >
            {t("audience.add.preview")}
          </button>
          <button type="submit" name="intent" value="add" className="button">
            {event.status === "published" ? t("audience.add.submitAndInvite") : t("audience.add.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
