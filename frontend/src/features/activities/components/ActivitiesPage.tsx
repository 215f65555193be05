import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { ACTIVITY_CATEGORIES, ACTIVITY_STATUSES, enumOptions } from '@/lib/api/enums';
import { nameOf, options, useUnits } from '@/lib/api/lookups';
import { SelectField, TextField } from '@/components/ui/Field';
import { ErrorAlert } from '@/components/ui/Alert';
import { Badge, Empty, Loading, PageHeader, Pager } from '@/components/ui/misc';
import { useActivities, type ActivityFilter } from '../api/activities';

/** ActivitiesPage lists activities with filters. */
export function ActivitiesPage() {
  const i = useI18n();
  const { t, tk } = i;
  const [f, setF] = useState<ActivityFilter>({ offset: 0, limit: 50 });
  const q = useActivities(f);
  const units = useUnits();
  const data = q.data as { items?: Record<string, unknown>[]; total?: number } | undefined;
  const set = (p: Partial<ActivityFilter>) => setF((o) => ({ ...o, ...p, offset: 0 }));
  return (
    <>
      <PageHeader title={t('activity.list')}>
        <Link className="btn btn-primary" to="/activities/new">
          {t('activity.new')}
        </Link>
      </PageHeader>
      <div className="filters" role="search">
        <TextField label={t('activity.title')} type="search" value={f.q ?? ''} onChange={(e) => set({ q: e.target.value })} />
        <SelectField label={t('activity.status')} value={f.status ?? ''} onChange={(e) => set({ status: e.target.value })} options={enumOptions(ACTIVITY_STATUSES, tk, 'status')} empty={t('common.all')} />
        <SelectField label={t('activity.category')} value={f.category ?? ''} onChange={(e) => set({ category: e.target.value })} options={enumOptions(ACTIVITY_CATEGORIES, tk, 'cat')} empty={t('common.all')} />
        <SelectField label={t('calendar.unit')} value={f.unit_id ?? ''} onChange={(e) => set({ unit_id: e.target.value })} options={options(units.data)} empty={t('common.all')} />
      </div>
      {q.isLoading ? (
        <Loading />
      ) : q.error ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : !data?.items?.length ? (
        <Empty />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('activity.title')}</th>
                <th scope="col">{t('activity.startsAt')}</th>
                <th scope="col">{t('activity.category')}</th>
                <th scope="col">{t('activity.status')}</th>
                <th scope="col">{t('activity.units')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((a) => (
                <tr key={String(a.id)}>
                  <td>
                    <Link to={`/activities/${a.id}`}>{String(a.title)}</Link>
                    {Boolean(a.recurrence) && <span className="muted small"> ({t('calendar.recurring')})</span>}
                  </td>
                  <td className="nowrap">{i.dateTime(a.starts_at as string)}</td>
                  <td>{tk('cat', a.category as string)}</td>
                  <td>
                    <Badge tone={a.status === 'cancelled' ? 'bad' : a.status === 'confirmed' || a.status === 'completed' ? 'good' : 'info'}>{tk('status', a.status as string)}</Badge>
                  </td>
                  <td>{((a.unit_ids as string[]) ?? []).map((u) => nameOf(units.data, u)).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && <Pager offset={f.offset} limit={f.limit} total={data.total ?? 0} onChange={(o) => setF((x) => ({ ...x, offset: o }))} />}
    </>
  );
}
