import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { nameOf, useUnits } from '@/lib/api/lookups';
import { addMonths, today } from '@/lib/i18n/dates';
import { TextField } from '@/components/ui/Field';
import { ErrorAlert } from '@/components/ui/Alert';
import { Badge, Empty, Loading, PageHeader } from '@/components/ui/misc';
import { useReach } from '../api/reports';

/** ReachPage shows per unit the occurrences hosted, participants and weeks since the last activity; units with none first. */
export function ReachPage() {
  const i = useI18n();
  const { t } = i;
  const [from, setFrom] = useState(addMonths(today(), -6));
  const [to, setTo] = useState(today());
  const q = useReach(from, to);
  const units = useUnits();
  return (
    <>
      <PageHeader title={t('reach.title')} />
      <p className="muted">{t('reach.help')}</p>
      <div className="filters">
        <TextField label={t('common.from')} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        <TextField label={t('common.to')} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </div>
      {q.isLoading ? (
        <Loading />
      ) : q.error ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : !q.data?.length ? (
        <Empty />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('reach.unit')}</th>
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
              {q.data.map((r) => (
                <tr key={r.unit_id}>
                  <th scope="row">
                    <Link to={`/calendar?unit_id=${r.unit_id}&view=list`}>{r.unit_name || nameOf(units.data, r.unit_id) || r.unit_id}</Link>{' '}
                    {r.occurrences === 0 && <Badge tone="warn">{t('reach.noneBadge')}</Badge>}
                  </th>
                  <td className="num">{i.number(r.occurrences)}</td>
                  <td className="num">{i.number(r.participants)}</td>
                  <td className="num">{r.weeks_since_last == null ? t('reach.never') : i.number(r.weeks_since_last)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
