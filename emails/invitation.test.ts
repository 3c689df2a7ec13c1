import { describe, expect, it } from "vitest";
import { renderEmail } from "#app/mail/render.server.ts";
import { templates } from "#app/mail/templates.server.tsx";
import InvitationEmail from "./invitation.tsx";

const { locale: _, ...props } = InvitationEmail.PreviewProps;
const url = props.url;
const render = (locale: "hi" | "en", p: unknown = props) =>
  renderEmail({ template: "invitation", locale, props: p });

describe("invitation email", () => {
  it("has a subject in both languages, the preferred one first", async () => {
    expect((await render("hi")).subject).toBe(
      "निमंत्रण: जयपुर जिला प्रशिक्षण शिविर · Invitation: Jaipur District Training Camp",
    );
    expect((await render("en")).subject).toBe(
      "Invitation: Jaipur District Training Camp · निमंत्रण: जयपुर जिला प्रशिक्षण शिविर",
    );
  });

  it("puts the preferred language first and says who is invited, through which committee", async () => {
    const { html, text } = await render("hi");
    expect(html).toContain('lang="hi"');
    expect(text.indexOf("आपको आमंत्रित किया गया है")).toBeLessThan(text.indexOf("Hello Sunita Verma,"));
    expect(text).toContain("नमस्ते सुनीता वर्मा जी,");
    expect(text).toContain("जयपुर जिला समिति के मंत्री के रूप में आपको जयपुर जिला प्रशिक्षण शिविर में आमंत्रित किया गया है।");
    expect(text).toContain(
      "As Secretary of Jaipur District Committee, you are invited to Jaipur District Training Camp.",
    );
  });

  it("gives the time in IST, the venue with its map, and the answer-by date", async () => {
    const { text } = await render("en");
    // 04:30–12:30 UTC is 10:00 am – 6:00 pm in India.
    expect(text).toMatch(/Thursday, 10 January 2030, 10:00\sam to 6:00\spm \(IST\)/);
    expect(text).toContain("Birla Auditorium");
    expect(text).toContain("Statue Circle, Jaipur 302001");
    expect(text).toContain("https://maps.example.org/?q=Birla+Auditorium+Jaipur");
    expect(text).toMatch(/Please answer by\s+8 Jan 2030, 6:00\spm/);
  });

  it("has the personal link as a button and in full, once per language, and a decline hint", async () => {
    const { html, text } = await render("en");
    expect(html.split(`href="${url}"`).length - 1).toBe(4);
    expect(text.split(url).length - 1).toBeGreaterThanOrEqual(2);
    expect(text).toContain("If you cannot come, please say so on the same page");
    expect(text).toContain("यदि आप नहीं आ पाएँगे");
  });

  it("mentions when registration opens only if that is still to come, and the map only if there is one", async () => {
    const later = await render("en", {
      ...props,
      event: { ...props.event, registrationOpensAt: "2029-12-20T03:30:00.000Z", venueMapUrl: null },
    });
    expect(later.text).toMatch(/Registration opens on 20 Dec 2029, 9:00\sam/);
    expect(later.text).not.toContain("Open the map");
    const open = await render("en", { ...props, event: { ...props.event, registrationOpensAt: null } });
    expect(open.text).not.toContain("Registration opens");
  });

  it("spells out both instants when the event spans days", async () => {
    const { text } = await render("en", {
      ...props,
      event: { ...props.event, endsAt: "2030-01-11T10:30:00.000Z" },
    });
    expect(text).toMatch(/10 Jan 2030, 10:00\sam to 11 Jan 2030, 4:00\spm \(IST\)/);
  });

  it("refuses props that do not fit (a plain-http map link, a missing title)", () => {
    const schema = templates.invitation.props;
    expect(schema.safeParse(props).success).toBe(true);
    expect(
      schema.safeParse({ ...props, event: { ...props.event, venueMapUrl: "http://maps.example.org" } })
        .success,
    ).toBe(false);
    expect(schema.safeParse({ ...props, event: { ...props.event, titleHi: " " } }).success).toBe(false);
  });
});
