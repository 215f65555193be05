import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { json, mockApi, renderWithApp, signIn } from '@/testing/render';
import { IdeasPage } from './IdeasPage';

const idea = (id: string, title: string, status: string, allowed_actions: string[], activity_id: string | null = null) => ({
  id,
  title,
  status,
  allowed_actions,
  activity_id,
  version: 1,
  committee_id: 'c1',
  unit_id: 'unit-1',
  description: '',
  source: 'resident',
  votes: 0,
  priority: null,
  created_at: '2025-03-01T10:00:00Z',
  updated_at: '2025-03-01T10:00:00Z',
  status_changed_at: '2025-03-01T10:00:00Z',
});

const cardOf = async (title: string) => within((await screen.findByRole('heading', { level: 3, name: title })).closest('li')!);

function setUp(role: string, ideas: ReturnType<typeof idea>[]) {
  signIn();
  mockApi({
    'GET /me': () => json({ id: 'u1', role, email: 'u@x.fi', unit_ids: ['unit-1'], scopes: [] }),
    'GET /committees': () => json({ items: [{ id: 'c1', name: 'Koivukodin kulttuuritoimikunta', unit_id: 'unit-1' }], total: 1 }),
    'GET /ideas': () => json({ items: ideas, total: ideas.length }),
  });
  renderWithApp(<IdeasPage />);
}

describe('IdeasPage', () => {
  it('shows each idea only the actions the API lists for it', async () => {
    setUp('mentor', [
      idea('i1', 'Tanssiaiset', 'new', ['update', 'delete', 'vote']),
      idea('i2', 'Runoilta', 'new', ['vote']),
      idea('i3', 'Kuoro', 'planned', []),
    ]);
    const all = await cardOf('Tanssiaiset');
    expect(all.getByRole('button', { name: '+1 Add a vote: Tanssiaiset' })).toBeInTheDocument();
    expect(all.getByLabelText('Priority: Tanssiaiset')).toBeInTheDocument();
    expect(all.getByRole('button', { name: 'Mark as planned' })).toBeInTheDocument();
    expect(all.getByRole('button', { name: 'Decline' })).toBeInTheDocument();

    const voteOnly = await cardOf('Runoilta');
    expect(voteOnly.getByRole('button', { name: '+1 Add a vote: Runoilta' })).toBeInTheDocument();
    expect(voteOnly.getAllByRole('button')).toHaveLength(1);
    expect(voteOnly.queryByLabelText('Priority: Runoilta')).toBeNull();

    const none = await cardOf('Kuoro');
    expect(none.queryAllByRole('button')).toHaveLength(0);
    expect(none.queryByRole('combobox')).toBeNull();
    // A mentor files new ideas.
    expect(screen.getByRole('heading', { name: 'New idea' })).toBeInTheDocument();
  });

  it('offers a viewer no idea form and no button on an idea without actions', async () => {
    setUp('viewer', [idea('i1', 'Tanssiaiset', 'new', [])]);
    expect((await cardOf('Tanssiaiset')).queryAllByRole('button')).toHaveLength(0);
    expect(screen.queryByRole('heading', { name: 'New idea' })).toBeNull();
  });
});
