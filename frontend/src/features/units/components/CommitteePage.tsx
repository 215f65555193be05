import { Link, useParams } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { COMMITTEE_ROLES, enumOptions } from '@/lib/api/enums';
import { itemsOf } from '@/lib/api/types';
import { today } from '@/lib/i18n/dates';
import { ErrorAlert } from '@/components/ui/Alert';
import { Empty, Loading, PageHeader } from '@/components/ui/misc';
import { useCommittee, useCreate, useMeetings, useMembers, useResidents } from '../api/units';
import { InlineForm } from '@/components/crud/InlineForm';

/** CommitteePage shows a culture committee's members and meetings and adds to them. */
export function CommitteePage() {
  const { id: unitId = '', committeeId = '' } = useParams();
  const i = useI18n();
  const { t, tk } = i;
  const { role } = useAuth();
  const committee = useCommittee(committeeId);
  const members = useMembers(committeeId);
  const meetings = useMeetings(committeeId);
  const residents = useResidents(unitId);
  const addMember = useCreate('/committees/{id}/members', { id: committeeId }, [['members', committeeId], ['residents']]);
  const addMeeting = useCreate('/committees/{id}/meetings', { id: committeeId }, [['meetings', committeeId]]);
  const canEdit = role === 'mentor' || role === 'admin';
  if (committee.isLoading) return <Loading />;
  if (committee.error) return <ErrorAlert error={committee.error} />;
  const c = committee.data!;
  const residentOptions = itemsOf(residents.data).map((r) => {
    const x = r;
    return { value: x.id, label: x.display_name };
  });
  return (
    <>
      <PageHeader title={c.name}>
        <Link to={`/units/${unitId}`}>{t('action.back')}</Link>
        <Link className="btn btn-secondary" to={`/ideas?committee_id=${committeeId}`}>
          {t('nav.ideas')}
        </Link>
      </PageHeader>
      <div className="grid-2">
        <section aria-labelledby="members-h">
          <h2 id="members-h">{t('committee.members')}</h2>
          {members.isLoading ? (
            <Loading />
          ) : members.error ? (
            <ErrorAlert error={members.error} />
          ) : itemsOf(members.data).length === 0 ? (
            <Empty />
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('common.name')}</th>
                  <th scope="col">{t('committee.role')}</th>
                  <th scope="col">{t('committee.joined')}</th>
                </tr>
              </thead>
              <tbody>
                {itemsOf(members.data).map((m) => {
                  const x = m;
                  return (
                    <tr key={x.id ?? x.resident_id}>
                      <td>{x.display_name}</td>
                      <td>{tk('cr', x.role)}</td>
                      <td>{i.date(x.joined_on)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {canEdit && (
            <InlineForm
              title={t('committee.addMember')}
              fields={[
                { name: 'resident_id', label: t('committee.resident'), kind: 'select', options: residentOptions, empty: `${t('committee.newResident')} →` },
                { name: 'display_name', label: t('committee.memberName') },
                { name: 'role', label: t('committee.role'), kind: 'select', options: enumOptions(COMMITTEE_ROLES, tk, 'cr') },
                { name: 'joined_on', label: t('committee.joined'), kind: 'date' },
              ]}
              initial={{ role: 'member', joined_on: today() }}
              toBody={(v) => ({
                ...(v.resident_id ? { resident_id: v.resident_id } : { display_name: v.display_name }),
                role: v.role || 'member',
                joined_on: v.joined_on || null,
              })}
              submit={(b) => addMember.mutateAsync(b)}
            />
          )}
        </section>
        <section aria-labelledby="meetings-h">
          <h2 id="meetings-h">{t('committee.meetings')}</h2>
          {meetings.isLoading ? (
            <Loading />
          ) : meetings.error ? (
            <ErrorAlert error={meetings.error} />
          ) : itemsOf(meetings.data).length === 0 ? (
            <Empty />
          ) : (
            itemsOf(meetings.data).map((m) => {
              const x = m;
              return (
                <article key={x.id} className="card">
                  <h3>{i.dateLong(x.held_on)}</h3>
                  {x.agenda && (
                    <p>
                      <strong>{t('meeting.agenda')}:</strong> {x.agenda}
                    </p>
                  )}
                  {x.minutes && (
                    <p>
                      <strong>{t('meeting.minutes')}:</strong> {x.minutes}
                    </p>
                  )}
                  {x.decisions && (
                    <p>
                      <strong>{t('meeting.decisions')}:</strong> {x.decisions}
                    </p>
                  )}
                </article>
              );
            })
          )}
          {canEdit && (
            <InlineForm
              title={t('meeting.new')}
              fields={[
                { name: 'held_on', label: t('meeting.heldOn'), kind: 'date', required: true },
                { name: 'agenda', label: t('meeting.agenda'), kind: 'textarea' },
                { name: 'minutes', label: t('meeting.minutes'), kind: 'textarea' },
                { name: 'decisions', label: t('meeting.decisions'), kind: 'textarea' },
              ]}
              submit={(b) => addMeeting.mutateAsync(b)}
            />
          )}
        </section>
      </div>
    </>
  );
}
