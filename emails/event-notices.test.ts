// The event notices (updated, cancelled, reminder) as they are rendered for sending.
import { describe, expect, it } from "vitest";
import { renderEmail } from "#app/mail/render.server.ts";
import { templates } from "#app/mail/templates.server.tsx";
import EventCancelledEmail from "./event-cancelled.tsx";
import EventReminderEmail from "./event-reminder.tsx";
import EventUpdatedEmail from "./event-updated.tsx";

const previews = {
  "event-updated": EventUpdatedEmail.PreviewProps,
  "event-cancelled": EventCancelledEmail.PreviewProps,
  "event-reminder": EventReminderEmail.PreviewProps,
} as const;

const render = (template: keyof typeof previews, locale: "hi" | "en", props: object = {}) =>
  renderEmail({ template, locale, props: { ...previews[template], ...props } });

describe("event notice emails", () => {
  it("accept their preview props and put the preferred language first, in the subject and the body", async () => {
    for (const template of Object.keys(previews) as (keyof typeof previews)[]) {
      expect(() => templates[template].props.parse(previews[template])).not.toThrow();
      for (const [locale, first, second] of [
        ["hi", "जयपुर जिला प्रशिक्षण शिविर", "Jaipur district training camp"],
        ["en", "Jaipur district training camp", "जयपुर जिला प्रशिक्षण शिविर"],
      ] as const) {
        const { subject, text, html } = await render(template, locale);
        expect(subject.indexOf(first), `${template} ${locale}`).toBeGreaterThanOrEqual(0);
        expect(subject.indexOf(first)).toBeLessThan(subject.indexOf(second));
        expect(text.indexOf(first)).toBeLessThan(text.indexOf(second));
        expect(html).toContain(`<html dir="ltr" lang="${locale}"`);
      }
    }
  });

  it("tells a registrant what changed, old and new, in IST", async () => {
    const { text } = await render("event-updated", "en");
    // 04:30Z is 10:00 IST; the old date was 10 December, the new one 12 December.
    expect(text).toContain("New time: Saturday, 12 December 2026, 10:00 am – 6:00 pm");
    expect(text).toContain("Before: Thursday, 10 December 2026, 10:00 am – 6:00 pm");
    expect(text).toContain("New venue: बिड़ला सभागार, Statue Circle, Jaipur");
    expect(text).toContain("Before: जवाहर कला केंद्र, JLN Marg, Jaipur");
    expect(text).toContain("नया समय: शनिवार, 12 दिसंबर 2026");
    expect(text).toContain(EventUpdatedEmail.PreviewProps.invitationUrl);
  });

  it("shows only what changed, and a general line when neither time nor venue did", async () => {
    const venueOnly = await render("event-updated", "en", { changed: { time: false, venue: true } });
    expect(venueOnly.text).not.toContain("New time:");
    expect(venueOnly.text).toContain("When: Saturday, 12 December 2026");
    expect(venueOnly.text).toContain("New venue:");
    const neither = await render("event-updated", "en", { changed: { time: false, venue: false } });
    expect(neither.text).not.toContain("Before:");
    expect(neither.text).toContain("Some details of the event have been updated.");
    const noLink = await render("event-updated", "en", { invitationUrl: null });
    expect(noLink.text).not.toContain("/i/");
  });

  it("writes both dates of an event that spans days", async () => {
    const { text } = await render("event-reminder", "en", {
      event: { ...previews["event-reminder"].event, endsAt: "2026-12-13T08:30:00.000Z" },
    });
    expect(text).toContain("When: 12 Dec 2026, 10:00 am – 13 Dec 2026, 2:00 pm");
  });

  it("cancels with the reason when there is one, and tells registrants and invitees apart", async () => {
    const registrant = await render("event-cancelled", "en");
    expect(registrant.text).toContain("भारी बारिश की चेतावनी के कारण।");
    expect(registrant.text).toContain("removes the event from your calendar");
    const invitee = await render("event-cancelled", "en", { registered: false, reason: "" });
    expect(invitee.text).not.toContain("Reason given");
    expect(invitee.text).toContain("You do not need to do anything.");
    expect(invitee.text).not.toContain("removes the event from your calendar");
  });

  it("refuses props that would send a broken message", () => {
    const bad = [
      ["event-updated", { ...previews["event-updated"], invitationUrl: "javascript:alert(1)" }],
      ["event-cancelled", { ...previews["event-cancelled"], reason: "x".repeat(501) }],
      [
        "event-reminder",
        {
          ...previews["event-reminder"],
          event: { ...previews["event-reminder"].event, startsAt: "tomorrow" },
        },
      ],
    ] as const;
    for (const [template, props] of bad)
      expect(templates[template].props.safeParse(props).success).toBe(false);
  });
});
