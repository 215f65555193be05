import { Link, useParams } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { canCreate } from '@/lib/api/actions';
import { ErrorAlert } from '@/components/ui/Alert';
import { Loaded, Loading, PageHeader } from '@/components/ui/misc';
import { createCommittee, createResident, useCreate, useResidents, useUnit, useUnitCommittees } from '../api/units';
import { InlineForm } from '@/components/crud/InlineForm';
import { ProgrammePanel } from './ProgrammePanel';
import { LeftOutPanel } from './LeftOutPanel';

/** UnitPage shows a unit's culture committees and residents. */
export function UnitPage() {
  const { id = '' } = useParams();
  const i = useI18n();
  const { t, tk } = i;
  const { me } = useAuth();
  const unit = useUnit(id);
  const committees = useUnitCommittees(id);
  const residents = useResidents(id);
  const addCommittee = useCreate(createCommittee, [['committees'], ['lookup']]);
  const addResident = useCreate(createResident, [['residents']]);
  const canProfile = canCreate(me, 'resident', id);
  if (unit.isLoading) return <Loading />;
  if (unit.error) return <ErrorAlert error={unit.error} />;
  const u = unit.data!;
  return (
    <>
      <PageHeader title={u.name}>
        <Link className="btn btn-secondary" to={`/calendar?unit_id=${id}`}>
          {t('nav.calendar')}
        </Link>
        {canCreate(me, 'activity', id) && (
          <Link className="btn btn-secondary" to={`/activities/new?unit_id=${id}`}>
            {t('activity.new')}
          </Link>
        )}
      </PageHeader>
      <p className="muted">
        {tk('uk', u.kind)} · {u.organisation} · {u.municipality}
      </p>
      <div className="grid-2">
        <section aria-labelledby="committees-h">
          <h2 id="committees-h">{t('unit.committees')}</h2>
          <Loaded q={committees} isEmpty={(d) => !d.items.length}>
            {(d) => (
              <ul>
                {d.items.map((x) => (
                  <li key={x.id}>
                    <Link to={`/units/${id}/committees/${x.id}`}>{x.name}</Link>
                    {x.founded_on && <span className="muted"> · {t('committee.founded')} {i.date(x.founded_on)}</span>}
                  </li>
                ))}
              </ul>
            )}
          </Loaded>
          {canCreate(me, 'committee', id) && (
            <InlineForm
              title={t('committee.new')}
              fields={[
                { name: 'name', label: t('common.name'), required: true },
                { name: 'founded_on', label: t('committee.founded'), kind: 'date' },
              ]}
              toBody={(v) => ({ name: v.name, founded_on: v.founded_on || null, unit_id: id })}
              submit={(b) => addCommittee.mutateAsync(b)}
            />
          )}
        </section>
        <section aria-labelledby="residents-h">
          <h2 id="residents-h">{t('unit.residents')}</h2>
          <Loaded q={residents} isEmpty={(d) => !d.items.length}>
            {(d) => (
              <ul>
                {d.items.map((x) => (
                  <li key={x.id}>
                    {x.display_name}
                    {canProfile && (
                      <>
                        {' '}
                        · <Link to={`/units/${id}/residents/${x.id}/profile`} aria-label={`${t('profile.open')}: ${x.display_name}`}>{t('profile.open')}</Link>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Loaded>
          {canCreate(me, 'resident', id) && (
            <InlineForm
              title={t('committee.newResident')}
              fields={[{ name: 'display_name', label: t('committee.memberName'), required: true }]}
              toBody={(v) => ({ display_name: v.display_name, unit_id: id })}
              submit={(b) => addResident.mutateAsync(b)}
            />
          )}
        </section>
      </div>
      {canProfile && <LeftOutPanel unitId={id} />}
      <ProgrammePanel unit={u} />
    </>
  );
}
