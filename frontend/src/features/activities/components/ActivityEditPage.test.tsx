import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockApi, renderWithApp, signIn } from '@/testing/render';
import { ActivityEditPage } from './ActivityEditPage';

function setUp(role: 'producer' | 'mentor') {
  signIn();
  const api = mockApi({
    'GET /me': () => json({ id: 'u1', role, email: 'u@x.fi', name: 'Pia', unit_ids: ['unit-1'], scopes: [] }),
    'GET /units': () => json({ items: [{ id: 'unit-1', name: 'Koivukoti' }], total: 1 }),
    'GET /partners': () => json({ items: [], total: 0 }),
    'GET /series': () => json({ items: [], total: 0 }),
    'POST /ideas/i1/activity': () => json({ id: 'a9', version: 1, allowed_actions: [] }, 201),
  });
  renderWithApp(
    [
      { path: '/activities/new', element: <ActivityEditPage /> },
      { path: '/activities/:id', element: <p>saved</p> },
    ],
    { path: '/activities/new?title=Tanssiaiset&description=El%C3%A4v%C3%A4%C3%A4+musiikkia&idea_id=i1&unit_id=unit-1&day=2026-06-02' },
  );
  return api;
}

describe('ActivityEditPage from an idea', () => {
  it('lets the producer plan the wish at once, prefilled from the idea, and links the idea on save', async () => {
    const user = userEvent.setup();
    const { calls } = setUp('producer');
    expect(await screen.findByLabelText(/^Title/)).toHaveValue('Tanssiaiset');
    expect(screen.getByLabelText(/^Status/)).toHaveValue('planned');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('saved');
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.path).toBe('/ideas/i1/activity');
    expect(post?.body).toMatchObject({ title: 'Tanssiaiset', description: 'Elävää musiikkia', unit_ids: ['unit-1'], status: 'planned' });
  });

  it('lets a mentor only propose it', async () => {
    const user = userEvent.setup();
    const { calls } = setUp('mentor');
    await screen.findByLabelText(/^Title/);
    await waitFor(() => expect(screen.getByLabelText(/^Status/)).toHaveValue('proposed'));
    expect(Array.from(screen.getByLabelText<HTMLSelectElement>(/^Status/).options).map((o) => o.value)).toEqual(['proposed']);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('saved');
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({ status: 'proposed' });
  });
});
