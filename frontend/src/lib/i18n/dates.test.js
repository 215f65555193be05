import { describe, expect, it } from 'vitest';
import { addDays, addMonths, dayOf, endOfMonth, isoWeek, monthGrid, startOfWeek, timeOf, weekdayIndex, zonedIso } from './dates';
describe('calendar dates (Europe/Helsinki)', () => {
    it('weeks start on Monday', () => {
        expect(weekdayIndex('2025-03-03')).toBe(0); // Monday
        expect(weekdayIndex('2025-03-09')).toBe(6); // Sunday
        expect(startOfWeek('2025-03-09')).toBe('2025-03-03');
    });
    it('builds a Monday-first month grid', () => {
        const g = monthGrid('2025-02-14');
        expect(g[0][0]).toBe('2025-01-27');
        expect(g.at(-1)?.at(-1)).toBe('2025-03-02');
        expect(g).toHaveLength(5);
    });
    it('adds days and months', () => {
        expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
        expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
        expect(endOfMonth('2024-02-10')).toBe('2024-02-29');
    });
    it('converts wall time to RFC 3339 across DST', () => {
        expect(zonedIso('2025-01-15', '14:00')).toBe('2025-01-15T14:00:00+02:00');
        expect(zonedIso('2025-07-15', '09:30')).toBe('2025-07-15T09:30:00+03:00');
        expect(zonedIso('2025-03-30', '12:00')).toBe('2025-03-30T12:00:00+03:00');
    });
    it('reads the zone day and time of an instant', () => {
        expect(dayOf('2025-01-15T22:30:00Z')).toBe('2025-01-16');
        expect(timeOf('2025-07-15T06:30:00Z')).toBe('09:30');
    });
    it('numbers ISO weeks', () => {
        expect(isoWeek('2025-01-01')).toBe(1);
        expect(isoWeek('2024-12-30')).toBe(1);
        expect(isoWeek('2021-01-03')).toBe(53);
        expect(isoWeek('2025-06-18')).toBe(25);
    });
});
