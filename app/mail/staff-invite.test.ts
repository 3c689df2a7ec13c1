import { describe, expect, it } from "vitest";
import StaffInviteEmail from "#emails/staff-invite.tsx";
import { renderEmail } from "./render.server.ts";
import { templates } from "./templates.server.tsx";

const url = "https://shivir.example.org/sign-in/Zk3q9V0mXr2TQw7bLp4sYc8nHd1uEa6fGj5oKi0tRxM";
const props = {
  name: "रमेश शर्मा",
  inviterName: "Demo Admin",
  role: "organiser",
  scope: { code: "RJ-JP", level: "district", nameEn: "Jaipur", nameHi: "जयपुर" },
  url,
  expiresInMinutes: 72 * 60,
};
const invite = (locale: "hi" | "en", p: unknown = props) =>
  renderEmail({ template: "staff-invite", locale, props: p });

const hiHeading = "शिविर में आपका स्वागत है";
const enHeading = "Welcome to Shivir";

describe("staff invitation email", () => {
  it("puts the preferred language first, in the HTML and the text", async () => {
    for (const [locale, first, second] of [
      ["hi", hiHeading, enHeading],
      ["en", enHeading, hiHeading],
    ] as const) {
      const { html, text } = await invite(locale);
      expect(html).toContain(`<html dir="ltr" lang="${locale}"`);
      for (const part of [html, text]) {
        expect(part.indexOf(first)).toBeGreaterThanOrEqual(0);
        expect(part.indexOf(first)).toBeLessThan(part.indexOf(second));
      }
    }
  });

  it("has the link as a button and in full, in both languages, in the HTML and the text", async () => {
    for (const locale of ["hi", "en"] as const) {
      const { html, text } = await invite(locale);
      // A button and the raw link, once per language.
      expect(html.split(`href="${url}"`).length - 1).toBe(4);
      expect(html).toContain(`>${url}</a>`);
      expect(text.split(url).length - 1).toBeGreaterThanOrEqual(2);
    }
  });

  it("says who invited them, their role and scope in words, and that the link works once for 3 days", async () => {
    const { text } = await invite("hi");
    expect(text).toContain("नमस्ते रमेश शर्मा जी,");
    expect(text).toContain("Hello रमेश शर्मा,");
    expect(text).toContain("Demo Admin ने आपके संगठन के प्रशिक्षण पोर्टल शिविर में आपके लिए स्टाफ़ खाता बनाया है।");
    expect(text).toContain("Demo Admin has created a staff account for you in Shivir");
    expect(text).toContain("जयपुर (जिला, कोड RJ-JP) के आयोजक");
    expect(text).toContain("organiser for Jaipur (district, code RJ-JP)");
    expect(text).toContain("यह लिंक केवल एक बार काम करेगा और 3 दिन में समाप्त हो जाएगा।");
    expect(text).toContain("This link works only once and expires in 3 days.");
  });

  it("describes an admin and an unscoped trainer without a unit, and other validity periods exactly", async () => {
    const admin = await invite("en", { ...props, role: "admin", scope: null, expiresInMinutes: 24 * 60 });
    expect(admin.text).toContain("administrator. You can see and change the whole organisation");
    expect(admin.text).toContain("expires in 1 day.");
    const trainer = await invite("en", { ...props, role: "trainer", scope: null, expiresInMinutes: 90 });
    expect(trainer.text).toContain("Your role: trainer. You mark attendance at training sessions.");
    expect(trainer.text).toContain("expires in 90 minutes.");
    expect(trainer.text).toContain("प्रशिक्षक। आप प्रशिक्षण सत्रों में उपस्थिति दर्ज करते हैं।");
    const hours = await invite("en", { ...props, expiresInMinutes: 120 });
    expect(hours.text).toContain("expires in 2 hours.");
  });

  it("gives a bilingual subject, the preferred language first", async () => {
    expect((await invite("hi")).subject).toBe("शिविर में आपको आमंत्रित किया गया है · You are invited to Shivir");
    expect((await invite("en")).subject).toBe("You are invited to Shivir · शिविर में आपको आमंत्रित किया गया है");
  });

  it("escapes names", async () => {
    const name = '<img src=x onerror="alert(1)">';
    const { html } = await invite("en", { ...props, name, inviterName: name });
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;img");
  });

  it("rejects bad props", async () => {
    for (const bad of [
      { ...props, url: "javascript:alert(1)" },
      { ...props, role: "boss" },
      { ...props, inviterName: "" },
      { ...props, scope: { ...props.scope, level: "planet" } },
      { ...props, expiresInMinutes: 0 },
    ])
      await expect(invite("hi", bad)).rejects.toThrow('Bad props for email template "staff-invite"');
  });

  it("has PreviewProps that the registry accepts", () => {
    const { locale: _, ...preview } = StaffInviteEmail.PreviewProps;
    expect(templates["staff-invite"].props.safeParse(preview).success).toBe(true);
  });
});
