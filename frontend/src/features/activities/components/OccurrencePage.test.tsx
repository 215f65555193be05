import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { renderWithApp, json, mockApi, signIn } from '@/testing/render';
import { OccurrencePage } from './OccurrencePage';

const activity = {
  id: 'a1',
  version: 2,
  title: 'Laulutuokio',
  category: 'music',
  status: 'confirmed',
  starts_at: '2025-03-05T14:00:00+02:00',
  ends_at: '2025-03-05T15:00:00+02:00',
  recurrence: 'FREQ=WEEKLY;COUNT=8',
  exdates: [],
};

function setup(role: string, path: string, allowed: string[] = []) {
  signIn();
  const api = mockApi({
    'GET /me': () => json({ id: 'u1', role, email: 'x@x.fi', name: 'X', unit_ids: [] }),
    'GET /activities/a1': () => json(activity),
    'GET /activities/a1/overrides': () =>
      json({ items: [{ id: 'o1', activity_id: 'a1', version: 1, original_start: '2025-03-12T12:00:00Z', starts_at: '2025-04-02T11:00:00Z', ends_at: '2025-04-02T12:00:00Z', cancelled: false, note: 'Sali remontissa' }], total: 1 }),
    'GET /activities/a1/occurrences': (req) => {
      const from = new URL(req.url).searchParams.get('from');
      const items = [
        { activity_id: 'a1', title: 'Laulutuokio', status: 'confirmed', starts_at: '2025-03-05T14:00:00+02:00', ends_at: '2025-03-05T15:00:00+02:00', original_start: '2025-03-05T14:00:00+02:00', cancelled: false, moved: false, override_id: null, note: '', allowed_actions: allowed },
        { activity_id: 'a1', title: 'Laulutuokio', status: 'confirmed', starts_at: '2025-04-02T14:00:00+03:00', ends_at: '2025-04-02T15:00:00+03:00', original_start: '2025-03-12T14:00:00+02:00', cancelled: false, moved: true, override_id: 'o1', note: 'Sali remontissa', allowed_actions: allowed },
      ];
      return json({ items: items.filter((o) => o.original_start.slice(0, 10) >= (from ?? '')), total: 2 });
    },
    'GET /activities/a1/attendance': () => json({ items: [{ id: 'r1', version: 1, activity_id: 'a1', occurrence_start: '2025-03-05T12:00:00Z', residents: 12, staff: 2, volunteers: 1, relatives: 3, feedback: 5, notes: 'Hyvä tunnelma' }], total: 1 }),
  });
  renderWithApp([{ path: '/activities/:id/occurrence', element: <OccurrencePage /> }], { path });
  return api;
}

describe('OccurrencePage', () => {
  it('shows one occurrence with its attendance and a link to the whole activity', async () => {
    setup('viewer', `/activities/a1/occurrence?start=${encodeURIComponent('2025-03-05T14:00:00+02:00')}`);
    expect(await screen.findByTestId('occurrence-when')).toHaveTextContent('Wed 05/03/2025 14:00–15:00');
    expect(screen.getByRole('link', { name: 'Whole activity' })).toHaveAttribute('href', '/activities/a1');
    const att = screen.getByTestId('occurrence-attendance');
    expect(within(att).getByText('12')).toBeInTheDocument();
    expect(within(att).getByText('5 / 5')).toBeInTheDocument();
    expect(screen.getByText('Weekly on Wednesday, 8 times')).toBeInTheDocument();
    // A viewer (no allowed_actions) is offered neither attendance nor moving.
    expect(screen.queryByRole('link', { name: /attendance/i })).toBeNull();
    expect(screen.queryByRole('button', { name: /Move/ })).toBeNull();
  });

  it('finds a moved occurrence by its original start and offers the producer to move, cancel or restore it', async () => {
    const { calls } = setup('producer', `/activities/a1/occurrence?start=${encodeURIComponent('2025-03-12T14:00:00+02:00')}`, ['move_occurrence', 'cancel_occurrence', 'restore_occurrence']);
    expect(await screen.findByTestId('occurrence-when')).toHaveTextContent('Wed 02/04/2025 14:00–15:00');
    expect(screen.getAllByText('Moved (originally 12/03/2025 14:00)').length).toBeGreaterThan(0);
    expect(screen.getAllByText('Sali remontissa').length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: /^Move:/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Cancel this one:/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Restore:/ })).toBeInTheDocument();
    // The range asked covers both the original and the new day.
    const q = calls.find((c) => c.path.startsWith('/activities/a1/occurrences'))?.path ?? '';
    expect(q).toContain('from=2025-03-12');
    expect(q).toContain('to=2025-04-03');
  });

  it('offers recording attendance only when the API allows it', async () => {
    setup('mentor', `/activities/a1/occurrence?start=${encodeURIComponent('2025-03-05T14:00:00+02:00')}`, ['record_attendance']);
    expect(await screen.findByRole('link', { name: 'Change attendance' })).toHaveAttribute('href', `/activities/a1/attendance?occurrence=${encodeURIComponent('2025-03-05T14:00:00+02:00')}`);
    expect(screen.queryByRole('button', { name: /^Move:/ })).toBeNull();
  });
});
