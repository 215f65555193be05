import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { Loaded, PageHeader } from '@/components/ui/misc';
import { useMyUnits } from '../api/units';

/** UnitsPage lists a mentor's own units (all units for producers and admins). */
export function UnitsPage() {
  const i = useI18n();
  const { t, tk } = i;
  const { role } = useAuth();
  const q = useMyUnits(role === 'mentor');
  return (
    <>
      <PageHeader title={t('unit.title')} />
      <Loaded q={q} isEmpty={(d) => !d.items.length}>
        {(d) => (
          <ul className="grid-2" style={{ listStyle: 'none', padding: 0 }}>
            {d.items.map((u) => (
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
      </Loaded>
    </>
  );
}
