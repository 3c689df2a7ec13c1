// The personal link an organiser just asked for, ready to copy by hand or with a button.
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/** The link just asked for, to copy: a read-only field, and a Copy button once JavaScript runs. */
export function SharedLink({ url, name }: { url: string; name: string }) {
  const { t } = useTranslation();
  const [hydrated, setHydrated] = useState(false);
  const [copied, setCopied] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => setHydrated(true), []);
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      // No clipboard API (a page not served over HTTPS): the selected field copies the old way.
      input.current?.select();
      document.execCommand("copy");
    }
    setCopied(true);
  }
  return (
    <section className="card shared-link" role="status">
      <label htmlFor="shared-link">{t("audience.invitations.linkFor", { name })}</label>
      <div className="shared-link-row">
        <input
          id="shared-link"
          ref={input}
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          aria-describedby="shared-link-hint"
        />
        {hydrated ? (
          <button type="button" className="button" onClick={copy}>
            {copied ? t("audience.invitations.copied") : t("audience.invitations.copyButton")}
          </button>
        ) : null}
      </div>
      <p id="shared-link-hint" className="muted small">
        {t("audience.invitations.linkHint")}
      </p>
    </section>
  );
}
