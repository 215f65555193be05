import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { ACTIVITY_CATEGORIES, ACTIVITY_STATUSES, enumOptions, oneOf } from '@/lib/api/enums';
import { nameOf, options, useUnits } from '@/lib/api/lookups';
import { SelectField } from '@/components/ui/Field';
import { Badge, Loaded, PageHeader, Pager, useCursorPager } from '@/components/ui/misc';
import { DataTable } from '@/components/ui/DataTable';
import { useAuth } from '@/lib/auth/auth';
import { canCreate } from '@/lib/api/actions';
import { StatusBadge } from './StatusBadge';
import { useActivities, type ActivityFilter } from '../api/activities';
import { useRefusedActivities } from '../api/linkedEvents';

/** ActivitiesPage lists activities with filters. */
export function ActivitiesPage() {
  const i = useI18n();
  const { t, tk } = i;
  const [f, setF] = useState<ActivityFilter>({ limit: 50 });
  const pager = useCursorPager(f);
  const q = useActivities({ ...f, ...pager.query });
  const { role, me } = useAuth();
  const refused = useRefusedActivities(role === 'producer' || role === 'admin');
  const units = useUnits();
  const data = q.data;
  const set = (p: Partial<ActivityFilter>) => setF((o) => ({ ...o, ...p }));
  return (
    <>
      <PageHeader title={t('activity.list')}>
        {canCreate(me, 'activity') && (
          <Link className="btn btn-primary" to="/activities/new">
            {t('activity.new')}
          </Link>
        )}
      </PageHeader>
      <div className="filters" role="search">
        <SelectField label={t('activity.status')} value={f.status ?? ''} onChange={(e) => set({ status: oneOf(ACTIVITY_STATUSES, e.target.value) })} options={enumOptions(ACTIVITY_STATUSES, tk, 'status')} empty={t('common.all')} />
        <SelectField label={t('activity.category')} value={f.category ?? ''} onChange={(e) => set({ category: oneOf(ACTIVITY_CATEGORIES, e.target.value) })} options={enumOptions(ACTIVITY_CATEGORIES, tk, 'cat')} empty={t('common.all')} />
        <SelectField label={t('calendar.unit')} value={f.unit_id ?? ''} onChange={(e) => set({ unit_id: e.target.value || undefined })} options={options(units.data)} empty={t('common.all')} />
      </div>
      <Loaded q={q} isEmpty={(d) => !d.items.length}>
        {(d) => (
          <DataTable
            caption={t('activity.list')}
            rows={d.items}
            rowKey={(a) => a.id}
            columns={[
              {
                label: t('activity.title'),
                render: (a) => (
                  <>
                    <Link to={`/activities/${a.id}`}>{a.title}</Link>
                    {a.recurrence && <span className="muted small"> ({t('calendar.recurring')})</span>}
                    {a.visibility === 'public' && refused.data?.has(a.id) && (
                      <>
                        {' '}
                        <Badge tone="bad">{t('le.refused')}</Badge>
                      </>
                    )}
                  </>
                ),
              },
              { label: t('activity.startsAt'), render: (a) => i.dateTime(a.starts_at), nowrap: true },
              { label: t('activity.category'), render: (a) => tk('cat', a.category) },
              { label: t('activity.status'), render: (a) => <StatusBadge status={a.status} /> },
              { label: t('activity.units'), render: (a) => (a.unit_ids ?? []).map((u) => nameOf(units.data, u)).join(', ') },
            ]}
          />
        )}
      </Loaded>
      {data && <Pager pager={pager} limit={f.limit} page={data} />}
    </>
  );
}
