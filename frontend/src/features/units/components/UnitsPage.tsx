import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { itemsOf } from '@/lib/api/types';
import { ErrorAlert } from '@/components/ui/Alert';
import { Empty, Loading, PageHeader } from '@/components/ui/misc';
import { useMyUnits } from '../api/units';

/** UnitsPage lists a mentor's own units (all units for producers and admins). */
export function UnitsPage() {
  const i = useI18n();
  const { t, tk } = i;
  const { role } = useAuth();
  const q = useMyUnits(role === 'mentor');
  const units = itemsOf(q.data);
  return (
    <>
      <PageHeader title={t('unit.title')} />
      {q.isLoading ? (
        <Loading />
      ) : q.error ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : units.length === 0 ? (
        <Empty />
      ) : (
        <ul className="grid-2" style={{ listStyle: 'none', padding: 0 }}>
          {units.map((u) => (
            <li key={u.id} className="card">
              <h2 style={{ marginTop: 0 }}>
                <Link to={`/units/${u.id}`}>{u.name}</Link>
              </h2>
              <p className="muted">
                {tk('uk', u.kind)} · {u.municipality} {u.resident_capacity ? `· ${t('unit.capacity')}: ${u.resident_capacity}` : ''}
              </p>
              <p>
                <Link to={`/calendar?unit_id=${u.id}`}>{t('nav.calendar')}</Link> · <Link to={`/ideas?unit_id=${u.id}`}>{t('nav.ideas')}</Link>
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
