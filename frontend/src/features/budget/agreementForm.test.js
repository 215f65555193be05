import { describe, expect, it } from 'vitest';
import { emptyAgreement, fromAgreement, parseShare, shareText, sumShares, toAgreementBody } from './agreementForm';
const tx = { required: 'req', badShare: 'bad share', sum: 'sum', badMoney: 'bad money', endBeforeStart: 'order', duplicate: 'dup' };
describe('agreement form', () => {
    it('reads shares as percentages into basis points and back', () => {
        expect(parseShare('50')).toBe(5000);
        expect(parseShare('33,33')).toBe(3333);
        expect(parseShare('12.5 %')).toBe(1250);
        expect(parseShare('100')).toBe(10000);
        expect(parseShare('100,01')).toBeNull();
        expect(parseShare('-5')).toBeNull();
        expect(parseShare('1,234')).toBeNull();
        expect(shareText(5000)).toBe('50');
        expect(shareText(3333)).toBe('33,33');
        expect(shareText(1250)).toBe('12,5');
        expect(sumShares(['33,33', '66,67', ''])).toEqual({ bp: 10000, unreadable: 0 });
        expect(sumShares(['x', '50'])).toEqual({ bp: 5000, unreadable: 1 });
    });
    it('builds the body with shares in bp, budgets in cents and per-category rules', () => {
        const v = {
            ...emptyAgreement('2026-05-01'),
            name: ' Tuottaja 2026 ',
            departments: [
                { department_id: 'd1', share: '60', budget: '30 000' },
                { department_id: 'd2', share: '40', budget: '20000,50' },
            ],
            rules: [{ category: 'salary', shares: { d1: '50', d2: '50' } }],
        };
        const r = toAgreementBody(v, tx);
        expect(r).toEqual({
            body: {
                name: 'Tuottaja 2026',
                starts_on: '2026-01-01',
                ends_on: '2026-12-31',
                departments: [
                    { department_id: 'd1', share_bp: 6000, budget_cents: 3000000 },
                    { department_id: 'd2', share_bp: 4000, budget_cents: 2000050 },
                ],
                category_rules: [{ category: 'salary', shares: [{ department_id: 'd1', share_bp: 5000 }, { department_id: 'd2', share_bp: 5000 }] }],
            },
        });
    });
    it('refuses shares that do not sum to 100 %, duplicates and bad values', () => {
        const base = { ...emptyAgreement('2026-01-01'), name: 'A' };
        expect(toAgreementBody({ ...base, departments: [{ department_id: 'd1', share: '50', budget: '' }, { department_id: 'd2', share: '49,99', budget: '' }] }, tx)).toEqual({ errors: { departments: 'sum' } });
        const r = toAgreementBody({ ...base, departments: [{ department_id: 'd1', share: '50', budget: 'x' }, { department_id: 'd1', share: 'abc', budget: '' }], rules: [{ category: 'travel', shares: { d1: '10' } }] }, tx);
        expect(r).toMatchObject({ errors: { 'departments.0.budget_cents': 'bad money', 'departments.1.department_id': 'dup', 'departments.1.share_bp': 'bad share' } });
        expect(toAgreementBody({ ...base, name: '', ends_on: '2025-01-01' }, tx)).toEqual({ errors: { name: 'req', ends_on: 'order', departments: 'req' } });
    });
    it('fills the form from an agreement', () => {
        const a = {
            id: 'a1', name: 'A', starts_on: '2026-01-01', ends_on: '2026-12-31', version: 2, created_at: '', updated_at: '',
            departments: [{ department_id: 'd1', code: 'S', name: 'Sote', organisation: 'HVA', share_bp: 5000, budget_cents: 1234500 }],
            category_rules: [{ category: 'salary', shares: [{ department_id: 'd1', share_bp: 10000 }] }],
        };
        expect(fromAgreement(a)).toEqual({
            name: 'A', starts_on: '2026-01-01', ends_on: '2026-12-31',
            departments: [{ department_id: 'd1', share: '50', budget: '12345,00' }],
            rules: [{ category: 'salary', shares: { d1: '100' } }],
        });
    });
});
