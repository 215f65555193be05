import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { json, mockApi, renderWithApp, signIn } from '@/testing/render';
import { DepartmentsPage } from './DepartmentsPage';

const department = (id: string, name: string, allowed_actions: string[]) => ({
  id,
  name,
  version: 1,
  code: `D-${id}`,
  kind: 'social_care',
  organisation: 'Hyvinvointialue',
  allowed_actions,
});

const rowOf = async (name: string) => (await screen.findByRole('rowheader', { name })).closest('tr')!;

describe('DepartmentsPage', () => {
  it('offers Delete only on a department nothing refers to (the API leaves delete out for one in use)', async () => {
    signIn();
    mockApi({
      'GET /me': () => json({ id: 'a1', role: 'admin', email: 'a@x.fi', unit_ids: [], scopes: [] }),
      'GET /departments': () =>
        json({ items: [department('d1', 'Vapaa osasto', ['update', 'delete']), department('d2', 'Käytössä oleva', ['update'])], total: 2 }),
    });
    renderWithApp(<DepartmentsPage />);
    const free = within(await rowOf('Vapaa osasto'));
    expect(free.getByRole('button', { name: 'Edit: Vapaa osasto' })).toBeInTheDocument();
    expect(free.getByRole('button', { name: 'Delete: Vapaa osasto' })).toBeInTheDocument();
    const inUse = within(await rowOf('Käytössä oleva'));
    expect(inUse.getByRole('button', { name: 'Edit: Käytössä oleva' })).toBeInTheDocument();
    expect(inUse.queryByRole('button', { name: /Delete/ })).toBeNull();
  });
});
