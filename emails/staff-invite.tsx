import { Button, Heading, Link, Text } from "@react-email/components";
import { button, heading, Layout, small, text } from "./_components/layout.tsx";
import { type EmailT, emailT, type Lang } from "./_components/t.ts";

type Level = "state" | "district" | "assembly" | "block" | "panchayat" | "booth";

export type StaffInviteEmailProps = {
  locale: Lang;
  name: string;
  inviterName: string;
  role: "admin" | "organiser" | "trainer";
  /** The unit whose subtree the account works in; null for admins and unscoped trainers. */
  scope: { code: string; level: Level; nameEn: string; nameHi: string } | null;
  url: string;
  expiresInMinutes: number;
};

/** "3 days", "12 hours" or "90 minutes": the largest unit that says the validity exactly. */
function expiry(t: EmailT, minutes: number): string {
  if (minutes % (24 * 60) === 0) return t("staffInvite.expiryDays", { count: minutes / (24 * 60) });
  if (minutes % 60 === 0) return t("staffInvite.expiryHours", { count: minutes / 60 });
  return t("staffInvite.expiryMinutes", { count: minutes });
}

/** What the account may do, in words: "organiser for Jaipur (district, RJ-JP)". */
function roleInWords(
  t: EmailT,
  lang: Lang,
  role: StaffInviteEmailProps["role"],
  scope: StaffInviteEmailProps["scope"],
) {
  if (role === "admin" || !scope) return t(`staffInvite.role_${role}`);
  const unit = t("staffInvite.unit", {
    name: lang === "hi" ? scope.nameHi : scope.nameEn,
    level: t(`staffInvite.level.${scope.level}`),
    code: scope.code,
  });
  return t(`staffInvite.scoped_${role}`, { unit });
}

/** The invitation to a new staff account: who invited them, what they may do, and a one-time sign-in link. */
export default function StaffInviteEmail({
  locale,
  name,
  inviterName,
  role,
  scope,
  url,
  expiresInMinutes,
}: StaffInviteEmailProps) {
  return (
    <Layout locale={locale} preview={emailT(locale)("staffInvite.preview", { inviter: inviterName })}>
      {(lang) => {
        const t = emailT(lang);
        return (
          <>
            <Heading as="h1" style={heading}>
              {t("staffInvite.heading")}
            </Heading>
            <Text style={text}>{t("staffInvite.greeting", { name })}</Text>
            <Text style={text}>{t("staffInvite.invitedBy", { inviter: inviterName })}</Text>
            <Text style={text}>
              <strong>{t("staffInvite.roleLabel")}</strong> {roleInWords(t, lang, role, scope)}
            </Text>
            <Text style={text}>{t("staffInvite.intro")}</Text>
            <Button href={url} style={button}>
              {t("staffInvite.button")}
            </Button>
            <Text style={text}>
              {t("staffInvite.expiry", { expiry: expiry(t, expiresInMinutes) })}{" "}
              {t("staffInvite.forWhom", { name })}
            </Text>
            {/* The raw link, for clients that block or mangle buttons. */}
            <Text style={small}>{t("staffInvite.rawLink")}</Text>
            <Text style={{ ...small, wordBreak: "break-all" }}>
              <Link href={url} style={{ color: "#b4490f" }}>
                {url}
              </Link>
            </Text>
            <Text style={small}>{t("staffInvite.later")}</Text>
            <Text style={small}>{t("staffInvite.ignore", { inviter: inviterName })}</Text>
          </>
        );
      }}
    </Layout>
  );
}

StaffInviteEmail.PreviewProps = {
  locale: "hi",
  name: "रमेश शर्मा",
  inviterName: "Demo Admin",
  role: "organiser",
  scope: { code: "RJ-JP", level: "district", nameEn: "Jaipur", nameHi: "जयपुर" },
  url: "https://shivir.example.org/sign-in/Zk3q9V0mXr2TQw7bLp4sYc8nHd1uEa6fGj5oKi0tRxM",
  expiresInMinutes: 72 * 60,
} satisfies StaffInviteEmailProps;
