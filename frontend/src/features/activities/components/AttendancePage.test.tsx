import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp, json, mockApi, signIn } from '@/testing/render';
import { AttendancePage } from './AttendancePage';

describe('AttendancePage', () => {
  it('counts with big buttons and records the occurrence by its original start', async () => {
    const user = userEvent.setup();
    signIn();
    const { calls } = mockApi({
      'GET /me': () => json({ id: 'u1', role: 'mentor', email: 'm@x.fi', name: 'Maija', unit_ids: ['unit-1'] }),
      'GET /activities/a1': () => json({ id: 'a1', title: 'Laulutuokio', version: 1 }),
      'GET /activities/a1/occurrences': () =>
        json({ items: [{ activity_id: 'a1', starts_at: '2025-03-04T14:00:00+02:00', original_start: '2025-03-03T14:00:00+02:00', ends_at: '2025-03-04T15:00:00+02:00' }], total: 1 }),
      'GET /activities/a1/attendance': () => json({ items: [], total: 0 }),
      'POST /activities/a1/attendance': () => json({ id: 'r1', version: 1 }, 201),
    });
    renderWithApp([{ path: '/activities/:id/attendance', element: <AttendancePage /> }], { path: '/activities/a1/attendance' });
    await screen.findByRole('heading', { name: 'Record attendance' });
    await waitFor(() => expect(screen.getByLabelText('Occurrence')).toHaveValue('2025-03-03T14:00:00+02:00'));
    for (let n = 0; n < 3; n++) await user.click(screen.getByRole('button', { name: 'Add one: Residents' }));
    await user.click(screen.getByRole('button', { name: 'Add one: Staff' }));
    await user.click(screen.getByRole('button', { name: 'Remove one: Residents' }));
    await user.click(screen.getByLabelText('4 / 5'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Attendance recorded.')).toBeInTheDocument();
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({ occurrence_start: '2025-03-03T14:00:00+02:00', residents: 2, staff: 1, volunteers: 0, relatives: 0, feedback: 4, notes: '' });
  });

  it('offers only started, not cancelled occurrences; switching loads that record or an empty form', async () => {
    const user = userEvent.setup();
    signIn();
    const past = (d: string) => ({ activity_id: 'a1', starts_at: d, original_start: d, ends_at: d, cancelled: false, status: 'confirmed', activity_status: 'confirmed' });
    mockApi({
      'GET /me': () => json({ id: 'u1', role: 'mentor', email: 'm@x.fi', name: 'Maija', unit_ids: ['unit-1'] }),
      'GET /activities/a1': () => json({ id: 'a1', title: 'Laulutuokio', version: 1, starts_at: '2025-03-03T14:00:00+02:00' }),
      'GET /activities/a1/occurrences': () =>
        json({
          items: [
            past('2025-03-03T14:00:00+02:00'),
            { ...past('2025-03-10T14:00:00+02:00'), cancelled: true },
            past('2025-03-17T14:00:00+02:00'),
            past('2099-03-24T14:00:00+02:00'),
          ],
          total: 4,
        }),
      'GET /activities/a1/attendance': () =>
        json({ items: [{ id: 'r1', version: 1, activity_id: 'a1', occurrence_start: '2025-03-03T12:00:00Z', residents: 9, staff: 2, volunteers: 0, relatives: 1, feedback: 4, notes: 'Laulettiin' }], total: 1 }),
    });
    renderWithApp([{ path: '/activities/:id/attendance', element: <AttendancePage /> }], { path: '/activities/a1/attendance' });
    const select = await screen.findByLabelText('Occurrence');
    // Newest first; the cancelled and the future ones are not offered.
    const offered = [...(select as HTMLSelectElement).options].map((o) => o.value);
    expect(offered).toEqual(['2025-03-17T14:00:00+02:00', '2025-03-03T14:00:00+02:00']);
    expect(screen.getByLabelText('Residents')).toHaveValue(0);
    await user.click(screen.getByRole('button', { name: 'Add one: Residents' }));
    expect(screen.getByLabelText('Residents')).toHaveValue(1);
    // The other occurrence shows its own record, not the counts typed here.
    await user.selectOptions(select, '2025-03-03T14:00:00+02:00');
    expect(await screen.findByText('This occurrence has a record; saving changes it.')).toBeInTheDocument();
    expect(screen.getByLabelText('Residents')).toHaveValue(9);
    expect(screen.getByLabelText('Notes')).toHaveValue('Laulettiin');
    // And back: an empty form again.
    await user.selectOptions(select, '2025-03-17T14:00:00+02:00');
    expect(screen.getByLabelText('Residents')).toHaveValue(0);
    expect(screen.getByLabelText('Notes')).toHaveValue('');
  });

  it('shows a refusal once, in the UI language, by its code', async () => {
    const user = userEvent.setup();
    signIn();
    mockApi({
      'GET /me': () => json({ id: 'u1', role: 'mentor', email: 'm@x.fi', name: 'Maija', unit_ids: ['unit-1'] }),
      'GET /activities/a1': () => json({ id: 'a1', title: 'Laulutuokio', version: 1, starts_at: '2025-03-03T14:00:00+02:00' }),
      'GET /activities/a1/occurrences': () =>
        json({ items: [{ activity_id: 'a1', starts_at: '2025-03-03T14:00:00+02:00', original_start: '2025-03-03T14:00:00+02:00', ends_at: '2025-03-03T15:00:00+02:00', cancelled: false }], total: 1 }),
      'GET /activities/a1/attendance': () => json({ items: [], total: 0 }),
      // Cancelled meanwhile by someone else.
      'POST /activities/a1/attendance': () =>
        json(
          {
            type: 'urn:kulttuurisilta:problem:validation',
            title: 'Validation failed',
            status: 422,
            detail: 'occurrence_start: the occurrence was cancelled',
            errors: [{ field: 'occurrence_start', message: 'the occurrence was cancelled', code: 'conflict' }],
          },
          422,
        ),
    });
    renderWithApp([{ path: '/activities/:id/attendance', element: <AttendancePage /> }], { path: '/activities/a1/attendance', locale: 'fi' });
    await screen.findByLabelText('Kerta');
    await user.click(screen.getByRole('button', { name: 'Tallenna' }));
    const message = 'Tälle kerralle ei voi kirjata osallistujia: kerta on peruttu tai se ei ole vielä alkanut.';
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(screen.getAllByText(message)).toHaveLength(1);
    expect(screen.queryByText(/the occurrence was cancelled/)).toBeNull();
  });
});
