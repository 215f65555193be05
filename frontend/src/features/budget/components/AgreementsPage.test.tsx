import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { json, mockApi, renderWithApp, signIn } from '@/testing/render';
import { AgreementsPage } from './AgreementsPage';

const agreement = (id: string, name: string, allowed_actions: string[]) => ({
  id,
  name,
  version: 1,
  starts_on: '2025-01-01',
  ends_on: '2025-12-31',
  departments: [{ department_id: 'd1', name: 'Sosiaalitoimi', code: 'HVA-4100', organisation: 'Kaarina', share_bp: 10000, budget_cents: 100_000 }],
  category_rules: [],
  allowed_actions,
});

function setUp(role: string) {
  signIn();
  mockApi({
    'GET /me': () => json({ id: 'u1', role, email: 'u@x.fi', unit_ids: [], scopes: [] }),
    'GET /agreements': () => json({ items: [agreement('a1', 'Yhteisbudjetti 2025', ['update', 'delete']), agreement('a2', 'Vanha sopimus', [])], total: 2 }),
    'GET /departments': () => json({ items: [], total: 0 }),
  });
  renderWithApp(<AgreementsPage />);
}

describe('AgreementsPage', () => {
  it('offers Edit only on the agreements whose allowed_actions list it', async () => {
    setUp('producer');
    expect(await screen.findByRole('link', { name: 'Edit: Yhteisbudjetti 2025' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Edit: Vanha sopimus' })).toBeNull();
    expect(screen.getByRole('link', { name: 'New agreement' })).toBeInTheDocument();
  });

  it('offers a manager no New agreement', async () => {
    setUp('manager');
    await screen.findByRole('heading', { level: 2, name: /Vanha sopimus/ });
    expect(screen.queryByRole('link', { name: 'New agreement' })).toBeNull();
  });
});
