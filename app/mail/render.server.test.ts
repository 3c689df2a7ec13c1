import { render } from "@react-email/render";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import SignInLinkEmail from "#emails/sign-in-link.tsx";
import { renderEmail } from "./render.server.ts";
import { type TemplateName, templates } from "./templates.server.tsx";

const url = "https://shivir.example.org/auth/sign-in/6f1c2a9e4b7d8e0f";
const props = { name: "सुनीता वर्मा", url, expiresInMinutes: 15 };
const signIn = (locale: "hi" | "en", p: unknown = props) =>
  renderEmail({ template: "sign-in-link", locale, props: p });

const hiHeading = "शिविर में साइन इन करें";
const enHeading = "Sign in to Shivir";

describe("renderEmail", () => {
  it("puts Hindi first for a Hindi reader, in the HTML and the text", async () => {
    const { html, text } = await signIn("hi");
    expect(html).toContain('<html dir="ltr" lang="hi"');
    // Laid out at a phone's width, where most appointees read it.
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"');
    for (const part of [html, text]) {
      expect(part.indexOf(hiHeading)).toBeGreaterThanOrEqual(0);
      expect(part.indexOf(hiHeading)).toBeLessThan(part.indexOf(enHeading));
    }
    expect(html.indexOf('lang="hi"><tbody>')).toBeLessThan(html.indexOf('lang="en"><tbody>'));
  });

  it("puts English first for an English reader, in the HTML and the text", async () => {
    const { html, text } = await signIn("en");
    expect(html).toContain('<html dir="ltr" lang="en"');
    for (const part of [html, text]) {
      expect(part.indexOf(enHeading)).toBeGreaterThanOrEqual(0);
      expect(part.indexOf(enHeading)).toBeLessThan(part.indexOf(hiHeading));
    }
  });

  it("gives the link as a button and in full, and says it expires and works once, in both languages", async () => {
    const { html, text } = await signIn("hi");
    expect(html).toContain(`href="${url}"`);
    expect(html).toContain(`>${url}</a>`);
    expect(text).toContain(url);
    expect(text).toContain("15 मिनट में समाप्त हो जाएगा और केवल एक बार काम करेगा");
    expect(text).toContain("expires in 15 minutes and works only once");
    expect(text).toContain("नमस्ते सुनीता वर्मा जी,");
    expect(text).toContain("Hello सुनीता वर्मा,");
  });

  it("uses the singular for one minute", async () => {
    const { text } = await signIn("en", { ...props, expiresInMinutes: 1 });
    expect(text).toContain("expires in 1 minute and");
  });

  it("escapes props and does not interpolate them again", async () => {
    const name = '<script>alert("x")</script> {{count}} $t(signIn.button)';
    const { html, text } = await signIn("en", { ...props, name });
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
    expect(text).toContain(`Hello ${name},`);
  });

  it("gives a bilingual subject, the preferred language first", async () => {
    expect((await signIn("hi")).subject).toBe("शिविर में साइन इन करें · Sign in to Shivir");
    expect((await signIn("en")).subject).toBe("Sign in to Shivir · शिविर में साइन इन करें");
  });

  it("rejects an unknown template", async () => {
    await expect(renderEmail({ template: "nope", locale: "hi", props })).rejects.toThrow(
      'Unknown email template "nope"',
    );
    await expect(renderEmail({ template: "toString", locale: "hi", props })).rejects.toThrow(
      "Unknown email template",
    );
  });

  it("rejects bad props, naming the field", async () => {
    for (const bad of [
      null,
      { ...props, url: "javascript:alert(1)" },
      { ...props, name: " " },
      { ...props, expiresInMinutes: 0 },
    ])
      await expect(signIn("hi", bad)).rejects.toThrow('Bad props for email template "sign-in-link"');
    await expect(signIn("hi", { ...props, url: undefined })).rejects.toThrow(/url/);
  });

  it("makes the same text as render(el, { plainText: true }), with one render less", async () => {
    const { text } = await signIn("hi");
    const element = createElement(SignInLinkEmail, { ...props, locale: "hi" });
    const htmlToTextOptions = { selectors: [{ selector: "h1", options: { uppercase: false } }] };
    expect(text).toBe(await render(element, { plainText: true, htmlToTextOptions }));
  });

  it("makes the same HTML and text as React Email's render() for every template, in both languages", async () => {
    const htmlToTextOptions = { selectors: [{ selector: "h1", options: { uppercase: false } }] };
    for (const name of Object.keys(templates) as TemplateName[]) {
      const component = templates[name].component as unknown as {
        (props: Record<string, unknown>): React.ReactNode;
        PreviewProps: Record<string, unknown>;
      };
      const { locale: _, ...preview } = component.PreviewProps;
      for (const locale of ["hi", "en"] as const) {
        const parsed = templates[name].props.parse(preview) as Record<string, unknown>;
        const element = createElement(component, { ...parsed, locale });
        const rendered = await renderEmail({ template: name, locale, props: preview });
        // render() streams: it marks its Suspense boundary and the seams between adjacent texts with comments
        // that the static markup has no use for.
        const streamed = (await render(element)).replace(/<!--(\/?\$| )-->/g, "");
        expect(rendered.html, `${name} (${locale})`).toBe(streamed);
        expect(rendered.text, `${name} (${locale})`).toBe(
          await render(element, { plainText: true, htmlToTextOptions }),
        );
      }
    }
  }, 30_000);
});
