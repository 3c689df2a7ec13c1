import { describe, expect, it } from "vitest";
import RegistrationCancelledEmail from "#emails/registration-cancelled.tsx";
import RegistrationConfirmedEmail from "#emails/registration-confirmed.tsx";
import { renderEmail } from "./render.server.ts";

const confirmed = RegistrationConfirmedEmail.PreviewProps;
const cancelled = RegistrationCancelledEmail.PreviewProps;
const { locale: _c, ...confirmedProps } = confirmed;
const { locale: _x, ...cancelledProps } = cancelled;

describe("registration emails", () => {
  it("confirms a seat in both languages, preferred first, with the pass image, calendar links and the personal link", async () => {
    for (const [locale, first, second] of [
      ["hi", "आपका पंजीकरण हो गया है", "You are registered"],
      ["en", "You are registered", "आपका पंजीकरण हो गया है"],
    ] as const) {
      const { subject, html, text } = await renderEmail({
        template: "registration-confirmed",
        locale,
        props: confirmedProps,
      });
      expect(subject).toBe(
        locale === "hi"
          ? "पंजीकरण हो गया: जयपुर जिला प्रशिक्षण शिविर · Registered: Jaipur District Training Camp"
          : "Registered: Jaipur District Training Camp · पंजीकरण हो गया: जयपुर जिला प्रशिक्षण शिविर",
      );
      expect(html.indexOf(first)).toBeLessThan(html.indexOf(second));
      // The pass as an image from the personal link (not a data: URL), once per language.
      expect(html.split(`src="${confirmed.passImageUrl}"`).length - 1).toBe(2);
      expect(html).not.toContain("data:image");
      expect(html).toContain(`href="${confirmed.googleCalendarUrls.hi.replaceAll("&", "&amp;")}"`);
      expect(html).toContain(`href="${confirmed.googleCalendarUrls.en.replaceAll("&", "&amp;")}"`);
      expect(html).toContain(`href="${confirmed.webcalUrl}"`);
      expect(text).toContain(confirmed.url);
      // Times in IST: 10:00 am on 10 January 2030.
      expect(text).toMatch(/10:00 am/i);
    }
  });

  it("says when the seat came from the waitlist", async () => {
    const { subject, html } = await renderEmail({
      template: "waitlist-promoted",
      locale: "en",
      props: confirmedProps,
    });
    expect(subject).toMatch(/^A seat for you: Jaipur District Training Camp · आपके लिए सीट:/);
    expect(html).toContain("you were next on the waitlist");
    expect(html).toContain("प्रतीक्षा सूची में अगला नाम आपका था");
  });

  it("tells cancelled, cancelled by the organisers, and moved to the waitlist apart", async () => {
    const self = await renderEmail({
      template: "registration-cancelled",
      locale: "en",
      props: cancelledProps,
    });
    expect(self.subject).toMatch(/^Registration cancelled: /);
    expect(self.html).toContain("As you asked");
    expect(self.html).toContain("register again");
    const organiser = await renderEmail({
      template: "registration-cancelled",
      locale: "en",
      props: { ...cancelledProps, byOrganiser: true },
    });
    expect(organiser.html).toContain("The organisers have cancelled");
    const moved = await renderEmail({
      template: "registration-cancelled",
      locale: "hi",
      props: { ...cancelledProps, byOrganiser: true, waitlistPosition: 3 },
    });
    expect(moved.subject).toMatch(/^प्रतीक्षा सूची में: /);
    expect(moved.html).toContain("आप 3 नंबर पर हैं");
    expect(moved.html).toContain("You are number 3");
  });

  it("tells a person whose invitation was withdrawn so, without a link that no longer works", async () => {
    const revoked = await renderEmail({
      template: "registration-cancelled",
      locale: "hi",
      props: { ...cancelledProps, byOrganiser: true, revoked: true },
    });
    expect(revoked.html).toContain("निमंत्रण वापस ले लिया है");
    expect(revoked.html).toContain("withdrawn your invitation");
    expect(revoked.html).not.toContain(cancelledProps.url);
    expect(revoked.text).not.toContain("register again");
  });

  it("refuses props that are not what the template takes", async () => {
    await expect(
      renderEmail({
        template: "registration-confirmed",
        locale: "hi",
        props: { ...confirmedProps, webcalUrl: "javascript:alert(1)" },
      }),
    ).rejects.toThrow();
  });
});
