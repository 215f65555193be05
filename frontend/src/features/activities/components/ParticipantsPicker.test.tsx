import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp, json, mockApi, signIn } from '@/testing/render';
import { AttendancePage } from './AttendancePage';
import { next } from './ParticipantsPicker';

describe('ParticipantsPicker', () => {
  it('cycles not listed → active → passive → declined → not listed', () => {
    expect(next(undefined)).toBe('active');
    expect(next('active')).toBe('passive');
    expect(next('passive')).toBe('declined');
    expect(next('declined')).toBeUndefined();
  });

  it('pre-selects last time, taps names, faces and proxy, and sends the participants', async () => {
    const user = userEvent.setup();
    signIn();
    const occ = (d: string) => ({ activity_id: 'a1', starts_at: d, original_start: d, ends_at: d, cancelled: false, status: 'confirmed', activity_status: 'confirmed' });
    const { calls } = mockApi({
      'GET /me': () => json({ id: 'u1', role: 'mentor', email: 'm@x.fi', name: 'Maija', unit_ids: ['unit-1'] }),
      'GET /activities/a1': () => json({ id: 'a1', title: 'Laulutuokio', version: 1, starts_at: '2025-03-03T14:00:00+02:00', unit_ids: ['unit-1'] }),
      'GET /activities/a1/occurrences': () => json({ items: [occ('2025-03-03T14:00:00+02:00'), occ('2025-03-10T14:00:00+02:00')], total: 2 }),
      'GET /activities/a1/attendance': () =>
        json({
          items: [
            { id: 'r1', version: 1, occurrence_start: '2025-03-03T14:00:00+02:00', residents: 1, staff: 0, volunteers: 0, relatives: 0, feedback: null, notes: '',
              participants: [{ resident_id: 'aili', participation: 'active', feedback: 5, feedback_by: 'self' }] },
          ],
          total: 1,
        }),
      'GET /residents': () =>
        json({ items: [{ id: 'aili', display_name: 'Aili', unit_id: 'unit-1', active: true, version: 1 }, { id: 'bertta', display_name: 'Bertta', unit_id: 'unit-1', active: true, version: 1 }], total: 2 }),
      'POST /activities/a1/attendance': () => json({ id: 'r2', version: 1 }, 201),
    });
    renderWithApp([{ path: '/activities/:id/attendance', element: <AttendancePage /> }], { path: '/activities/a1/attendance' });
    await waitFor(() => expect(screen.getByLabelText('Occurrence')).toHaveValue('2025-03-10T14:00:00+02:00'));
    // Last time's participant is pre-selected, and the count follows.
    expect(await screen.findByRole('button', { name: 'Aili active' })).toBeInTheDocument();
    expect(screen.getByText("Last time's participants are pre-selected.")).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Bertta not listed' }));
    await user.click(screen.getByRole('button', { name: 'Aili active' }));
    expect(screen.getByRole('button', { name: 'Aili watched' })).toBeInTheDocument();
    const bertta = screen.getByRole('radiogroup', { name: 'Feedback: Bertta' });
    await user.click(bertta.querySelectorAll('input')[4]);
    await user.click(screen.getAllByLabelText('Given by staff')[1]);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Attendance recorded.');
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toMatchObject({
      residents: 2,
      participants: [
        { resident_id: 'aili', participation: 'passive', feedback: null, feedback_by: 'self' },
        { resident_id: 'bertta', participation: 'active', feedback: 5, feedback_by: 'proxy' },
      ],
    });
  });
});
