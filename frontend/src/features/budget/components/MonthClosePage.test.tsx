import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp, json, mockApi, signIn } from '@/testing/render';
import { firstMonth, monthEnd, MonthClosePage } from './MonthClosePage';
import { CostsPage } from './CostsPage';
import { sharesKey } from './AgreementEditPage';
import type { PeriodView } from '../api/budget';

const depA = 'aaaaaaaa-0000-0000-0000-000000000001';
const depB = 'bbbbbbbb-0000-0000-0000-000000000002';

function period(month: string, over: Partial<PeriodView> = {}): PeriodView {
  return {
    agreement_id: 'ag1',
    month,
    status: 'open',
    version: 1,
    approvals: [],
    locked_at: null,
    locked_by: null,
    ended: true,
    approvable_from: monthEnd(month),
    waiting_for: [],
    allowed_actions: [],
    basis: null,
    ...over,
  } as PeriodView;
}

const agreement = {
  id: 'ag1',
  name: 'Tuottaja 2025',
  starts_on: '2025-09-01',
  ends_on: '2025-12-31',
  version: 1,
  departments: [
    { department_id: depA, code: 'HVA-4100', name: 'Ikääntyneiden palvelut', organisation: 'Hyvinvointialue', share_bp: 5000, budget_cents: 1_000_000 },
    { department_id: depB, code: 'KUNTA-7200', name: 'Kulttuuripalvelut', organisation: 'Kunta', share_bp: 5000, budget_cents: 1_000_000 },
  ],
  category_rules: [],
  account_codes: {},
};

const split = {
  agreement_id: 'ag1',
  from: '2025-10-01',
  to: '2025-10-31',
  total_cents: 20000,
  entry_count: 1,
  elapsed_bp: 5000,
  departments: [
    { department_id: depA, code: 'HVA-4100', name: 'Ikääntyneiden palvelut', share_bp: 5000, total_cents: 10000, budget_cents: 1_000_000, used_cents: 250000, remaining_cents: 750000, used_bp: 2500, by_category: { salary: 10000 }, by_unit: [{ unit_id: null, unit_name: '', total_cents: 10000 }], by_month: [] },
    { department_id: depB, code: 'KUNTA-7200', name: 'Kulttuuripalvelut', share_bp: 5000, total_cents: 10000, budget_cents: 1_000_000, used_cents: 250000, remaining_cents: 750000, used_bp: 2500, by_category: { salary: 10000 }, by_unit: [], by_month: [] },
  ],
};

const cost = (amount: number, day = '2025-10-20') => ({
  id: 'c1',
  version: 1,
  agreement_id: 'ag1',
  incurred_on: day,
  amount_cents: amount,
  category: 'salary',
  description: 'Tuottajan palkka',
  allowed_actions: ['update', 'delete'] as ('update' | 'delete')[],
  activity_id: null,
  unit_id: null,
  shares: null,
  share_source: 'default',
  allocations: [
    { department_id: depA, code: 'HVA-4100', share_bp: 5000, amount_cents: Math.ceil(amount / 2) },
    { department_id: depB, code: 'KUNTA-7200', share_bp: 5000, amount_cents: Math.floor(amount / 2) },
  ],
  created_at: '2025-11-01T10:00:00Z',
  updated_at: '2025-11-01T10:00:00Z',
});

describe('month close helpers', () => {
  it('opens on the earliest month the user can act on', () => {
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(monthEnd('2025-12')).toBe('2025-12-31');
    const list = [period('2025-09', { status: 'locked' }), period('2025-10'), period('2025-11', { allowed_actions: ['approve'] }), period('2025-12', { ended: false })];
    expect(firstMonth(list)).toBe('2025-11');
    expect(firstMonth(list.map((p) => ({ ...p, allowed_actions: [] })))).toBe('2025-10');
    expect(firstMonth([period('2025-09', { status: 'locked' }), period('2025-10', { ended: false })])).toBe('2025-09');
  });
});

