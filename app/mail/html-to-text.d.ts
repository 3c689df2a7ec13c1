// html-to-text ships no types: the one function render.server.ts uses.
declare module "html-to-text" {
  /** Compiles the options once; the returned function converts HTML to plain text with them. */
  export function compile(options?: Record<string, unknown>): (html: string) => string;
}
