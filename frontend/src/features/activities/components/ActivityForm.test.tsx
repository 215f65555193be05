import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp, json, mockApi, signIn } from '@/testing/render';
import { ApiError } from '@/lib/api/errors';
import { ActivityForm } from './ActivityForm';
import { emptyValues } from '../form';

function setup(save = vi.fn(async () => ({}))) {
  signIn();
  mockApi({
    'GET /me': () => json({ id: 'u1', role: 'producer', email: 'p@x.fi', name: 'Pia' }),
    'GET /units': () => json({ items: [{ id: 'unit-1', name: 'Koivukoti' }], total: 1 }),
    'GET /partners': () => json({ items: [], total: 0 }),
    'GET /series': () => json({ items: [], total: 0 }),
  });
  renderWithApp(<ActivityForm initial={emptyValues({ day: '2025-03-03' })} save={save} />);
  return save;
}

describe('ActivityForm', () => {
  it('previews the next occurrences of a weekly rule before saving', async () => {
    const user = userEvent.setup();
    const save = setup();
    await user.type(screen.getByLabelText(/^Title/), 'Laulutuokio');
    await user.click(screen.getByRole('button', { name: 'Weekly' }));
    // The rule repeats on the first day's weekday until days are chosen: that day is marked.
    expect(screen.getByRole('checkbox', { name: 'Mon' })).toBeChecked();
    expect(screen.getByTestId('rule-text')).toHaveTextContent('Weekly on Monday, 10 times');
    await user.click(screen.getByRole('checkbox', { name: 'Wed' }));
    await user.click(screen.getByRole('checkbox', { name: 'Mon' }));
    expect(screen.getByRole('checkbox', { name: 'Mon' })).not.toBeChecked();
    await user.clear(screen.getByLabelText('Times'));
    await user.type(screen.getByLabelText('Times'), '4');
    const preview = screen.getByTestId('occurrence-preview');
    expect(preview.querySelectorAll('li')).toHaveLength(4);
    expect(preview).toHaveTextContent('Wed 05/03/2025');
    expect(screen.getByText('4 times in total')).toBeInTheDocument();
    expect(screen.getByTestId('rule-text')).toHaveTextContent('Weekly on Wednesday, 4 times');

    await user.click(screen.getByRole('button', { name: /Skip: Wed 12\/03\/2025/ }));
    expect(screen.getByText('3 times in total')).toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Koivukoti' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(save).toHaveBeenCalledTimes(1);
    const body = (save.mock.calls[0] as unknown[])[0] as Record<string, unknown>;
    expect(body).toMatchObject({
      title: 'Laulutuokio',
      starts_at: '2025-03-03T14:00:00+02:00',
      ends_at: '2025-03-03T15:00:00+02:00',
      recurrence: 'FREQ=WEEKLY;BYDAY=WE;COUNT=4',
      exdates: ['2025-03-12T14:00:00+02:00'],
      unit_ids: ['unit-1'],
    });
  });

  it('shows API field errors next to their fields, translated by their codes, and keeps the values', async () => {
    const user = userEvent.setup();
    const save = vi.fn(async () => {
      throw new ApiError(422, {
        type: 'urn:kulttuurisilta:problem:validation',
        status: 422,
        title: 'Invalid',
        detail: 'the request has invalid fields',
        errors: [
          { field: 'title', message: 'is longer than 200 characters', code: 'too_long' },
          { field: 'ends_at', message: 'must be after starts_at', code: 'out_of_range' },
        ],
      });
    });
    setup(save);
    await user.type(screen.getByLabelText(/^Title/), 'Konsertti');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByText('Too long.')).toBeInTheDocument());
    const title = screen.getByLabelText(/^Title/);
    expect(title).toHaveValue('Konsertti');
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(title.getAttribute('aria-describedby')).toContain('error');
    expect(screen.getByText('The end must be after the start.')).toBeInTheDocument();
    // Neither the API's English text nor its detail is shown: each error once, by its code.
    expect(screen.queryByText(/must be after starts_at|invalid fields/)).toBeNull();
    expect(screen.getByText('Please check the form.')).toBeInTheDocument();
  });

  it('shows a calendar clash from the API in place', async () => {
    const user = userEvent.setup();
    const save = vi.fn(async () => {
      throw new ApiError(409, { type: 'urn:kulttuurisilta:problem:conflict', status: 409, title: 'Conflict', detail: 'clashes with another activity', clash: { activity_id: 'x', title: 'Bingo', starts_at: '2025-03-03T12:00:00Z', ends_at: '2025-03-03T13:00:00Z' } });
    });
    setup(save);
    await user.type(screen.getByLabelText(/^Title/), 'Konsertti');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Clash')).toBeInTheDocument();
    expect(screen.getByText('Bingo')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Title/)).toHaveValue('Konsertti');
    await user.click(screen.getByRole('button', { name: 'Save anyway' }));
    expect((save.mock.calls[1] as unknown[])[0]).toMatchObject({ title: 'Konsertti', allow_overlap: true });
  });

  it('checks required fields before sending', async () => {
    const user = userEvent.setup();
    const save = setup();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(save).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/^Title/)).toHaveAttribute('aria-invalid', 'true');
  });

  it('sends the easy-to-read texts in Finnish and Swedish and shows their errors in place', async () => {
    const user = userEvent.setup();
    const save = vi.fn(async (body: unknown) => {
      const plain = (body as { plain_language: { fi: string } }).plain_language;
      if (plain.fi.length > 20) {
        throw new ApiError(422, { type: 'urn:kulttuurisilta:problem:validation', status: 422, title: 'Invalid', errors: [{ field: 'plain_language.fi', message: 'must be at most 20 characters', code: 'too_long' }] });
      }
      return {};
    });
    setup(save);
    await user.type(screen.getByLabelText(/^Title/), 'Yhteislaulu');
    await user.click(screen.getByRole('checkbox', { name: 'Koivukoti' }));
    const group = screen.getByRole('group', { name: 'Easy-to-read description' });
    const fi = screen.getByLabelText('Easy-to-read Finnish (selkokieli)');
    const sv = screen.getByLabelText('Easy-to-read Swedish (lättläst)');
    expect(group).toContainElement(fi);
    expect(fi).toHaveAttribute('lang', 'fi');
    expect(sv).toHaveAttribute('lang', 'sv');
    await user.type(fi, 'Laulamme yhdessä tuttuja lauluja.');
    await user.type(sv, ' Vi sjunger. ');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByText('Too long.')).toBeInTheDocument());
    expect(fi).toHaveAttribute('aria-invalid', 'true');
    expect(fi).toHaveValue('Laulamme yhdessä tuttuja lauluja.');
    await user.clear(fi);
    await user.type(fi, 'Laulamme.');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(2));
    expect((save.mock.calls[1] as unknown[])[0]).toMatchObject({ plain_language: { fi: 'Laulamme.', sv: 'Vi sjunger.' } });
  });
});
