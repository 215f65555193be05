import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { json, mockApi, renderWithApp, signIn } from '@/testing/render';
import { PartnersPage } from './PartnersPage';

const partner = (id: string, name: string, allowed_actions: string[]) => ({
  id,
  name,
  version: 1,
  kind: 'association',
  sector: 'third',
  contact_name: '',
  email: '',
  phone: '',
  website: '',
  municipality: 'Tampere',
  notes: '',
  active: true,
  allowed_actions,
});

const rowOf = async (name: string) => (await screen.findByRole('rowheader', { name })).closest('tr')!;

describe('PartnersPage', () => {
  it('shows on each row exactly the actions the API lists for it, whatever the role', async () => {
    signIn();
    mockApi({
      // An admin: before, an admin saw Edit and Delete on every row.
      'GET /me': () => json({ id: 'a1', role: 'admin', email: 'a@x.fi', unit_ids: [], scopes: [] }),
      'GET /partners': () =>
        json({ items: [partner('p1', 'Kirjasto', ['update', 'delete']), partner('p2', 'Teatteri', ['update']), partner('p3', 'Museo', [])], total: 3 }),
    });
    renderWithApp(<PartnersPage />);
    const all = within(await rowOf('Kirjasto'));
    expect(all.getByRole('button', { name: 'Edit: Kirjasto' })).toBeInTheDocument();
    expect(all.getByRole('button', { name: 'Delete: Kirjasto' })).toBeInTheDocument();
    const updateOnly = within(await rowOf('Teatteri'));
    expect(updateOnly.getByRole('button', { name: 'Edit: Teatteri' })).toBeInTheDocument();
    expect(updateOnly.queryByRole('button', { name: /Delete/ })).toBeNull();
    expect(within(await rowOf('Museo')).queryAllByRole('button')).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'New partner' })).toBeInTheDocument();
  });

  it('offers no New button to a role the API refuses to create for, and no row button without an action', async () => {
    signIn();
    mockApi({
      'GET /me': () => json({ id: 'm1', role: 'manager', email: 'm@x.fi', unit_ids: [], scopes: [] }),
      'GET /partners': () => json({ items: [partner('p1', 'Kirjasto', [])], total: 1 }),
    });
    renderWithApp(<PartnersPage />);
    expect(within(await rowOf('Kirjasto')).queryAllByRole('button')).toHaveLength(0);
    expect(screen.queryByRole('button', { name: 'New partner' })).toBeNull();
  });
});
