import { Link, useParams } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { itemsOf } from '@/lib/api/types';
import { ErrorAlert } from '@/components/ui/Alert';
import { Empty, Loading, PageHeader } from '@/components/ui/misc';
import { useCreate, useResidents, useUnit, useUnitCommittees } from '../api/units';
import { InlineForm } from '@/components/crud/InlineForm';

/** UnitPage shows a unit's culture committees and residents. */
export function UnitPage() {
  const { id = '' } = useParams();
  const i = useI18n();
  const { t, tk } = i;
  const { role } = useAuth();
  const unit = useUnit(id);
  const committees = useUnitCommittees(id);
  const residents = useResidents(id);
  const addCommittee = useCreate('/committees', {}, [['committees']]);
  const addResident = useCreate('/residents', {}, [['residents']]);
  const canEdit = role === 'mentor' || role === 'admin';
  const canProfile = role === 'mentor' || role === 'admin';
  if (unit.isLoading) return <Loading />;
  if (unit.error) return <ErrorAlert error={unit.error} />;
  const u = unit.data!;
  return (
    <>
      <PageHeader title={u.name}>
        <Link className="btn btn-secondary" to={`/calendar?unit_id=${id}`}>
          {t('nav.calendar')}
        </Link>
        <Link className="btn btn-secondary" to={`/activities/new?unit_id=${id}`}>
          {t('activity.new')}
        </Link>
      </PageHeader>
      <p className="muted">
        {tk('uk', u.kind)} · {u.organisation} · {u.municipality}
      </p>
      <div className="grid-2">
        <section aria-labelledby="committees-h">
          <h2 id="committees-h">{t('unit.committees')}</h2>
          {committees.isLoading ? (
            <Loading />
          ) : committees.error ? (
            <ErrorAlert error={committees.error} />
          ) : itemsOf(committees.data).length === 0 ? (
            <Empty />
          ) : (
            <ul>
              {itemsOf(committees.data).map((c) => {
                const x = c;
                return (
                  <li key={x.id}>
                    <Link to={`/units/${id}/committees/${x.id}`}>{x.name}</Link>
                    {x.founded_on && <span className="muted"> · {t('committee.founded')} {i.date(x.founded_on)}</span>}
                  </li>
                );
              })}
            </ul>
          )}
          {canEdit && (
            <InlineForm
              title={t('committee.new')}
              fields={[
                { name: 'name', label: t('common.name'), required: true },
                { name: 'founded_on', label: t('committee.founded'), kind: 'date' },
              ]}
              submit={(b) => addCommittee.mutateAsync({ ...b, unit_id: id })}
            />
          )}
        </section>
        <section aria-labelledby="residents-h">
          <h2 id="residents-h">{t('unit.residents')}</h2>
          {residents.isLoading ? (
            <Loading />
          ) : residents.error ? (
            <ErrorAlert error={residents.error} />
          ) : itemsOf(residents.data).length === 0 ? (
            <Empty />
          ) : (
            <ul>
              {itemsOf(residents.data).map((r) => {
                const x = r;
                return (
                  <li key={x.id}>
                    {x.display_name}
                    {canProfile && (
                      <>
                        {' '}
                        · <Link to={`/units/${id}/residents/${x.id}/profile`} aria-label={`${t('profile.open')}: ${x.display_name}`}>{t('profile.open')}</Link>
                      </>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          {canEdit && (
            <InlineForm
              title={t('committee.newResident')}
              fields={[{ name: 'display_name', label: t('committee.memberName'), required: true }]}
              submit={(b) => addResident.mutateAsync({ ...b, unit_id: id })}
            />
          )}
        </section>
      </div>
    </>
  );
}
