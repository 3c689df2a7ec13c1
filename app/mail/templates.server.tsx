import type { ComponentType } from "react";
import { z } from "zod";
import { bilingual, type Lang } from "#emails/_components/t.ts";
import SignInLinkEmail from "#emails/sign-in-link.tsx";
import StaffInviteEmail from "#emails/staff-invite.tsx";

type Template<S extends z.ZodType> = {
  component: ComponentType<z.output<S> & { locale: Lang }>;
  /** Both languages, the preferred one first: the recipient may read either. */
  subject(locale: Lang, props: z.output<S>): string;
  /** Checked before rendering: the props come from the mail queue, i.e. from outside the type system. */
  props: S;
};

// Checks that an entry's component, subject and schema agree, and keeps the entry's own schema type.
const template = <S extends z.ZodType>(entry: Template<S>) => entry;

export const templates = {
  "sign-in-link": template({
    component: SignInLinkEmail,
    subject: (locale) => bilingual(locale, "signIn.subject"),
    props: z.object({
      name: z.string().trim().min(1).max(200),
      url: z.url({ protocol: /^https?$/ }),
      expiresInMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60),
    }),
  }),
  "staff-invite": template({
    component: StaffInviteEmail,
    subject: (locale) => bilingual(locale, "staffInvite.subject"),
    props: z.object({
      name: z.string().trim().min(1).max(200),
      inviterName: z.string().trim().min(1).max(200),
      role: z.enum(["admin", "organiser", "trainer"]),
      scope: z
        .object({
          code: z.string().min(1).max(40),
          level: z.enum(["state", "district", "assembly", "block", "panchayat", "booth"]),
          nameEn: z.string().min(1).max(200),
          nameHi: z.string().min(1).max(200),
        })
        .nullable(),
      url: z.url({ protocol: /^https?$/ }),
      expiresInMinutes: z
        .number()
        .int()
        .min(1)
        .max(30 * 24 * 60),
    }),
  }),
};

export type TemplateName = keyof typeof templates;
export type TemplateProps<N extends TemplateName> = z.output<(typeof templates)[N]["props"]>;
