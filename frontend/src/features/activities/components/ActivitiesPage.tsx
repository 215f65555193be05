import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { ACTIVITY_CATEGORIES, ACTIVITY_STATUSES, enumOptions } from '@/lib/api/enums';
import { nameOf, options, useUnits } from '@/lib/api/lookups';
import { SelectField } from '@/components/ui/Field';
import { ErrorAlert } from '@/components/ui/Alert';
import { Badge, Empty, Loading, PageHeader, Pager } from '@/components/ui/misc';
import { itemsOf } from '@/lib/api/types';
import { useAuth } from '@/lib/auth/auth';
import { useActivities, type ActivityFilter } from '../api/activities';
import { useRefusedActivities } from '../api/linkedEvents';

/** ActivitiesPage lists activities with filters. */
export function ActivitiesPage() {
  const i = useI18n();
  const { t, tk } = i;
  const [f, setF] = useState<ActivityFilter>({ offset: 0, limit: 50 });
  const q = useActivities(f);
  const { role } = useAuth();
  const refused = useRefusedActivities(role === 'producer' || role === 'admin');
  const units = useUnits();
  const data = q.data;
  const items = itemsOf(data);
  const set = (p: Partial<ActivityFilter>) => setF((o) => ({ ...o, ...p, offset: 0 }));
  return (
    <>
      <PageHeader title={t('activity.list')}>
        <Link className="btn btn-primary" to="/activities/new">
          {t('activity.new')}
        </Link>
      </PageHeader>
      <div className="filters" role="search">
        <SelectField label={t('activity.status')} value={f.status ?? ''} onChange={(e) => set({ status: (e.target.value || undefined) as ActivityFilter['status'] })} options={enumOptions(ACTIVITY_STATUSES, tk, 'status')} empty={t('common.all')} />
        <SelectField label={t('activity.category')} value={f.category ?? ''} onChange={(e) => set({ category: (e.target.value || undefined) as ActivityFilter['category'] })} options={enumOptions(ACTIVITY_CATEGORIES, tk, 'cat')} empty={t('common.all')} />
        <SelectField label={t('calendar.unit')} value={f.unit_id ?? ''} onChange={(e) => set({ unit_id: e.target.value || undefined })} options={options(units.data)} empty={t('common.all')} />
      </div>
      {q.isLoading ? (
        <Loading />
      ) : q.error ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : !items.length ? (
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
              {items.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/activities/${a.id}`}>{a.title}</Link>
                    {a.recurrence && <span className="muted small"> ({t('calendar.recurring')})</span>}
                    {a.visibility === 'public' && refused.data?.has(a.id) && (
                      <>
                        {' '}
                        <Badge tone="bad">{t('le.refused')}</Badge>
                      </>
                    )}
                  </td>
                  <td className="nowrap">{i.dateTime(a.starts_at)}</td>
                  <td>{tk('cat', a.category)}</td>
                  <td>
                    <Badge tone={a.status === 'cancelled' ? 'bad' : a.status === 'confirmed' || a.status === 'completed' ? 'good' : 'info'}>{tk('status', a.status)}</Badge>
                  </td>
                  <td>{(a.unit_ids ?? []).map((u) => nameOf(units.data, u)).join(', ')}</td>
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
