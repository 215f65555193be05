import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp, json, mockApi, signIn } from '@/testing/render';
import { CalendarPage } from './CalendarPage';

const occ = (title: string, starts: string, ends: string) => ({ activity_id: title, title, starts_at: starts, ends_at: ends, original_start: starts, status: 'confirmed', unit_ids: [] });

describe('CalendarPage', () => {
  it('shows a Monday-first month with its occurrences and passes filters to the API', async () => {
    const user = userEvent.setup();
    signIn();
    const { calls } = mockApi({
      'GET /me': () => json({ id: 'u1', role: 'producer', email: 'p@x.fi', name: 'Pia' }),
      'GET /units': () => json({ items: [{ id: 'unit-1', name: 'Koivukoti' }], total: 1 }),
      'GET /(partners|series)': () => json({ items: [], total: 0 }),
      'GET /calendar': () => json({ items: [occ('Konsertti', '2025-03-05T14:00:00+02:00', '2025-03-05T15:00:00+02:00')], total: 1 }),
    });
    renderWithApp([{ path: '/calendar', element: <CalendarPage /> }], { path: '/calendar?date=2025-03-10' });
    const link = await screen.findByRole('link', { name: /14:00 Konsertti/ });
    // It opens that occurrence, not the whole activity.
    expect(link).toHaveAttribute('href', `/activities/Konsertti/occurrence?start=${encodeURIComponent('2025-03-05T14:00:00+02:00')}`);
    const headers = within(screen.getByRole('table')).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers.slice(1)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect(calls.find((c) => c.path.startsWith('/calendar'))?.path).toContain('from=2025-02-24&to=2025-04-07');

    await user.selectOptions(screen.getByLabelText('Unit'), 'unit-1');
    await user.click(screen.getByRole('button', { name: 'List' }));
    expect(await screen.findByRole('heading', { name: 'Wed 05/03/2025' })).toBeInTheDocument();
    expect(calls.at(-1)?.path).toContain('unit_id=unit-1');
  });
});
