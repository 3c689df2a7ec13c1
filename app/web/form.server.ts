// Every action reads its form through here: a body that is not a form is a 400 (not a crash), and control
// characters are removed from text fields before any schema sees them (PostgreSQL text cannot hold NUL, and
// nothing a person types needs the others). Tab and line breaks stay.

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

export function withoutControlCharacters(value: string): string {
  return value.replace(controlCharacters, "");
}

export async function readForm(request: Request): Promise<FormData> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new Response("The form could not be read · फ़ॉर्म पढ़ा नहीं जा सका", { status: 400 });
  }
  const clean = new FormData();
  for (const [name, value] of form) {
    clean.append(
      withoutControlCharacters(name),
      typeof value === "string" ? withoutControlCharacters(value) : value,
    );
  }
  return clean;
}
