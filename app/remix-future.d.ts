import "@remix-run/node";

// Typed loader data for Remix's single fetch (enabled in remix.config.js).
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
