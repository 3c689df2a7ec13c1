import { Button, Heading, Link, Text } from "@react-email/components";
import { button, heading, Layout, small, text } from "./_components/layout.tsx";
import { emailT, type Lang } from "./_components/t.ts";

export type SignInLinkEmailProps = { locale: Lang; name: string; url: string; expiresInMinutes: number };

/** The staff sign-in email: a one-time link, in the preferred language first and the other below. */
export default function SignInLinkEmail({ locale, name, url, expiresInMinutes }: SignInLinkEmailProps) {
  return (
    <Layout locale={locale} preview={emailT(locale)("signIn.preview", { count: expiresInMinutes })}>
      {(lang) => {
        const t = emailT(lang);
        return (
          <>
            <Heading as="h1" style={heading}>
              {t("signIn.heading")}
            </Heading>
            <Text style={text}>{t("signIn.greeting", { name })}</Text>
            <Text style={text}>{t("signIn.intro")}</Text>
            <Button href={url} style={button}>
              {t("signIn.button")}
            </Button>
            <Text style={text}>
              {t("signIn.expiry", { count: expiresInMinutes })} {t("signIn.forWhom", { name })}
            </Text>
            {/* The raw link, for clients that block or mangle buttons. */}
            <Text style={small}>{t("signIn.rawLink")}</Text>
            <Text style={{ ...small, wordBreak: "break-all" }}>
              <Link href={url} style={{ color: "#b4490f" }}>
                {url}
              </Link>
            </Text>
            <Text style={small}>{t("signIn.ignore")}</Text>
          </>
        );
      }}
    </Layout>
  );
}

SignInLinkEmail.PreviewProps = {
  locale: "hi",
  name: "सुनीता वर्मा",
  url: "https://shivir.example.org/auth/sign-in/6f1c2a9e4b7d8e0f3a5c1b2d4e6f7a8b",
  expiresInMinutes: 15,
} satisfies SignInLinkEmailProps;
