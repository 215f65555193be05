import { jsx as _jsx } from "react/jsx-runtime";
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { renderWithApp, json, mockApi, signIn } from '@/testing/render';
import { LinkedEventsOutcomes } from './LinkedEventsOutcomes';
const outcome = (extra) => ({
    id: String(Math.random()),
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    version: 1,
    target: 'https://le.example/v1',
    event_id: 'kulttuurisilta:a1',
    remote_id: 'kulttuurisilta:a1',
    kind: 'occurrence',
    activity_id: 'a1',
    series_id: null,
    name: 'Yhteislaulu',
    starts_at: '2026-03-03T14:00:00+02:00',
    outcome: 'pushed',
    operation: 'create',
    reason: '',
    ...extra,
});
function setup(items) {
    signIn();
    const api = mockApi({
        'GET /me': () => json({ id: 'u1', role: 'producer', email: 'p@x.fi', name: 'Pia' }),
        'GET /integrations/linked-events/status': () => json({ items, total: items.length }),
    });
    renderWithApp(_jsx(LinkedEventsOutcomes, { activityId: "a1" }));
    return api;
}
describe('LinkedEventsOutcomes', () => {
    it('counts the outcomes and lists refused and held-back events with the reason, refused first', async () => {
        const { calls } = setup([
            outcome({}),
            outcome({}),
            outcome({ outcome: 'held_back', operation: 'none', reason: 'has already ended: Linked Events does not create events that have ended' }),
            outcome({ outcome: 'refused', operation: 'update', reason: 'location: Invalid hyperlink - Object does not exist.', starts_at: '2026-03-10T14:00:00+02:00' }),
        ]);
        expect(await screen.findByText('2 published, 1 held back, 1 refused, 0 removed')).toBeInTheDocument();
        expect(screen.getByText(/sent again when it changes/)).toBeInTheDocument();
        const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
        expect(rows).toHaveLength(2);
        expect(rows[0]).toHaveTextContent('Refused');
        expect(rows[0]).toHaveTextContent('location: Invalid hyperlink - Object does not exist.');
        expect(rows[1]).toHaveTextContent('Held back');
        expect(rows[1]).toHaveTextContent('has already ended');
        expect(calls.find((c) => c.path.startsWith('/integrations/linked-events/status'))?.path).toContain('activity_id=a1');
    });
    it('says when nothing has been sent yet', async () => {
        setup([]);
        expect(await screen.findByText('Not sent to Linked Events yet.')).toBeInTheDocument();
        expect(screen.queryByRole('table')).not.toBeInTheDocument();
    });
});
