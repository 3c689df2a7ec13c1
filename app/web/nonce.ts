// The page's CSP nonce (app/web/http/security-headers.server.ts makes one per response), for the inline
// scripts the server renders. entry.server.tsx provides it from the load context; in the browser it is
// undefined (browsers hide a nonce from scripts anyway, and the scripts have run by then).
import { createContext, useContext } from "react";

const NonceContext = createContext<string | undefined>(undefined);

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}

/** The nonce in Remix's load context (set by the server's adapter), if there is one. */
export function nonceOf(loadContext: unknown): string | undefined {
  const nonce = (loadContext as { cspNonce?: unknown } | undefined)?.cspNonce;
  return typeof nonce === "string" && nonce ? nonce : undefined;
}
