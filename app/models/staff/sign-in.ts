import { z } from "zod";

// Error messages are translation keys: the page shows them in the reader's language.
export const SignInRequestSchema = z.object({
  email: z
    .string({ error: "auth.emailInvalid" })
    .trim()
    .toLowerCase()
    .max(254, { error: "auth.emailInvalid" })
    .pipe(z.email({ error: "auth.emailInvalid" })),
});
