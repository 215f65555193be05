import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError, NetworkError } from '@/lib/api/errors';
import { translate } from '@/lib/i18n/i18n';
import { describeError, fieldMessages } from './errors';
const i18n = (locale) => ({
    t: (k, v) => translate(locale, k, v),
    maybe: (k) => {
        const s = translate(locale, k);
        return s === k ? undefined : s;
    },
});
const cancelled = new ApiError(422, {
    type: 'urn:kulttuurisilta:problem:validation',
    title: 'Invalid request',
    status: 422,
    detail: 'occurrence_start: the occurrence was cancelled',
    errors: [{ field: 'occurrence_start', message: 'the occurrence was cancelled', code: 'conflict' }],
    request_id: 'r1',
});
describe('errors are translated by their codes', () => {
    it('names a problem by its type, and never repeats the English detail of a validation problem', () => {
        expect(describeError(cancelled, i18n('fi'))).toEqual({ summary: 'Tarkista lomakkeen tiedot.', detail: undefined, reference: 'Virhetunnus: r1' });
        expect(describeError(cancelled, i18n('en')).summary).toBe('Please check the form.');
    });
    it('translates a field error by field and code, else by code alone', () => {
        expect(fieldMessages(cancelled, i18n('fi'))).toEqual({
            occurrence_start: 'Tälle kerralle ei voi kirjata osallistujia: kerta on peruttu tai se ei ole vielä alkanut.',
        });
        const other = new ApiError(422, {
            type: 'urn:kulttuurisilta:problem:validation',
            title: 'x',
            status: 422,
            errors: [
                { field: 'body.title', message: 'is required', code: 'required' },
                { field: 'unit_ids[1]', message: 'names a unit that does not exist', code: 'not_found' },
                { field: 'unit_ids[2]', message: 'names a unit that does not exist', code: 'not_found' },
            ],
        });
        expect(fieldMessages(other, i18n('fi'))).toEqual({ title: 'Pakollinen tieto.', unit_ids: 'Valittua tietoa ei löydy.' });
        expect(fieldMessages(other, i18n('en'))).toEqual({ title: 'Required.', unit_ids: 'The chosen item does not exist.' });
    });
    it('keeps the detail of a conflict (it says which), and names problems without a type by their status', () => {
        const locked = new ApiError(409, { type: 'urn:kulttuurisilta:problem:conflict', title: 'Conflict', status: 409, detail: '2026-01 is locked' });
        expect(describeError(locked, i18n('fi'))).toMatchObject({ summary: 'Muutos on ristiriidassa olemassa olevien tietojen kanssa.', detail: '2026-01 is locked' });
        expect(describeError(new ApiError(403, { type: '', title: 'Forbidden', status: 403 }), i18n('fi')).summary).toBe('Sinulla ei ole oikeutta tähän toimintoon.');
        expect(describeError(new ApiError(502, { type: '', title: 'Bad gateway', status: 502 }), i18n('en')).summary).toBe('Something went wrong on the server. Try again later.');
        expect(describeError(new NetworkError(new Error('x')), i18n('fi')).summary).toMatch(/^Palvelimeen ei saada yhteyttä/);
    });
    it('has a message for every field code of the spec and every problem type (ADR 0001) in every language', () => {
        const spec = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../docs/openapi.json'), 'utf8'));
        const codes = spec.components.schemas.Problem.properties.errors.items.properties.code.enum;
        expect(codes.length).toBeGreaterThan(5);
        const slugs = ['bad-request', 'unauthorized', 'forbidden', 'not-found', 'method-not-allowed', 'conflict', 'version-mismatch', 'too-large', 'unsupported-media-type', 'validation', 'rate-limited', 'unavailable', 'timeout', 'internal'];
        for (const l of ['fi', 'sv', 'en']) {
            for (const c of codes)
                expect(i18n(l).maybe(`field.${c}`), `${l} field.${c}`).toBeTruthy();
            for (const s of slugs)
                expect(i18n(l).maybe(`problem.${s}`), `${l} problem.${s}`).toBeTruthy();
        }
    });
});
