// The tablet's service worker (scope /tablet): keeps the roster pages and the app's files on the tablet so
// a reload without network still opens the roster. The roster data and marks live in IndexedDB
// (app/tablet/store.ts); this worker only serves pages and files.
// Pages: network first (fresh sign-in state and build), the stored copy when the network fails or hangs.
// Built files (/build/, hashed names, never change): stored copy first.
const CACHE = "shivir-tablet-v1";
const PAGE_TIMEOUT_MS = 4000;

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

// The page sends the files it loaded before this worker controlled it.
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "cache" && Array.isArray(event.data.urls)) {
    event.waitUntil(storeAll(event.data.urls));
  }
});

function pageKey(url) {
  return new URL(url, self.location.origin).pathname;
}

function sameOrigin(url) {
  return new URL(url, self.location.origin).origin === self.location.origin;
}

async function storeAll(urls) {
  const cache = await caches.open(CACHE);
  await Promise.all(
    urls.filter(sameOrigin).map(async (url) => {
      const path = pageKey(url);
      try {
        if (path.startsWith("/build/")) {
          if (!(await cache.match(path))) await storeBuilt(cache, path);
        } else {
          const response = await fetch(path, { credentials: "same-origin" });
          if (isPage(response)) await cache.put(path, response);
        }
      } catch {
        // Offline or gone: the next visit stores it.
      }
    }),
  );
}

// A built script may load more files later (the scanner and the QR decoder only when first opened): store
// what it imports too, without running it, so scanning also works on a tablet that went offline first.
async function storeBuilt(cache, path, depth = 0) {
  const response = await fetch(path);
  if (!response.ok) return;
  if (path.endsWith(".js") && depth < 4) {
    const text = await response.clone().text();
    const imported = [...text.matchAll(/(?:import\(|from)"(\/build\/[^"]+\.js)"/g)].map((m) => m[1]);
    await Promise.all(
      imported.map(async (next) => {
        if (!(await cache.match(next))) await storeBuilt(cache, next, depth + 1).catch(() => {});
      }),
    );
  }
  await cache.put(path, response);
}

function isPage(response) {
  return (
    response.ok && !response.redirected && (response.headers.get("content-type") || "").includes("text/html")
  );
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !sameOrigin(request.url)) return;
  const path = pageKey(request.url);
  if (request.mode === "navigate" && path.startsWith("/tablet")) {
    event.respondWith(networkFirst(request, path));
  } else if (path.startsWith("/build/")) {
    event.respondWith(storedFirst(request, path));
  }
});

async function networkFirst(request, path) {
  const cache = await caches.open(CACHE);
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), PAGE_TIMEOUT_MS)),
    ]);
    if (isPage(response)) await cache.put(path, response.clone());
    return response;
  } catch (error) {
    const stored = await cache.match(path);
    if (stored) return stored;
    throw error;
  }
}

async function storedFirst(request, path) {
  const cache = await caches.open(CACHE);
  const stored = await cache.match(path);
  if (stored) return stored;
  const response = await fetch(request);
  if (response.ok) await cache.put(path, response.clone());
  return response;
}
