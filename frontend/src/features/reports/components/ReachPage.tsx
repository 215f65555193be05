import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { addMonths, today } from '@/lib/i18n/dates';
import { DateField } from '@/components/ui/DateField';
import { ErrorAlert } from '@/components/ui/Alert';
import { Badge, Empty, Loading, PageHeader } from '@/components/ui/misc';
import { useReach } from '../api/reports';

/** ReachPage shows per unit the occurrences hosted, participants and weeks since the last activity; units with none first. */
export function ReachPage() {
  const i = useI18n();
  const { t, tk } = i;
  const [from, setFrom] = useState(addMonths(today(), -3));
  const [to, setTo] = useState(today());
  const q = useReach(from, to);
  const r = q.data;
  return (
    <>
      <PageHeader title={t('reach.title')} />
      <p className="muted">{t('reach.help')}</p>
      <div className="filters">
        <DateField label={t('common.from')} value={from} onChange={(d) => setFrom(d)} />
        <DateField label={t('common.to')} value={to} onChange={(d) => setTo(d)} />
      </div>
      {q.isLoading ? (
        <Loading />
      ) : q.error ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : !r?.units.length ? (
        <Empty />
      ) : (
        <>
          <p>{t('reports.unitsReached', { n: r.units_reached, total: r.units_total, pct: i.percent(r.reached_share_bp) })}</p>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('reach.unit')}</th>
                  <th scope="col">{t('unit.kind')}</th>
                  <th scope="col" className="num">
                    {t('reach.hosted')}
                  </th>
                  <th scope="col" className="num">
                    {t('reach.participants')}
                  </th>
                  <th scope="col" className="num">
                    {t('reach.weeksSince')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.units.map((u) => (
                  <tr key={u.unit_id}>
                    <th scope="row">
                      <Link to={`/calendar?unit_id=${u.unit_id}&view=list`}>{u.name}</Link> {u.occurrences === 0 && <Badge tone="warn">{t('reach.noneBadge')}</Badge>}
                    </th>
                    <td>
                      {tk('uk', u.kind)}, {u.municipality}
                    </td>
                    <td className="num">{i.number(u.occurrences)}</td>
                    <td className="num">{i.number(u.participants.total)}</td>
                    <td className="num">{u.weeks_since_last == null ? t('reach.never') : i.number(u.weeks_since_last)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
