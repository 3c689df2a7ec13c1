import { performance } from "node:perf_hooks";
import { renderEmail } from "#app/mail/render.server.ts";
import SignInLinkEmail from "#emails/sign-in-link.tsx";
import type { Bench } from "./run.ts";

// The sign-in email as the mail worker renders it: validated props, bilingual HTML and the text part.
const { locale, ...props } = SignInLinkEmail.PreviewProps;
const renderOnce = () => renderEmail({ template: "sign-in-link", locale, props });

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export default {
  figures: ["render_ms_median"],
  async run() {
    for (let i = 0; i < 50; i++) await renderOnce(); // warm up the JIT and the lazy imports
    const times: number[] = [];
    for (let i = 0; i < 500; i++) {
      const start = performance.now();
      await renderOnce();
      times.push(performance.now() - start);
    }
    return [{ name: "render_ms_median", value: median(times), unit: "ms" }];
  },
} satisfies Bench;
