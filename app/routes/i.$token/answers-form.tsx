// The registration form: the event's questions (travel, arrival, stay, food), asked when registering and
// for a change later. Without JavaScript the server checks the same schema.
import { type FieldMetadata, getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useActionData } from "@remix-run/react";
import type { Language } from "#app/i18n/setup.ts";
import { askedQuestions } from "#app/models/events/event.ts";
import {
  type Answers,
  answerFormValues,
  answersSchema,
  foodPreferences,
  travelModes,
} from "#app/models/registration/registration.ts";
import { describedBy, FieldError, FormErrors } from "#app/ui/forms.tsx";
import type { action } from "./route.tsx";
import { type LoaderData, usePageT } from "./page.ts";

type AnswerFields = {
  travelMode?: string;
  arrivalTime?: string;
  needsStay?: string;
  foodPreference?: string;
};

export function AnswersForm({ data }: { data: LoaderData }) {
  const { questions, event, registration, actions, full, lang } = data;
  const t = usePageT(lang);
  const actionData = useActionData<typeof action>();
  const schema = answersSchema(questions, event);
  const [form, fields] = useForm<AnswerFields, Answers>({
    id: "answers",
    lastResult: actionData?.result ?? undefined,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onBlur",
    defaultValue: answerFormValues(registration?.answers ?? {}),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const asked = askedQuestions(questions);
  const registering = actions.register;
  const marker = (required: boolean) => <RequiredMarker lang={lang} required={required} />;

  return (
    <section className="card no-print" aria-labelledby="answers-title">
      <h2 id="answers-title">
        {registering ? t("registration.questions.title") : t("registration.yourAnswers")}
      </h2>
      {registering && full ? <p className="notice">{t("registration.full")}</p> : null}
      <Form method="post" {...getFormProps(form)}>
        <FormErrors form={form} />
        {asked.length ? <p className="muted">{t("registration.questions.intro")}</p> : null}
        {asked.map(({ question, required }) => {
          if (question === "arrivalTime") {
            return (
              <div className="field" key={question}>
                <label htmlFor={fields.arrivalTime.id}>
                  {t("registration.questions.arrivalTime")}
                  {marker(required)}
                </label>
                <input
                  {...getInputProps(fields.arrivalTime, { type: "datetime-local" })}
                  aria-describedby={describedBy(fields.arrivalTime, "arrival-hint")}
                />
                <p id="arrival-hint" className="muted small">
                  {t("registration.questions.arrivalHint")}
                </p>
                <FieldError field={fields.arrivalTime} />
              </div>
            );
          }
          const choices = {
            travelMode: { values: travelModes, option: (v: string) => t(`registration.travelMode.${v}`) },
            needsStay: {
              values: ["yes", "no"] as const,
              option: (v: string) => t(`registration.needsStay.${v}`),
            },
            foodPreference: {
              values: foodPreferences,
              option: (v: string) => t(`registration.foodPreference.${v}`),
            },
          }[question];
          return (
            <Choices
              key={question}
              lang={lang}
              field={fields[question]}
              values={choices.values}
              label={t(`registration.questions.${question}`)}
              option={choices.option}
              required={required}
            />
          );
        })}
        <button
          type="submit"
          name="intent"
          value={registering ? "register" : "change"}
          className="button big"
        >
          {registering
            ? t(full ? "registration.joinWaitlist" : "registration.register")
            : t("registration.save")}
        </button>
      </Form>
    </section>
  );
}

function RequiredMarker({ lang, required }: { lang: Language; required: boolean }) {
  const t = usePageT(lang);
  return (
    <span className="muted small">
      {" "}
      {t(required ? "registration.questions.required" : "registration.questions.optional")}
    </span>
  );
}

/** One question answered by a choice: radio buttons, big enough for a thumb. */
function Choices<V extends string>({
  lang,
  field,
  values,
  label,
  option,
  required,
}: {
  lang: Language;
  field: FieldMetadata<string>;
  values: readonly V[];
  label: string;
  option: (value: V) => string;
  required: boolean;
}) {
  const invalid = field.errors?.length ? true : undefined;
  return (
    <fieldset className="choices" aria-describedby={describedBy(field)}>
      <legend>
        {label}
        <RequiredMarker lang={lang} required={required} />
      </legend>
      {values.map((value) => (
        <label key={value} className="choice">
          <input
            type="radio"
            name={field.name}
            value={value}
            defaultChecked={field.initialValue === value}
            aria-invalid={invalid}
          />
          <span>{option(value)}</span>
        </label>
      ))}
      <FieldError field={field} />
    </fieldset>
  );
}
