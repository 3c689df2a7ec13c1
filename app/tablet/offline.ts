// Installs the tablet's service worker (public/tablet-sw.js) and hands it the page and the files this
// page loaded before the worker controlled it, so the next reload works without network.

export async function keepPageOffline(): Promise<void> {
  if (!("serviceWorker" in navigator)) return;
  await navigator.serviceWorker.register("/tablet-sw.js", { scope: "/tablet" });
  const registration = await navigator.serviceWorker.ready;
  const built = performance
    .getEntriesByType("resource")
    .map((entry) => new URL(entry.name))
    .filter((url) => url.origin === location.origin && url.pathname.startsWith("/build/"))
    .map((url) => url.pathname);
  registration.active?.postMessage({ type: "cache", urls: [location.pathname, ...built] });
}
