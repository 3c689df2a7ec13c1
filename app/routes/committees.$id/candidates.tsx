// The people "find" turned up for "appoint existing", each with a form to appoint them: in full inside the
// organiser's scope (details correctable only when they are the organiser's), masked outside it.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { localized } from "#app/i18n/localized.ts";
import type { AppointCandidate } from "#app/models/organisation/committee.server.ts";
import { displayPhone } from "#app/models/organisation/committee.ts";
import type { LoaderData } from "./types.ts";

export type Found = { candidates: AppointCandidate[]; more: boolean };

/** The designations to choose from, as a plain select (one per found person's form). */
function PlainDesignationSelect({
  id,
  designations,
}: {
  id: string;
  designations: LoaderData["designations"];
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{t("committees.appoint.designation")}</label>
      <select id={id} name="designation" required defaultValue="">
        <option value="">{t("committees.appoint.chooseDesignation")}</option>
        {designations
          .filter((d) => d.active)
          .map((d) => (
            <option key={d.code} value={d.code}>
              {localized(d, "name", i18n.language)}
            </option>
          ))}
      </select>
    </div>
  );
}

/** Name, phone and email of a person in scope whose details are the organiser's, prefilled to correct. */
function CorrectDetails({ person }: { person: Extract<AppointCandidate, { inScope: true }> }) {
  const { t } = useTranslation();
  const id = (field: string) => `candidate-${person.id}-${field}`;
  const fields = [
    { name: "name", label: t("committees.appoint.name"), value: person.name, type: "text" },
    { name: "nameHi", label: t("committees.appoint.nameHi"), value: person.nameHi, type: "text" },
    { name: "phone", label: t("committees.appoint.phone"), value: person.phone, type: "tel" },
    { name: "email", label: t("committees.appoint.email"), value: person.email, type: "email" },
  ];
  return (
    <fieldset>
      <legend>{t("committees.appoint.correctDetails")}</legend>
      {fields.map((f) => (
        <div className="field" key={f.name}>
          <label htmlFor={id(f.name)}>{f.label}</label>
          <input
            id={id(f.name)}
            name={f.name}
            type={f.type}
            defaultValue={f.value ?? ""}
            autoComplete="off"
            lang={f.name === "nameHi" ? "hi" : undefined}
          />
        </div>
      ))}
    </fieldset>
  );
}

/**
 * One person the search found. Inside the organiser's scope: name and contact details (editable only when
 * they are the organiser's). Outside it: initials and two digits, no email, nothing to edit; the form sends
 * back the phone or email the organiser typed, never an id.
 */
function Candidate({
  person,
  designations,
}: {
  person: AppointCandidate;
  designations: LoaderData["designations"];
}) {
  const { t } = useTranslation();
  const key = person.inScope ? `p${person.id}` : "masked";
  return (
    <li className="candidate" data-in-scope={person.inScope ? "yes" : "no"}>
      {person.inScope ? (
        <>
          <p>
            <strong>{person.name}</strong>
            {person.nameHi ? <span lang="hi"> · {person.nameHi}</span> : null}
          </p>
          <p className="small">
            {[person.phone ? displayPhone(person.phone) : null, person.email].filter(Boolean).join(" · ")}
          </p>
        </>
      ) : (
        <>
          <p>
            <strong>{person.initials}</strong>
            {person.phone ? `, ${t("committees.appoint.maskedPhone", { phone: person.phone })}` : null}
          </p>
          <p className="muted small">{t("committees.appoint.outsideScope")}</p>
        </>
      )}
      {person.inScope && person.alreadyMember ? (
        <p className="muted">{t("committees.appoint.alreadyMember")}</p>
      ) : (
        <Form method="post">
          {person.inScope ? (
            <input type="hidden" name="appointeeId" value={person.id} />
          ) : (
            <input type="hidden" name="contact" value={person.contact} />
          )}
          {person.inScope && person.contactsEditable ? <CorrectDetails person={person} /> : null}
          {person.inScope && !person.contactsEditable ? (
            <p className="muted small">{t("committees.appoint.detailsElsewhere")}</p>
          ) : null}
          <PlainDesignationSelect id={`candidate-${key}-designation`} designations={designations} />
          <button type="submit" name="intent" value="appoint-existing" className="button">
            {t("committees.appoint.submit")}
          </button>
        </Form>
      )}
    </li>
  );
}

export function Candidates({
  found,
  designations,
}: {
  found: Found;
  designations: LoaderData["designations"];
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="candidates-title">
      <h4 id="candidates-title">{t("committees.appoint.candidatesTitle")}</h4>
      {found.candidates.length === 0 ? (
        <p className="muted">{t("committees.appoint.noCandidates")}</p>
      ) : (
        <ul className="candidates">
          {found.candidates.map((person) => (
            <Candidate
              key={person.inScope ? person.id : "masked"}
              person={person}
              designations={designations}
            />
          ))}
        </ul>
      )}
      {found.more ? <p className="muted small">{t("committees.appoint.moreCandidates")}</p> : null}
    </section>
  );
}
