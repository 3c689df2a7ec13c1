// One unit: breadcrumbs, names, its committee, the admin's actions and a page of the units below it.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { CommitteeFill, UnitSummary, UnitView } from "#app/models/organisation/unit.server.ts";
import { Pager, useUnitText } from "./common.tsx";
import { SearchForm } from "./search.tsx";

function CommitteeCell({ committee }: { committee: CommitteeFill | null }) {
  const { t } = useTranslation();
  if (!committee) return <span className="muted">{t("units.noCommitteeShort")}</span>;
  return <span className={`badge ${committee.status}`}>{t(`units.status_${committee.status}`)}</span>;
}

function Fill({ committee }: { committee: CommitteeFill }) {
  const { t, num } = useUnitText();
  const label = t("units.fillLong", { filled: num(committee.filled), quota: num(committee.seatQuota) });
  return (
    <span title={label}>
      {num(committee.filled)}/{num(committee.seatQuota)}
    </span>
  );
}

function Breadcrumbs({ trail, current }: { trail: UnitSummary[]; current: UnitSummary }) {
  const { t, name } = useUnitText();
  return (
    <nav aria-label={t("units.breadcrumbs")} className="unit-breadcrumbs">
      <ol>
        {trail.map((u) => (
          <li key={u.id}>
            <Link to={`/units/${u.id}`}>{name(u)}</Link>
          </li>
        ))}
        <li aria-current="page">{name(current)}</li>
      </ol>
    </nav>
  );
}

export function UnitPage({ view, canChange }: { view: UnitView; canChange: boolean }) {
  const { t, num, name, other } = useUnitText();
  const { unit, breadcrumbs, children } = view;
  const committee = unit.committee;
  return (
    <>
      <Breadcrumbs trail={breadcrumbs} current={unit} />
      <h1>
        {name(unit)} <span className="muted unit-other-name">{other(unit)}</span>
      </h1>
      <p className="muted">
        {t(`level.${unit.level}`)} · {t("units.code")} <span className="unit-code">{unit.code}</span>
      </p>

      <section className="card unit-committee" aria-labelledby="unit-committee-title">
        <h2 id="unit-committee-title">{t("units.committeeTitle")}</h2>
        {committee ? (
          <p>
            <span className={`badge ${committee.status}`}>{t(`units.status_${committee.status}`)}</span>{" "}
            <span className="unit-fill">
              {t("units.seatsFilled")}: <Fill committee={committee} />
            </span>{" "}
            <Link to={`/committees/${committee.id}`}>{t("units.openCommittee")}</Link>
          </p>
        ) : (
          <p>
            {t("units.noCommittee")}{" "}
            <Link to={`/committees/new?unit=${unit.id}`}>{t("units.createCommittee")}</Link>
          </p>
        )}
      </section>

      {canChange ? (
        <nav className="unit-actions" aria-label={t("units.admin.actions")}>
          {unit.level !== "booth" ? (
            <Link className="button secondary" to={`/units/new?parent=${unit.id}`}>
              {t("units.admin.addChild")}
            </Link>
          ) : null}
          <Link className="button secondary" to={`/units/${unit.id}/edit`}>
            {t("units.admin.edit")}
          </Link>
          {unit.parentId !== null ? (
            <Link className="button secondary" to={`/units/${unit.id}/move`}>
              {t("units.admin.move")}
            </Link>
          ) : null}
        </nav>
      ) : null}

      <SearchForm q="" />

      <section aria-labelledby="unit-children-title">
        <h2 id="unit-children-title">{t("units.childrenTitle", { name: name(unit) })}</h2>
        {children.total === 0 ? (
          <p className="card">{t("units.noChildren")}</p>
        ) : (
          <div className="table-wrap">
            <table className="unit-table">
              <caption>
                {t("units.childrenCaption", { total: num(children.total), name: name(unit) })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("units.name")}</th>
                  <th scope="col">{t("units.level")}</th>
                  <th scope="col">{t("units.committee")}</th>
                  <th scope="col" className="num">
                    {t("units.seatsFilled")}
                  </th>
                  <th scope="col" className="num">
                    {t("units.unitsBelow")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {children.rows.map((child) => (
                  <tr key={child.id} data-unit-code={child.code}>
                    <th scope="row">
                      <Link to={`/units/${child.id}`}>{name(child)}</Link>{" "}
                      <span className="muted small unit-code">{child.code}</span>
                    </th>
                    <td>{t(`level.${child.level}`)}</td>
                    <td>
                      <CommitteeCell committee={child.committee} />
                    </td>
                    <td className="num">{child.committee ? <Fill committee={child.committee} /> : "–"}</td>
                    <td className="num">{num(child.unitsBelow)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager
          page={children.page}
          pageCount={children.pageCount}
          href={(page) => `/units/${unit.id}?page=${page}`}
        />
      </section>
    </>
  );
}
