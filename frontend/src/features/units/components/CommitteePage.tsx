import { Link, useParams } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { canCreate } from '@/lib/api/actions';
import { COMMITTEE_ROLES, enumOptions, oneOf } from '@/lib/api/enums';
import { today } from '@/lib/i18n/dates';
import { ErrorAlert } from '@/components/ui/Alert';
import { Loaded, Loading, PageHeader } from '@/components/ui/misc';
import { DataTable } from '@/components/ui/DataTable';
import { addMeeting, addMember, useCommittee, useCreate, useMeetings, useMembers, useResidents, type MeetingInput, type MemberInput } from '../api/units';
import { InlineForm } from '@/components/crud/InlineForm';
import { WishesPanel } from './WishesPanel';

/** CommitteePage shows a culture committee's members and meetings and adds to them. */
export function CommitteePage() {
  const { id: unitId = '', committeeId = '' } = useParams();
  const i = useI18n();
  const { t, tk } = i;
  const { me } = useAuth();
  const committee = useCommittee(committeeId);
  const members = useMembers(committeeId);
  const meetings = useMeetings(committeeId);
  const residents = useResidents(unitId);
  const newMember = useCreate((b: MemberInput) => addMember(committeeId, b), [['members', committeeId], ['residents']]);
  const newMeeting = useCreate((b: MeetingInput) => addMeeting(committeeId, b), [['meetings', committeeId]]);
  if (committee.isLoading) return <Loading />;
  if (committee.error) return <ErrorAlert error={committee.error} />;
  const c = committee.data!;
  const residentOptions = (residents.data?.items ?? []).map((r) => {
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
          <Loaded q={members} isEmpty={(d) => !d.items.length}>
            {(d) => (
              <DataTable
                caption={t('committee.members')}
                rows={d.items}
                rowKey={(x) => x.id}
                columns={[
                  { label: t('common.name'), render: (x) => x.display_name },
                  { label: t('committee.role'), render: (x) => tk('cr', x.role) },
                  { label: t('committee.joined'), render: (x) => i.date(x.joined_on) },
                ]}
              />
            )}
          </Loaded>
          {canCreate(me, 'committee_member', c.unit_id) && (
            <InlineForm
              title={t('committee.addMember')}
              fields={[
                { name: 'resident_id', label: t('committee.resident'), kind: 'select', options: residentOptions, empty: `${t('committee.newResident')} →` },
                { name: 'display_name', label: t('committee.memberName') },
                { name: 'role', label: t('committee.role'), kind: 'select', options: enumOptions(COMMITTEE_ROLES, tk, 'cr') },
                { name: 'joined_on', label: t('committee.joined'), kind: 'date' },
              ]}
              initial={{ role: 'member', joined_on: today() }}
              toBody={(v): MemberInput => ({
                ...(v.resident_id ? { resident_id: v.resident_id } : { display_name: v.display_name }),
                role: oneOf(COMMITTEE_ROLES, v.role) ?? 'member',
                joined_on: v.joined_on,
              })}
              submit={(b) => newMember.mutateAsync(b)}
            />
          )}
        </section>
        <section aria-labelledby="meetings-h">
          <h2 id="meetings-h">{t('committee.meetings')}</h2>
          <Loaded q={meetings} isEmpty={(d) => !d.items.length}>
            {(d) =>
              d.items.map((x) => (
                <article key={x.id} className="card">
                  <h3>{i.dateLong(x.held_on)}</h3>
                  {(['agenda', 'minutes', 'decisions'] as const).map(
                    (k) =>
                      x[k] && (
                        <p key={k}>
                          <strong>{t(`meeting.${k}`)}:</strong> {x[k]}
                        </p>
                      ),
                  )}
                </article>
              ))
            }
          </Loaded>
          {canCreate(me, 'meeting', c.unit_id) && (
            <InlineForm
              title={t('meeting.new')}
              fields={[
                { name: 'held_on', label: t('meeting.heldOn'), kind: 'date', required: true },
                { name: 'agenda', label: t('meeting.agenda'), kind: 'textarea' },
                { name: 'minutes', label: t('meeting.minutes'), kind: 'textarea' },
                { name: 'decisions', label: t('meeting.decisions'), kind: 'textarea' },
              ]}
              toBody={(v): MeetingInput => ({ held_on: v.held_on, agenda: v.agenda, minutes: v.minutes, decisions: v.decisions })}
              submit={(b) => newMeeting.mutateAsync(b)}
            />
          )}
        </section>
      </div>
      <WishesPanel committeeId={committeeId} />
    </>
  );
}
