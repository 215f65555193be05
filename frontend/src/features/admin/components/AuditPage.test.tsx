import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp, json, mockApi, signIn } from '@/testing/render';
import { AuditPage } from './AuditPage';

const event = {
  id: 'e1',
  version: 1,
  created_at: '2025-03-05T12:30:00Z',
  updated_at: '2025-03-05T12:30:00Z',
  actor_kind: 'user',
  actor_id: 'u-pia',
  action: 'cost.update',
  entity_type: 'cost',
  entity_id: 'c1c1c1c1-0000-0000-0000-000000000000',
  request_id: 'r1',
  before: { id: 'c1', version: 1, description: 'Bussimatka', amount_cents: 12000, category: 'travel' },
  after: { id: 'c1', version: 2, description: 'Bussimatka', amount_cents: 12500, category: 'travel' },
};

describe('AuditPage', () => {
  it('names the actor and the resource, filters by actor, type and days, and shows only what changed', async () => {
    const user = userEvent.setup();
    signIn();
    const { calls } = mockApi({
      'GET /me': () => json({ id: 'u-admin', role: 'admin', email: 'a@x.fi', name: 'Aino' }),
      'GET /users': () => json({ items: [{ id: 'u-pia', name: 'Pia Tuottaja', email: 'p@x.fi', role: 'producer' }], total: 1 }),
      'GET /audit-events': () => json({ items: [event], total: 1 }),
    });
    renderWithApp([{ path: '/admin/audit', element: <AuditPage /> }], { path: '/admin/audit', locale: 'fi' });
    const row = (await screen.findByRole('cell', { name: 'Pia Tuottaja' })).closest('tr')!;
    expect(row).toHaveTextContent('Kulu: Bussimatka');
    expect(row).toHaveTextContent('muutettu');
    await user.click(within(row).getByText('Näytä (1)'));
    const diff = within(row).getByRole('table');
    expect(within(diff).getByRole('rowheader')).toHaveTextContent('amount cents');
    expect(diff).toHaveTextContent('12000');
    expect(diff).toHaveTextContent('12500');
    expect(diff).not.toHaveTextContent('Bussimatka');

    await user.selectOptions(screen.getByLabelText('Tekijä'), 'u-pia');
    await user.selectOptions(screen.getByLabelText('Kohteen tyyppi'), 'cost');
    await user.type(screen.getByLabelText('Alkaen'), '1.3.2025');
    const last = calls.filter((c) => c.path.startsWith('/audit-events')).at(-1)!.path;
    expect(last).toContain('actor_id=u-pia');
    expect(last).toContain('entity_type=cost');
    expect(decodeURIComponent(last)).toContain('from=2025-03-01T00:00:00+02:00');
  });

  it('pages by cursor: Next sends next_cursor, Previous goes back, the first total is kept, filters start over', async () => {
    const user = userEvent.setup();
    signIn();
    const numbered = (n: number) => ({ ...event, id: `e${n}`, entity_id: `c${n}`, after: { ...event.after, description: `Kulu ${n}` } });
    const { calls } = mockApi({
      'GET /me': () => json({ id: 'u-admin', role: 'admin', email: 'a@x.fi', name: 'Aino' }),
      'GET /users': () => json({ items: [], total: 0 }),
      'GET /audit-events': (req) => {
        const cursor = new URL(req.url).searchParams.get('cursor');
        if (!cursor) return json({ items: Array.from({ length: 50 }, (_, i) => numbered(i)), total: 51, next_cursor: 'c-50' });
        return json({ items: [numbered(50)], next_cursor: null });
      },
    });
    renderWithApp([{ path: '/admin/audit', element: <AuditPage /> }], { path: '/admin/audit' });
    expect((await screen.findAllByText(/Kulu 0$/)).length).toBeGreaterThan(0);
    expect(screen.getAllByText('Showing 1–50 of 51').length).toBeGreaterThan(0);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect((await screen.findAllByText(/Kulu 50$/)).length).toBeGreaterThan(0);
    expect(screen.getAllByText('Showing 51–51 of 51').length).toBeGreaterThan(0);
    const paged = calls.filter((c) => c.path.startsWith('/audit-events'));
    expect(paged.at(-1)?.path).toContain('cursor=c-50');
    expect(paged.every((c) => !c.path.includes('offset='))).toBe(true);
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Previous' }));
    expect((await screen.findAllByText(/Kulu 0$/)).length).toBeGreaterThan(0);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect((await screen.findAllByText(/Kulu 50$/)).length).toBeGreaterThan(0);
    await user.type(screen.getByLabelText('Action'), 'x');
    expect((await screen.findAllByText(/Kulu 0$/)).length).toBeGreaterThan(0);
    expect(calls.filter((c) => c.path.startsWith('/audit-events')).at(-1)?.path).not.toContain('cursor=');
  });
});
