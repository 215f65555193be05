import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp, json, mockApi, signIn } from '@/testing/render';
import { CostsPage } from './CostsPage';

const cost = (id: string, incurred_on: string, description: string, amount_cents: number) => ({
  id,
  version: 1,
  agreement_id: 'ag1',
  incurred_on,
  description,
  amount_cents,
  category: 'materials',
  unit_id: null,
  activity_id: null,
  share_source: 'agreement',
  shares: [],
  allocations: [],
  created_at: '2025-03-01T10:00:00Z',
  updated_at: '2025-03-01T10:00:00Z',
});

describe('CostsPage', () => {
  it('lists the newest day first and shows a new entry at once, marked, whatever its day', async () => {
    const user = userEvent.setup();
    signIn();
    const { calls } = mockApi({
      'GET /me': () => json({ id: 'u1', role: 'producer', email: 'p@x.fi', name: 'Pia' }),
      'GET /agreements': () => json({ items: [{ id: 'ag1', name: 'Yhteisbudjetti 2025' }], total: 1 }),
      'GET /units': () => json({ items: [], total: 0 }),
      'GET /departments': () => json({ items: [], total: 0 }),
      // 51 entries: the page shows 50, newest day first; an entry of January falls on the second page.
      'GET /costs': () => json({ items: Array.from({ length: 50 }, (_, n) => cost(`c${n}`, '2025-03-10', `Kulu ${n}`, 100 + n)), total: 51 }),
      'GET /agreements/ag1/periods/[0-9-]+': () => json({ month: '2025-01', status: 'open', approvals: [] }),
      'POST /costs': () => json({ ...cost('new', '2025-01-15', 'Bussimatka museoon', 123450), withdrawn_approvals: [] }, 201),
    });
    renderWithApp([{ path: '/costs', element: <CostsPage /> }], { path: '/costs', locale: 'fi' });
    await screen.findByText('Kulu 0');
    expect(calls.find((c) => c.path.startsWith('/costs'))?.path).toContain('sort=-incurred_on');
    await user.click(screen.getByRole('button', { name: 'Uusi kulu' }));
    const dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^Päivä/), '15.1.2025');
    await user.type(within(dialog).getByLabelText(/^Summa/), '1234,50');
    await user.type(within(dialog).getByLabelText(/^Kuvaus/), 'Bussimatka museoon');
    await user.click(within(dialog).getByRole('button', { name: 'Tallenna' }));
    const row = (await screen.findByRole('rowheader', { name: '15.1.2025' })).closest('tr')!;
    expect(row).toHaveClass('just-saved');
    expect(row).toHaveTextContent('Bussimatka museoon');
    // It is the first row of the table.
    expect(within(screen.getByRole('table')).getAllByRole('row')[1]).toBe(row);
  });
});
