import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { CSSProperties, ReactNode } from "react";
import { emailT, type Lang, otherLang } from "./t.ts";

// Devanagari first: clients without Noto fall back to Windows' Mangal/Nirmala UI rather than a font
// that has no Devanagari glyphs.
const fontFamily = '"Noto Sans Devanagari", "Mangal", "Nirmala UI", Arial, sans-serif';

/**
 * Every email, in both languages: the recipient's preferred language first, then the other one below
 * a divider. Each block carries its `lang` so screen readers and fonts pick the right language.
 */
export function Layout({
  locale,
  preview,
  children,
}: {
  locale: Lang;
  preview: string;
  children: (lang: Lang) => ReactNode;
}) {
  const other = otherLang(locale);
  const [t, tOther] = [emailT(locale), emailT(other)];
  return (
    <Html lang={locale}>
      <Head>
        {/* Most appointees read on a phone: lay the message out at the screen's width. */}
        <meta name="viewport" content="width=device-width, initial-scale=1" />
      </Head>
      <Body style={body}>
        {/* Inside the body: a <div> between head and body is invalid HTML. */}
        <Preview>{preview}</Preview>
        <Container style={container}>
          <Text style={brand}>
            <span lang={locale}>{t("layout.name")}</span> · <span lang={other}>{tOther("layout.name")}</span>
          </Text>
          <Text lang={other} style={note}>
            {tOther("layout.versionBelow")}
          </Text>
          <Section lang={locale}>{children(locale)}</Section>
          <Hr style={divider} />
          <Section lang={other}>{children(other)}</Section>
          <Hr style={divider} />
          <Section style={footer}>
            {[locale, other].map((lang) => (
              <Text key={lang} lang={lang} style={footerText}>
                {emailT(lang)("layout.footerReason")}
              </Text>
            ))}
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

/** Body text; Devanagari needs the taller line height for its vowel signs. */
export const text: CSSProperties = { fontSize: "16px", lineHeight: "26px", color: "#1f2933" };

const body: CSSProperties = { backgroundColor: "#f4f1ea", fontFamily, margin: 0, padding: "24px 0" };
const container: CSSProperties = {
  backgroundColor: "#ffffff",
  maxWidth: "600px",
  padding: "24px 32px",
  borderRadius: "8px",
};
const brand: CSSProperties = { fontSize: "20px", fontWeight: 700, color: "#b4490f", margin: "0 0 8px" };
const note: CSSProperties = { fontSize: "13px", lineHeight: "20px", color: "#52606d", margin: "0 0 16px" };
const divider: CSSProperties = { borderColor: "#e4ddd0", margin: "24px 0" };
const footer: CSSProperties = { color: "#52606d" };
const footerText: CSSProperties = { fontSize: "12px", lineHeight: "20px", margin: "0 0 8px" };

// Shared by every template: one look for headings, the main button and the small print.
export const heading: CSSProperties = {
  fontSize: "24px",
  lineHeight: "34px",
  color: "#1f2933",
  margin: "0 0 16px",
};
export const button: CSSProperties = {
  backgroundColor: "#b4490f",
  color: "#ffffff",
  fontSize: "16px",
  fontWeight: 700,
  padding: "12px 24px",
  borderRadius: "6px",
  textDecoration: "none",
};
export const small: CSSProperties = {
  fontSize: "14px",
  lineHeight: "22px",
  color: "#52606d",
  margin: "8px 0",
};
export const linkStyle: CSSProperties = { color: "#b4490f" };