describe('MonthClosePage', () => {
  it('shows a manager exactly the month awaiting them, what changed since their approval, and approves it', async () => {
    const user = userEvent.setup();
    signIn();
    let approved = false;
    const api = mockApi({
      'GET /me': () => json({ id: 'u1', role: 'manager', email: 'm@x.fi', name: 'Maija', department_id: depA }),
      'GET /agreements': () => json({ items: [agreement], total: 1 }),
      'GET /agreements/ag1': () => json(agreement),
      'GET /agreements/ag1/periods': () =>
        json({
          items: [
            period('2025-09', { status: 'locked', locked_at: '2025-10-05T10:00:00Z' }),
            period('2025-10', {
              approvals: approved ? [{ department_id: depA, user_id: 'u1', user_name: 'Maija', at: '2025-11-03T09:00:00Z' }] : [],
              waiting_for: approved ? [{ department_id: depB, code: 'KUNTA-7200', name: 'Kulttuuripalvelut', organisation: 'Kunta' }] : [],
              allowed_actions: approved ? [] : ['approve'],
            }),
            period('2025-11', { ended: false, approvable_from: '2025-12-01' }),
          ],
          total: 3,
        }),
      'GET /agreements/ag1/split': () => json(split),
      'GET /agreements/ag1/periods/2025-10/changes': () =>
        json({
          items: [{ cost_id: 'c1', action: 'updated', at: '2025-11-02T12:00:00Z', by: 'p1', by_name: 'Tuottaja', before: cost(18000), after: cost(20000) }],
          total: 1,
          since: '2025-11-01T08:00:00Z',
          since_approval_by: 'Maija',
        }),
      'GET /costs': () => json({ items: [cost(20000)], total: 1 }),
      'POST /agreements/ag1/periods/2025-10/approve': () => {
        approved = true;
        return json(period('2025-10', { approvals: [{ department_id: depA, user_id: 'u1', user_name: 'Maija', at: '2025-11-03T09:00:00Z' }] }));
      },
    });
    renderWithApp(<MonthClosePage />);
    // October: the earliest month awaiting this manager, not the locked September.
    expect(await screen.findByRole('heading', { level: 2, name: /October 2025/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { current: 'date' })).toHaveTextContent('October 2025');
    // Only the manager's own department's share of that month.
    const share = await screen.findByRole('region', { name: 'Share: Ikääntyneiden palvelut' });
    expect(within(share).getAllByText('€100.00').length).toBeGreaterThan(0);
    expect(within(share).getByText(/€2,500.00 \/ €10,000.00/)).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Share: Kulttuuripalvelut' })).not.toBeInTheDocument();
    // The split and the entries are asked for that month only.
    await waitFor(() => expect(api.calls.some((c) => c.path.startsWith('/agreements/ag1/split?from=2025-10-01&to=2025-10-31'))).toBe(true));
    expect(api.calls.find((c) => c.path.startsWith('/costs'))?.path).toMatch(/from=2025-10-01.*to=2025-10-31/);
    // What changed since the last approval, with the manager's part before and after.
    const changes = screen.getByRole('region', { name: 'Changes since your last approval' });
    expect(await within(changes).findByText('changed')).toBeInTheDocument();
    expect(within(changes).getByText('€90.00 → €100.00')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Approve month' }));
    expect(await screen.findByText('Month approved.')).toBeInTheDocument();
    expect(await screen.findByText('Waiting for Kulttuuripalvelut')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve month' })).not.toBeInTheDocument();
    // A month not yet ended says from when it can be approved.
    await user.click(screen.getByRole('button', { name: /November 2025/ }));
    expect(await screen.findByText(/^The month has not ended yet. It can be approved from /)).toBeInTheDocument();
  }, 20_000);

  it('offers the producer Lock only when every department approved, and the basis once locked', async () => {
    const user = userEvent.setup();
    signIn();
    let locked = false;
    mockApi({
      'GET /me': () => json({ id: 'p1', role: 'producer', email: 'p@x.fi', name: 'Pia' }),
      'GET /agreements': () => json({ items: [agreement], total: 1 }),
      'GET /agreements/ag1': () => json(agreement),
      'GET /agreements/ag1/periods': () =>
        json({
          items: [
            period('2025-09', { waiting_for: [{ department_id: depB, code: 'KUNTA-7200', name: 'Kulttuuripalvelut', organisation: 'Kunta' }] }),
            locked
              ? period('2025-10', { status: 'locked', locked_at: '2025-11-05T10:00:00Z', basis: { id: 'b1', number: 7, revision: 1 } as never, allowed_actions: [] })
              : period('2025-10', { status: 'approved', allowed_actions: ['lock'] }),
          ],
          total: 2,
        }),
      'GET /agreements/ag1/split': () => json(split),
      'GET /agreements/ag1/periods/.*/changes': () => json({ items: [], total: 0, since: null, since_approval_by: '' }),
      'GET /costs': () => json({ items: [], total: 0 }),
      'GET /agreements/ag1/periods/2025-10/bases': () =>
        json({ items: [{ id: 'b1', number: 7, revision: 1, corrects: null, month: '2025-10', total_cents: 20000, locked_at: '2025-11-05T10:00:00Z' }], total: 1 }),
      'POST /agreements/ag1/periods/2025-10/lock': () => {
        locked = true;
        return json(period('2025-10', { status: 'locked' }));
      },
    });
    renderWithApp(<MonthClosePage />);
    expect(await screen.findByRole('heading', { level: 2, name: /October 2025/ })).toBeInTheDocument();
    expect(screen.getByText('Every party has approved the month. It can be locked now.')).toBeInTheDocument();
    expect(screen.getByText('The invoicing basis is made when the month is locked.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Lock month' }));
    expect(await screen.findByText('Month locked.')).toBeInTheDocument();
    expect(await screen.findByText('No. 7, revision 1')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'PDF: No. 7, revision 1' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Journal (CSV): No. 7, revision 1' })).toBeInTheDocument();
    // September still waits for a department: no Lock, and it says for whom.
    await user.click(screen.getByRole('button', { name: /September 2025/ }));
    expect(await screen.findByText('Waiting for Kulttuuripalvelut')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Lock month' })).not.toBeInTheDocument();
  }, 20_000);

  it('opens the agreement and month a link names (a notification’s link)', async () => {
    signIn();
    const other = { ...agreement, id: 'ag0', name: 'Toinen sopimus' };
    mockApi({
      'GET /me': () => json({ id: 'p1', role: 'producer', email: 'p@x.fi', name: 'Pia' }),
      'GET /agreements': () => json({ items: [other, agreement], total: 2 }),
      'GET /agreements/ag1': () => json(agreement),
      'GET /agreements/ag1/periods': () => json({ items: [period('2025-09', { allowed_actions: ['lock'] }), period('2025-10')], total: 2 }),
      'GET /agreements/ag1/split': () => json(split),
      'GET /agreements/ag1/periods/.*/changes': () => json({ items: [], total: 0, since: null, since_approval_by: '' }),
      'GET /costs': () => json({ items: [], total: 0 }),
    });
    renderWithApp(<MonthClosePage />, { path: '/month-close?agreement=ag1&month=2025-10' });
    expect(await screen.findByRole('heading', { level: 2, name: /October 2025/ })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Agreement' })).toHaveValue('ag1');
  }, 20_000);
});

describe('CostsPage', () => {
  it('asks before a change that withdraws approvals, and reports what fell', async () => {
    const user = userEvent.setup();
    signIn();
    const approvals = [
      { department_id: depA, user_id: 'u1', user_name: 'Maija', at: '2025-11-03T09:00:00Z' },
      { department_id: depB, user_id: 'u2', user_name: 'Kalle', at: '2025-11-04T09:00:00Z' },
    ];
    const api = mockApi({
      'GET /me': () => json({ id: 'p1', role: 'producer', email: 'p@x.fi', name: 'Pia' }),
      'GET /agreements': () => json({ items: [agreement], total: 1 }),
      'GET /units': () => json({ items: [], total: 0 }),
      'GET /departments': () => json({ items: [{ id: depA, name: 'Ikääntyneiden palvelut' }, { id: depB, name: 'Kulttuuripalvelut' }], total: 2 }),
      'GET /costs': () => json({ items: [], total: 0 }),
      'GET /agreements/ag1/periods/2025-10': () => json(period('2025-10', { status: 'approved', approvals })),
      'POST /costs': () =>
        json(
          {
            ...cost(5000, '2025-10-30'),
            withdrawn_approvals: approvals.map((a) => ({ ...a, month: '2025-10' })),
          },
          201,
        ),
    });
    renderWithApp(<CostsPage />);
    await user.click(await screen.findByRole('button', { name: 'New cost' }));
    await user.type(screen.getByLabelText(/^Date/), '30.10.2025');
    await user.type(screen.getByLabelText(/^Amount/), '50');
    await user.type(screen.getByLabelText(/^Description/), 'Myöhästynyt lasku');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    // Nothing is sent before the producer confirms.
    expect(await screen.findByText(/This change withdraws 2 approvals: October 2025 Ikääntyneiden palvelut \(Maija\); October 2025 Kulttuuripalvelut \(Kalle\)/)).toBeInTheDocument();
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Save anyway' }));
    expect(await screen.findByText(/Saved. The change withdrew 2 approvals: October 2025 Ikääntyneiden palvelut \(Maija\)/)).toBeInTheDocument();
    expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  }, 20_000);
});

describe('deleting a cost in an approved month', () => {
  it('says in the confirmation which approvals fall, and reports them after', async () => {
    const user = userEvent.setup();
    signIn();
    const approvals = [{ department_id: depA, user_id: 'u1', user_name: 'Maija', at: '2025-11-03T09:00:00Z' }];
    mockApi({
      'GET /me': () => json({ id: 'p1', role: 'producer', email: 'p@x.fi', name: 'Pia' }),
      'GET /agreements': () => json({ items: [agreement], total: 1 }),
      'GET /units': () => json({ items: [], total: 0 }),
      'GET /departments': () => json({ items: [{ id: depA, name: 'Ikääntyneiden palvelut' }, { id: depB, name: 'Kulttuuripalvelut' }], total: 2 }),
      'GET /costs': () => json({ items: [cost(5000)], total: 1 }),
      'GET /agreements/ag1/periods/2025-10': () => json(period('2025-10', { approvals })),
      'DELETE /costs/c1': () => json({ id: 'c1', withdrawn_approvals: approvals.map((a) => ({ ...a, month: '2025-10' })) }),
    });
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    renderWithApp(<CostsPage />);
    await user.click(await screen.findByRole('button', { name: /^Delete/ }));
    await waitFor(() => expect(confirm).toHaveBeenCalled());
    expect(confirm.mock.calls[0][0]).toMatch(/This change withdraws 1 approval: October 2025 Ikääntyneiden palvelut \(Maija\)/);
    expect(await screen.findByText(/The change withdrew 1 approval: October 2025 Ikääntyneiden palvelut \(Maija\)/)).toBeInTheDocument();
    confirm.mockRestore();
  }, 20_000);
});

describe('a change of the agreement', () => {
  it('counts as a change of shares only when the split would change', () => {
    const a = { departments: [{ department_id: depA, share_bp: 5000 }, { department_id: depB, share_bp: 5000 }], category_rules: [] };
    expect(sharesKey(a)).toBe(sharesKey({ ...a, category_rules: null }));
    expect(sharesKey(a)).not.toBe(sharesKey({ departments: [{ department_id: depA, share_bp: 6000 }, { department_id: depB, share_bp: 4000 }] }));
    const rules = (x: number) => [{ category: 'venue', shares: [{ department_id: depA, share_bp: x }, { department_id: depB, share_bp: 10000 - x }] }];
    expect(sharesKey({ ...a, category_rules: rules(3000) })).not.toBe(sharesKey({ ...a, category_rules: rules(4000) }));
    expect(sharesKey({ ...a, category_rules: rules(3000) })).toBe(sharesKey({ ...a, category_rules: rules(3000) }));
  });
});
