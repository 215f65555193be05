import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp, json, mockApi, signIn } from '@/testing/render';
import { MentorPage } from './MentorPage';
import { MentorsPage } from './MentorsPage';
import { parseHours } from '../api/mentors';

const mentor = { id: 'm1', name: 'Maija Mentori', email: 'maija@x.fi', phone: '', title: 'lähihoitaja', unit_ids: ['unit-1'], since: '2024-01-01', active: true, user_id: null, version: 1 };

describe('mentors', () => {
  it('reads hours typed with a comma', () => {
    expect(parseHours('7,5')).toBe(7.5);
    expect(parseHours('3')).toBe(3);
    expect(parseHours('0')).toBeNull();
    expect(parseHours('abc')).toBeNull();
  });

  it('a mentor records a training for a mentor of their unit; the API’s field error is shown in place', async () => {
    const user = userEvent.setup();
    signIn();
    let n = 0;
    const { calls } = mockApi({
      'GET /me': () => json({ id: 'u1', role: 'mentor', email: 'm@x.fi', name: 'Mia', unit_ids: ['unit-1'] }),
      'GET /units': () => json({ items: [{ id: 'unit-1', name: 'Koivukoti' }], total: 1 }),
      'GET /mentors/m1': () => json({ ...mentor, allowed_actions: ['record_training'] }),
      'GET /mentors/m1/trainings': () => json({ items: [{ id: 't1', mentor_id: 'm1', course: 'Perusteet', provider: 'Taikusydän', completed_on: '2025-02-01', hours: 7.5, version: 1, allowed_actions: ['update', 'delete'] }], total: 1 }),
      'POST /mentors/m1/trainings': () =>
        ++n === 1 ? json({ type: 'urn:kulttuurisilta:problem:validation', title: 'Invalid', status: 422, errors: [{ field: 'completed_on', message: 'must not be in the future', code: 'out_of_range' }] }, 422) : json({ id: 't2', version: 1 }, 201),
    });
    renderWithApp([{ path: '/mentors/:id', element: <MentorPage /> }], { path: '/mentors/m1' });
    await screen.findByRole('heading', { level: 1, name: 'Maija Mentori' });
    await screen.findByText('Perusteet');
    expect(screen.getByText('Koivukoti')).toBeInTheDocument();
    await user.type(screen.getByLabelText(/^Course/), 'Musiikki hoivassa');
    const day = screen.getByLabelText(/^Completed on/);
    await user.clear(day);
    await user.type(day, '2025-03-10');
    await user.type(screen.getByLabelText(/^Hours/), '3,5');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    await screen.findByText('The day cannot be in the future.');
    expect(screen.getByLabelText(/^Course/)).toHaveValue('Musiikki hoivassa');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(2));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ course: 'Musiikki hoivassa', provider: '', completed_on: '2025-03-10', hours: 3.5 });
  });

  it('offers no Record form and no Delete when the API lists neither, whatever the role', async () => {
    signIn();
    mockApi({
      'GET /me': () => json({ id: 'u1', role: 'producer', email: 'p@x.fi', name: 'Pia', unit_ids: [] }),
      'GET /units': () => json({ items: [{ id: 'unit-1', name: 'Koivukoti' }], total: 1 }),
      'GET /mentors/m1': () => json({ ...mentor, allowed_actions: [] }),
      'GET /mentors/m1/trainings': () => json({ items: [{ id: 't1', mentor_id: 'm1', course: 'Perusteet', provider: 'Taikusydän', completed_on: '2025-02-01', hours: 7.5, version: 1, allowed_actions: [] }], total: 1 }),
    });
    renderWithApp([{ path: '/mentors/:id', element: <MentorPage /> }], { path: '/mentors/m1' });
    await screen.findByText('Perusteet');
    expect(screen.queryByRole('button', { name: /Delete/ })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Record a training' })).toBeNull();
    expect(screen.queryByLabelText(/^Course/)).toBeNull();
  });

  it('lists mentors with the training figures per unit; a manager cannot add one', async () => {
    signIn();
    mockApi({
      'GET /me': () => json({ id: 'u1', role: 'manager', email: 'm@x.fi', name: 'Mikko' }),
      'GET /units': () => json({ items: [{ id: 'unit-1', name: 'Koivukoti' }], total: 1 }),
      'GET /mentors': () => json({ items: [mentor], total: 1 }),
      'GET /mentors/summary': () =>
        json({ year: 2025, units: [{ unit_id: 'unit-1', unit_name: 'Koivukoti', mentors: 1, trained_mentors: 1, trainings: 2, training_hours: 10.5 }, { unit_id: 'unit-2', unit_name: 'Pihlaja', mentors: 0, trained_mentors: 0, trainings: 0, training_hours: 0 }] }),
    });
    renderWithApp(<MentorsPage />);
    expect(await screen.findByRole('link', { name: 'Maija Mentori' })).toHaveAttribute('href', '/mentors/m1');
    await screen.findByText('Pihlaja');
    expect(screen.getByText('no culture mentor')).toBeInTheDocument();
    expect(screen.getByText('10.5')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New culture mentor' })).toBeNull();
  });
});
