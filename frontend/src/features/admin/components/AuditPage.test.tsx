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
});
