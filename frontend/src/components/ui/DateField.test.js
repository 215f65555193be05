import { jsx as _jsx, Fragment as _Fragment, jsxs as _jsxs } from "react/jsx-runtime";
import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { I18nProvider } from '@/lib/i18n/i18n';
import { parseDayInput, formatDayInput } from '@/lib/i18n/dates';
import { DateField } from './DateField';
function Harness({ initial = '', spy }) {
    const [v, setV] = useState(initial);
    return (_jsxs(_Fragment, { children: [_jsx(DateField, { label: "Day", value: v, onChange: (d) => (setV(d), spy(d)), min: "2025-01-01" }), _jsx("button", { type: "button", onClick: () => setV('2025-12-24'), children: "reset" }), _jsx("output", { "data-testid": "value", children: v })] }));
}
function renderIn(locale, initial = '') {
    const spy = vi.fn();
    render(_jsx(I18nProvider, { initial: locale, children: _jsx(Harness, { initial: initial, spy: spy }) }));
    return spy;
}
describe('parseDayInput / formatDayInput', () => {
    it('reads Finnish, ISO and British days and refuses impossible ones', () => {
        expect(parseDayInput('5.3.2025')).toBe('2025-03-05');
        expect(parseDayInput('05.03.2025.')).toBe('2025-03-05');
        expect(parseDayInput(' 2025-03-05 ')).toBe('2025-03-05');
        expect(parseDayInput('05/03/2025')).toBe('2025-03-05');
        expect(parseDayInput('29.2.2025')).toBeNull();
        expect(parseDayInput('29.2.2024')).toBe('2024-02-29');
        expect(parseDayInput('2025-13-01')).toBeNull();
        expect(parseDayInput('5.3.')).toBeNull();
        expect(parseDayInput('')).toBeNull();
    });
    it('shows a day in the language of the UI', () => {
        expect(formatDayInput('2025-03-05', 'fi')).toBe('5.3.2025');
        expect(formatDayInput('2025-03-05', 'sv')).toBe('5.3.2025');
        expect(formatDayInput('2025-03-05', 'en')).toBe('2025-03-05');
    });
});
describe('DateField', () => {
    it('shows the Finnish format and gives the form an ISO day', async () => {
        const user = userEvent.setup();
        const spy = renderIn('fi', '2025-03-05');
        const input = screen.getByLabelText('Day');
        expect(input).toHaveValue('5.3.2025');
        expect(input).toHaveAttribute('placeholder', 'pp.kk.vvvv');
        expect(input).toHaveAttribute('type', 'text');
        await user.clear(input);
        await user.type(input, '24.12.2025');
        expect(spy).toHaveBeenLastCalledWith('2025-12-24');
        expect(screen.getByTestId('value')).toHaveTextContent('2025-12-24');
    });
    it('explains a day that cannot be read, and gives the form no day', async () => {
        const user = userEvent.setup();
        const spy = renderIn('en', '2025-03-05');
        const input = screen.getByLabelText('Day');
        expect(input).toHaveValue('2025-03-05');
        await user.clear(input);
        await user.type(input, '31.02.2025');
        await user.tab();
        expect(spy).toHaveBeenLastCalledWith('');
        expect(screen.getByText(/Check the date/)).toBeInTheDocument();
        expect(input).toHaveValue('31.02.2025');
        expect(input).toHaveAttribute('aria-invalid', 'true');
    });
    it('checks the earliest day and follows a value set from outside', async () => {
        const user = userEvent.setup();
        renderIn('en');
        const input = screen.getByLabelText('Day');
        await user.type(input, '2024-12-31');
        await user.tab();
        expect(screen.getByText(/2025-01-01 at the earliest/)).toBeInTheDocument();
        await user.click(screen.getByRole('button', { name: 'reset' }));
        expect(input).toHaveValue('2025-12-24');
    });
});
