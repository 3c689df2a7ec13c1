// How a person outside the viewer's scope is shown: enough to recognise someone the viewer already knows
// (initials, the last two digits of the phone), too little to learn who someone is or to reach them. No email.

/** A person as an organiser outside their scope sees them. */
export type MaskedPerson = { initials: string; phone: string | null };

const MAX_INITIALS = 3;
// The same number of dots whatever the number's length: the length is not shown either.
const PHONE_DOTS = "••••••••";

/** "Ramesh Kumar Sharma" → "R. K. S."; "रमेश शर्मा" → "र. श."; at most three initials. */
export function nameInitials(name: string): string {
  const initials = name
    .normalize("NFC")
    .split(/\s+/)
    .map((word) => /\p{L}/u.exec(word)?.[0])
    .filter((letter): letter is string => Boolean(letter))
    .slice(0, MAX_INITIALS)
    .map((letter) => `${letter.toLocaleUpperCase("en-IN")}.`);
  return initials.length ? initials.join(" ") : "?";
}

/** "+919829012345" → "••••••••45"; null without at least two digits. */
export function maskPhone(phone: string | null | undefined): string | null {
  const digits = (phone ?? "").replace(/\D/g, "");
  return digits.length >= 2 ? `${PHONE_DOTS}${digits.slice(-2)}` : null;
}

/** The masked form of a person: initials of the name and the phone's last two digits, never the email. */
export function maskPerson(person: { name: string; phone: string | null }): MaskedPerson {
  return { initials: nameInitials(person.name), phone: maskPhone(person.phone) };
}
