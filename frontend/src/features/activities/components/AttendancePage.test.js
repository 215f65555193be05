import { jsx as _jsx } from "react/jsx-runtime";
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp, json, mockApi, signIn } from '@/testing/render';
import { AttendancePage } from './AttendancePage';
describe('AttendancePage', () => {
    it('counts with big buttons and records the occurrence by its original start', async () => {
        const user = userEvent.setup();
        signIn();
        const { calls } = mockApi({
            'GET /me': () => json({ id: 'u1', role: 'mentor', email: 'm@x.fi', name: 'Maija', unit_ids: ['unit-1'] }),
            'GET /activities/a1': () => json({ id: 'a1', title: 'Laulutuokio', version: 1 }),
            'GET /activities/a1/occurrences': () => json({ items: [{ activity_id: 'a1', starts_at: '2025-03-04T14:00:00+02:00', original_start: '2025-03-03T14:00:00+02:00', ends_at: '2025-03-04T15:00:00+02:00' }], total: 1 }),
            'GET /activities/a1/attendance': () => json({ items: [], total: 0 }),
            'POST /activities/a1/attendance': () => json({ id: 'r1', version: 1 }, 201),
        });
        renderWithApp([{ path: '/activities/:id/attendance', element: _jsx(AttendancePage, {}) }], { path: '/activities/a1/attendance' });
        await screen.findByRole('heading', { name: 'Record attendance' });
        await waitFor(() => expect(screen.getByLabelText('Occurrence')).toHaveValue('2025-03-03T14:00:00+02:00'));
        for (let n = 0; n < 3; n++)
            await user.click(screen.getByRole('button', { name: 'Add one: Residents' }));
        await user.click(screen.getByRole('button', { name: 'Add one: Staff' }));
        await user.click(screen.getByRole('button', { name: 'Remove one: Residents' }));
        await user.click(screen.getByLabelText('4 / 5'));
        await user.click(screen.getByRole('button', { name: 'Save' }));
        expect(await screen.findByText('Attendance recorded.')).toBeInTheDocument();
        const post = calls.find((c) => c.method === 'POST');
        expect(post?.body).toEqual({ occurrence_start: '2025-03-03T14:00:00+02:00', residents: 2, staff: 1, volunteers: 0, relatives: 0, feedback: 4, notes: '' });
    });
});
