// The invitations page's counts per state (each a link to the list of that state) and its filter form.
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "#app/i18n/datetime.ts";
import type { Language } from "#app/i18n/setup.ts";
import { invitationListHref, invitationStates } from "#app/models/events/invitation.ts";
import type { LoaderData } from "./route.tsx";

export function StateFilters({
  counts,
  total,
  notReached,
  query,
}: Pick<LoaderData, "counts" | "total" | "notReached" | "query">) {
  const { t, i18n } = useTranslation();
  const num = (n: number) => formatNumber(n, i18n.language as Language);
  const filtered = Boolean(query.state || query.notReached);
  return (
    <>
      <nav className="state-counts" aria-label={t("audience.invitations.state")}>
        <p>
          <strong data-testid="invitations-total">
            {t("audience.invitations.total", { people: num(total) })}
          </strong>
        </p>
        <ul>
          {invitationStates
            .filter((s) => counts[s] > 0)
            .map((s) => (
              <li key={s}>
                <Link
                  to={invitationListHref({ state: s, notReached: false, page: 1 })}
                  className={`badge state-${s}`}
                  aria-current={query.state === s && !query.notReached ? "true" : undefined}
                  data-state-count={s}
                >
                  {t(`audience.states.${s}`)}: {num(counts[s])}
                </Link>
              </li>
            ))}
          {notReached > 0 ? (
            <li>
              <Link
                to={invitationListHref({ notReached: true, page: 1 })}
                className="badge not-reached"
                data-testid="not-reached-count"
              >
                {t("audience.invitations.notReachedCount", { count: notReached, people: num(notReached) })}
              </Link>
            </li>
          ) : null}
        </ul>
      </nav>

      {/* Keyed by the query: after a count link is followed, the fields show the filter in force. */}
      <Form
        key={invitationListHref(query, 1)}
        method="get"
        className="filters card"
        aria-label={t("audience.invitations.filters")}
      >
        <div className="field">
          <label htmlFor="state">{t("audience.invitations.state")}</label>
          <select id="state" name="state" defaultValue={query.state ?? ""}>
            <option value="">{t("audience.invitations.anyState")}</option>
            {invitationStates.map((s) => (
              <option key={s} value={s}>
                {t(`audience.states.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field checkbox">
          <input
            id="notReached"
            name="notReached"
            type="checkbox"
            value="yes"
            defaultChecked={query.notReached}
          />
          <label htmlFor="notReached">{t("audience.invitations.notReached")}</label>
        </div>
        <div className="filter-actions">
          <button type="submit" className="button">
            {t("audience.invitations.show")}
          </button>
          {filtered ? (
            <Link to="?" className="button secondary">
              {t("audience.invitations.clear")}
            </Link>
          ) : null}
        </div>
      </Form>
    </>
  );
}
