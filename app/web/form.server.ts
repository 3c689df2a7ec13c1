// Every action reads its form through here: a body that is not a form is a 400 (not a crash), a form of more
// fields than any page has is a 413, and control characters are removed from text fields before any schema
// sees them (PostgreSQL text cannot hold NUL, and nothing a person types needs the others). Tab and line
// breaks stay. The body's size is capped by the server before it gets here (app/web/http/body-limits).
import { MAX_FORM_FIELDS } from "./http/body-limits.server.ts";

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

export function withoutControlCharacters(value: string): string {
  return value.replace(controlCharacters, "");
}

const unreadable = () => new Response("The form could not be read · फ़ॉर्म पढ़ा नहीं जा सका", { status: 400 });
const tooManyFields = () =>
  new Response(`The form has more than ${MAX_FORM_FIELDS} fields · फ़ॉर्म में ${MAX_FORM_FIELDS} से अधिक फ़ील्ड हैं`, {
    status: 413,
  });

/** The request's form, cleaned; throws a 400 or 413 Response for a body that is not one we take. */
export async function readForm(request: Request): Promise<FormData> {
  const form = await parseForm(request);
  const clean = new FormData();
  let fields = 0;
  for (const [name, value] of form) {
    if (++fields > MAX_FORM_FIELDS) throw tooManyFields();
    clean.append(
      withoutControlCharacters(name),
      typeof value === "string" ? withoutControlCharacters(value) : value,
    );
  }
  return clean;
}

async function parseForm(request: Request): Promise<FormData> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    try {
      return await request.formData();
    } catch {
      throw unreadable();
    }
  }
  // Counted before parsing, so that a million empty fields never become a million entries.
  let text: string;
  try {
    text = await request.text();
  } catch {
    throw unreadable();
  }
  let separators = 0;
  for (let at = text.indexOf("&"); at !== -1; at = text.indexOf("&", at + 1))
    if (++separators >= MAX_FORM_FIELDS) throw tooManyFields();
  const form = new FormData();
  for (const [name, value] of new URLSearchParams(text)) form.append(name, value);
  return form;
}
