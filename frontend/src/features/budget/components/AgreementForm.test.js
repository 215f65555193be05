import { jsx as _jsx } from "react/jsx-runtime";
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp, json, mockApi, signIn } from '@/testing/render';
import { AgreementForm } from './AgreementForm';
import { emptyAgreement } from '../agreementForm';
describe('AgreementForm', () => {
    it('shows the running sum of shares and sends bp and cents once it is 100 %', async () => {
        const user = userEvent.setup();
        signIn();
        mockApi({
            'GET /me': () => json({ id: 'u1', role: 'producer', email: 'p@x.fi', name: 'Pia' }),
            'GET /departments': () => json({ items: [{ id: 'd1', name: 'Sote' }, { id: 'd2', name: 'Kulttuuri' }], total: 2 }),
        });
        const save = vi.fn(async () => ({}));
        renderWithApp(_jsx(AgreementForm, { initial: emptyAgreement('2026-03-01'), save: save, onCancel: () => { } }));
        await user.type(screen.getByLabelText(/^Name/), 'Tuottaja 2026');
        await user.click(screen.getByRole('button', { name: 'Add a department' }));
        await user.click(screen.getByRole('button', { name: 'Add a department' }));
        await waitFor(() => expect(screen.getAllByRole('option', { name: 'Sote' })).toHaveLength(2));
        await user.selectOptions(screen.getByLabelText(/^Department 1/), 'd1');
        await user.selectOptions(screen.getByLabelText(/^Department 2/), 'd2');
        const shares = screen.getAllByLabelText(/^Share %/);
        expect(shares[0]).toHaveValue('100');
        await user.clear(shares[0]);
        await user.type(shares[0], '60');
        await user.type(shares[1], '30');
        expect(screen.getByTestId('share-sum')).toHaveTextContent('Shares total 90.00 % of 100 % — 10.00 % off');
        await user.click(screen.getByRole('button', { name: 'Save' }));
        expect(save).not.toHaveBeenCalled();
        expect(screen.getByText('The shares must sum to exactly 100 %.')).toBeInTheDocument();
        await user.clear(shares[1]);
        await user.type(shares[1], '40');
        expect(screen.getByTestId('share-sum')).toHaveTextContent('Shares total 100.00 % of 100 %');
        const budgets = screen.getAllByLabelText(/^Annual budget/);
        await user.type(budgets[0], '30000');
        await user.type(budgets[1], '20 000,50');
        expect(screen.getByTestId('share-sum')).toHaveTextContent(/budgets total €50,000.50/);
        // A per-category rule, starting from the default shares.
        await user.click(screen.getByRole('button', { name: 'Add a category rule' }));
        const ruleShares = screen.getAllByLabelText(/^Share %: /);
        await user.clear(ruleShares[0]);
        await user.type(ruleShares[0], '50');
        await user.clear(ruleShares[1]);
        await user.type(ruleShares[1], '50');
        await user.click(screen.getByRole('button', { name: 'Save' }));
        expect(save).toHaveBeenCalledWith({
            name: 'Tuottaja 2026',
            starts_on: '2026-01-01',
            ends_on: '2026-12-31',
            departments: [
                { department_id: 'd1', share_bp: 6000, budget_cents: 3000000 },
                { department_id: 'd2', share_bp: 4000, budget_cents: 2000050 },
            ],
            category_rules: [{ category: 'salary', shares: [{ department_id: 'd1', share_bp: 5000 }, { department_id: 'd2', share_bp: 5000 }] }],
        });
    });
});
