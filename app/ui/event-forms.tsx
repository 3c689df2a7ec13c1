// The event form (new and edit pages) and the session form (new and edit session pages). Conform with the
// Zod schemas of app/models/events/event.ts: the same checks run in the browser and on the server, and the forms
// work without JavaScript. Times are typed as IST wall-clock time.
import {
  type DefaultValue,
  type FieldMetadata,
  type SubmissionResult,
  getCollectionProps,
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { Language } from "#app/i18n/setup.ts";
import {
  CAPACITY_MAX,
  EventFormSchema,
  type EventKind,
  type EventQuestions,
  eventKinds,
  kindAllowsLevel,
  eventQuestions,
  questionModes,
  SessionFormSchema,
  sessionKinds,
} from "#app/models/events/event.ts";
import type { UnitLevel } from "#app/models/organisation/unit.ts";
import { formatTime, formatDateTime } from "#app/i18n/datetime.ts";
import { localized } from "#app/i18n/localized.ts";
import { describedBy, FieldError, FormErrors } from "./forms.tsx";

type Choice = { value: string; label: string };

/** A capacity input (of an event or a session): a whole number of seats the database accepts. */
const capacityInput = { type: "number", min: 1, max: CAPACITY_MAX } as const;

const hintOf = (field: { id: string }, hint: string | undefined) => (hint ? `${field.id}-hint` : undefined);

/** A labelled control with its hint (`${field.id}-hint`, which the control names) and its error. */
function Field({
  field,
  label,
  hint,
  children,
}: {
  field: { id: string; errorId: string; errors?: string[] };
  label: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {children}
      {hint ? (
        <p id={hintOf(field, hint)} className="muted small">
          {hint}
        </p>
      ) : null}
      <FieldError field={field} />
    </div>
  );
}

type TextFieldProps = {
  field: FieldMetadata<string | number | undefined>;
  label: string;
  hint?: string;
  type?: "text" | "number" | "url" | "datetime-local";
  lang?: Language;
  min?: number;
  max?: number;
};

function TextField({ field, label, hint, type = "text", lang, min, max }: TextFieldProps) {
  return (
    <Field field={field} label={label} hint={hint}>
      <input
        {...getInputProps(field, { type })}
        lang={lang}
        min={min}
        max={max}
        inputMode={type === "number" ? "numeric" : undefined}
        autoComplete="off"
        aria-describedby={describedBy(field, hintOf(field, hint))}
      />
    </Field>
  );
}

function TextAreaField({
  field,
  label,
  lang,
}: {
  field: FieldMetadata<string | undefined>;
  label: string;
  lang: Language;
}) {
  return (
    <Field field={field} label={label}>
      <textarea {...getTextareaProps(field)} lang={lang} rows={4} aria-describedby={describedBy(field)} />
    </Field>
  );
}

function SelectField({
  field,
  label,
  hint,
  choices,
}: {
  field: FieldMetadata<string | number | undefined>;
  label: string;
  hint?: string;
  choices: Choice[];
}) {
  return (
    <Field field={field} label={label} hint={hint}>
      <select {...getSelectProps(field)} aria-describedby={describedBy(field, hintOf(field, hint))}>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** What the event and session forms take alike. */
type FormProps<Defaults> = {
  id: string;
  defaults: Defaults;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
};

/** Checks a field when it loses focus, then on every keystroke while it shows an error. */
function useSchemaForm<S extends z.ZodType<Record<string, unknown>, Record<string, unknown>>>(
  schema: S,
  { id, defaults, lastResult }: FormProps<DefaultValue<z.input<S>>>,
) {
  return useForm<z.input<S>, z.output<S>>({
    id,
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}

export type EventUnitChoice = { id: number; level: UnitLevel; nameEn: string; nameHi: string; depth: number };

/** The form's starting values, as the inputs show them (times as IST "yyyy-MM-ddTHH:mm"). */
export type EventFormDefaults = {
  kind: string;
  unitId: string;
  titleEn: string;
  titleHi: string;
  descriptionEn: string;
  descriptionHi: string;
  venueName: string;
  venueAddress: string;
  venueMapUrl: string;
  startsAt: string;
  endsAt: string;
  registrationOpensAt: string;
  registrationClosesAt: string;
  capacity: string;
  reminderHours: string;
  questions: EventQuestions;
};

export function EventForm(props: FormProps<EventFormDefaults> & { units: EventUnitChoice[] }) {
  const { units, submitLabel } = props;
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [form, fields] = useSchemaForm(EventFormSchema, props);
  const questions = fields.questions.getFieldset();
  // "Held for" offers only the units the chosen kind may be held for: the kind as typed (with JavaScript),
  // or as loaded or last posted (without it, a changed kind takes effect after the server's answer).
  const typedKind = fields.kind.value ?? props.defaults.kind;
  const kind: EventKind = (eventKinds as readonly string[]).includes(typedKind)
    ? (typedKind as EventKind)
    : "other";
  const unitChoices = units.filter((unit) => kindAllowsLevel(kind, unit.level));

  return (
    <Form method="post" {...getFormProps(form)} className="event-form">
      <FormErrors form={form} />
      <fieldset className="card">
        <legend>{t("events.form.basics")}</legend>
        <SelectField
          field={fields.kind}
          label={t("events.form.kind")}
          choices={eventKinds.map((kind) => ({ value: kind, label: t(`events.kind.${kind}`) }))}
        />
        <SelectField
          field={fields.unitId}
          label={t("events.form.unit")}
          hint={t(
            unitChoices.length === 0
              ? "events.form.noUnitsForKind"
              : kind === "other"
                ? "events.form.unitHint"
                : `events.form.unitHintFor_${kind}`,
          )}
          choices={unitChoices.map((unit) => ({
            value: String(unit.id),
            label: `${"\u00a0\u00a0\u00a0".repeat(unit.depth)}${localized(unit, "name", lang)} (${t(`level.${unit.level}`)})`,
          }))}
        />
        <div className="field-pair">
          <TextField field={fields.titleHi} label={t("events.form.titleHi")} lang="hi" />
          <TextField field={fields.titleEn} label={t("events.form.titleEn")} lang="en" />
        </div>
        <div className="field-pair">
          <TextAreaField field={fields.descriptionHi} label={t("events.form.descriptionHi")} lang="hi" />
          <TextAreaField field={fields.descriptionEn} label={t("events.form.descriptionEn")} lang="en" />
        </div>
      </fieldset>

      <fieldset className="card">
        <legend>{t("events.form.venue")}</legend>
        <TextField field={fields.venueName} label={t("events.form.venueName")} />
        <TextField field={fields.venueAddress} label={t("events.form.venueAddress")} />
        <TextField
          field={fields.venueMapUrl}
          label={t("events.form.venueMapUrl")}
          hint={t("events.form.venueMapUrlHint")}
          type="url"
        />
      </fieldset>

      <fieldset className="card">
        <legend>{t("events.form.when")}</legend>
        <div className="field-pair">
          <TextField field={fields.startsAt} label={t("events.form.startsAt")} type="datetime-local" />
          <TextField field={fields.endsAt} label={t("events.form.endsAt")} type="datetime-local" />
        </div>
        <div className="field-pair">
          <TextField
            field={fields.capacity}
            label={t("events.form.capacity")}
            hint={t("events.form.capacityHint")}
            {...capacityInput}
          />
          <TextField
            field={fields.reminderHours}
            label={t("events.form.reminderHours")}
            hint={t("events.form.reminderHint")}
            type="number"
            min={1}
            max={336}
          />
        </div>
      </fieldset>

      <fieldset className="card">
        <legend>{t("events.form.registration")}</legend>
        <p className="muted small">{t("events.form.registrationHint")}</p>
        <div className="field-pair">
          <TextField
            field={fields.registrationOpensAt}
            label={t("events.form.registrationOpensAt")}
            type="datetime-local"
          />
          <TextField
            field={fields.registrationClosesAt}
            label={t("events.form.registrationClosesAt")}
            type="datetime-local"
          />
        </div>
      </fieldset>

      <fieldset className="card">
        <legend>{t("events.form.questionsTitle")}</legend>
        <p className="muted small">{t("events.form.questionsHint")}</p>
        <div className="field-pair">
          {eventQuestions.map((question) => (
            <SelectField
              key={question}
              field={questions[question]}
              label={t(`events.questions.${question}`)}
              choices={questionModes.map((mode) => ({
                value: mode,
                label: t(`events.questionMode.${mode}`),
              }))}
            />
          ))}
        </div>
      </fieldset>

      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}

/** Heading of the session pages: the way back, the event, and the window a session must fit in. */
export function SessionPageHead({
  event,
  title,
}: {
  event: {
    id: number;
    status: string;
    titleEn: string;
    titleHi: string;
    startsAt: Date | string;
    endsAt: Date | string;
  };
  title: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  return (
    <>
      <p>
        <Link to={`/events/${event.id}`}>{t("events.sessionForm.backToEvent")}</Link>
      </p>
      <h1>{title}</h1>
      <p id="event-window">
        {t("events.sessionForm.eventWindow", {
          event: localized(event, "title", lang),
          from: formatDateTime(new Date(event.startsAt), lang),
          to: formatDateTime(new Date(event.endsAt), lang),
        })}
      </p>
      {event.status === "published" ? (
        <p className="notice">{t("events.sessionForm.publishedNotice")}</p>
      ) : null}
    </>
  );
}

export type SessionFormDefaults = {
  kind: string;
  titleEn: string;
  titleHi: string;
  room: string;
  startsAt: string;
  endsAt: string;
  capacity: string;
  required: boolean;
  trainerIds: string[];
};

/** Another session a chosen trainer has at that time, as the model reports it (names only when visible). */
export type SessionClash = {
  trainerName: string;
  sessionTitleEn: string | null;
  sessionTitleHi: string | null;
  eventTitleEn: string | null;
  eventTitleHi: string | null;
  startsAt: Date | string;
  endsAt: Date | string;
};

export function SessionForm(
  props: FormProps<SessionFormDefaults> & {
    trainers: { id: number; name: string }[];
    clash?: SessionClash | null;
  },
) {
  const { trainers, clash, submitLabel } = props;
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [form, fields] = useSchemaForm(SessionFormSchema, props);
  const clashText = clash
    ? clash.sessionTitleEn
      ? t("events.sessionForm.clash", {
          trainer: clash.trainerName,
          session: localized(clash, "sessionTitle", lang),
          event: localized(clash, "eventTitle", lang),
          from: formatDateTime(new Date(clash.startsAt), lang),
          to: formatTime(new Date(clash.endsAt), lang),
        })
      : t("events.sessionForm.clashHidden", {
          trainer: clash.trainerName,
          from: formatDateTime(new Date(clash.startsAt), lang),
          to: formatTime(new Date(clash.endsAt), lang),
        })
    : null;

  return (
    <Form method="post" {...getFormProps(form)} className="session-form">
      <FormErrors form={form} />
      <div className="card">
        <SelectField
          field={fields.kind}
          label={t("events.sessionForm.kind")}
          choices={sessionKinds.map((kind) => ({ value: kind, label: t(`events.sessionKind.${kind}`) }))}
        />
        <div className="field-pair">
          <TextField field={fields.titleHi} label={t("events.sessionForm.titleHi")} lang="hi" />
          <TextField field={fields.titleEn} label={t("events.sessionForm.titleEn")} lang="en" />
        </div>
        <div className="field-pair">
          <TextField field={fields.startsAt} label={t("events.sessionForm.startsAt")} type="datetime-local" />
          <TextField field={fields.endsAt} label={t("events.sessionForm.endsAt")} type="datetime-local" />
        </div>
        <div className="field-pair">
          <TextField field={fields.room} label={t("events.sessionForm.room")} />
          <TextField
            field={fields.capacity}
            label={t("events.sessionForm.capacity")}
            hint={t("events.sessionForm.capacityHint")}
            {...capacityInput}
          />
        </div>
        <div className="field check">
          <label>
            <input {...getInputProps(fields.required, { type: "checkbox" })} />
            {t("events.sessionForm.required")}
          </label>
          <FieldError field={fields.required} />
        </div>
        <fieldset
          className="trainer-choices"
          aria-describedby={describedBy(fields.trainerIds, `${fields.trainerIds.id}-hint`)}
          aria-invalid={fields.trainerIds.errors?.length ? true : undefined}
        >
          <legend>{t("events.sessionForm.trainers")}</legend>
          <p id={`${fields.trainerIds.id}-hint`} className="muted small">
            {t("events.sessionForm.trainersHint")}
          </p>
          {trainers.length === 0 ? <p>{t("events.sessionForm.noTrainers")}</p> : null}
          {getCollectionProps(fields.trainerIds, {
            type: "checkbox",
            options: trainers.map((trainer) => String(trainer.id)),
          }).map(({ key, ...props }) => (
            <label key={key} className="choice">
              <input {...props} />
              {trainers.find((trainer) => String(trainer.id) === props.value)?.name}
            </label>
          ))}
          <FieldError field={fields.trainerIds}>{clashText}</FieldError>
        </fieldset>
      </div>
      <button type="submit" name="intent" value="save" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
