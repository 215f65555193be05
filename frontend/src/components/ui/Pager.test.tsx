import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nProvider } from '@/lib/i18n/i18n';
import { pageOf } from '@/lib/api/types';
import { Pager, useCursorPager } from './misc';

type List = { items: number[]; total?: number; total_is_estimate?: boolean; next_cursor?: string | null };

function Harness({ first, second }: { first: List; second: List }) {
  const pager = useCursorPager('k');
  const page = pageOf(pager.index === 0 ? first : second);
  return <Pager pager={pager} limit={2} page={page} />;
}

describe('Pager', () => {
  it('says "about" while the first page counted an estimate, on later pages too (ADR 0170)', async () => {
    render(
      <I18nProvider initial="en">
        <Harness first={{ items: [1, 2], total: 1000053, total_is_estimate: true, next_cursor: 'c1' }} second={{ items: [3, 4], next_cursor: 'c2' }} />
      </I18nProvider>,
    );
    expect(screen.getByRole('navigation').getAttribute('aria-label')).toMatch(/^Showing 1–2 of about 1\D?000\D?053$/);
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('navigation').getAttribute('aria-label')).toMatch(/^Showing 3–4 of about 1\D?000\D?053$/);
  });

  it('gives an exact total as it is', () => {
    render(
      <I18nProvider initial="en">
        <Harness first={{ items: [1, 2], total: 7, total_is_estimate: false, next_cursor: 'c1' }} second={{ items: [] }} />
      </I18nProvider>,
    );
    expect(screen.getByRole('navigation').getAttribute('aria-label')).toBe('Showing 1–2 of 7');
  });
});
