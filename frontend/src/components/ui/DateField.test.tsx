import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { I18nProvider } from '@/lib/i18n/i18n';
import type { Locale } from '@/lib/i18n/format';
import { parseDayInput, formatDayInput } from '@/lib/i18n/dates';
import { DateField } from './DateField';

function Harness({ initial = '', spy }: { initial?: string; spy: (d: string) => void }) {
  const [v, setV] = useState(initial);
  return (
    <>
      <DateField label="Day" value={v} onChange={(d) => (setV(d), spy(d))} min="2025-01-01" />
      <button type="button" onClick={() => setV('2025-12-24')}>
        reset
      </button>
      <output data-testid="value">{v}</output>
    </>
  );
}

function renderIn(locale: Locale, initial = '') {
  const spy = vi.fn();
  render(
    <I18nProvider initial={locale}>
      <Harness initial={initial} spy={spy} />
    </I18nProvider>,
  );
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
    expect(formatDayInput('2025-03-05', 'sv')).toBe('2025-03-05');
    expect(formatDayInput('2025-03-05', 'en')).toBe('05/03/2025');
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
    expect(input).toHaveValue('05/03/2025');
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
    expect(screen.getByText(/01\/01\/2025 at the earliest/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'reset' }));
    expect(input).toHaveValue('24/12/2025');
  });
});

describe('DayPicker', () => {
  it('opens a month in the UI language and picks a day into the field', async () => {
    const user = userEvent.setup();
    const spy = renderIn('fi', '2025-03-05');
    await user.click(screen.getByRole('button', { name: 'Valitse päivä kalenterista: Day' }));
    const picker = screen.getByRole('dialog', { name: 'Valitse päivä kalenterista: Day' });
    expect(picker).toHaveTextContent('maaliskuu 2025');
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['ma', 'ti', 'ke', 'to', 'pe', 'la', 'su']);
    // The chosen day is marked and has the focus; arrows move by a day or a week.
    expect(screen.getByRole('button', { name: 'ke 5.3.2025' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: 'ke 5.3.2025' })).toHaveFocus();
    await user.keyboard('{ArrowDown}{ArrowRight}');
    expect(screen.getByRole('button', { name: 'to 13.3.2025' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Seuraava kuukausi' }));
    expect(picker).toHaveTextContent('huhtikuu 2025');
    await user.click(screen.getByRole('button', { name: 'ti 15.4.2025' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByLabelText('Day')).toHaveValue('15.4.2025');
    expect(spy).toHaveBeenLastCalledWith('2025-04-15');
  });

  it('speaks Swedish and English too, and keeps days before min out of reach', async () => {
    const user = userEvent.setup();
    renderIn('sv', '2025-01-02');
    await user.click(screen.getByRole('button', { name: /Välj dag i kalendern/ }));
    expect(screen.getByRole('dialog')).toHaveTextContent('januari 2025');
    expect(screen.getByRole('button', { name: 'tors 2025-01-02' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: 'tis 2024-12-31' })).toBeDisabled();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
