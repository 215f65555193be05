import { describe, expect, it } from 'vitest';
import { csvSeparator, formatDate, formatDateLong, formatMonthYear, formatMoney, formatTime, parseMoney } from './format';
import { translate } from './i18n';

const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatting', () => {
  it('formats money from cents in each locale', () => {
    expect(nb(formatMoney(123450, 'fi'))).toBe('1 234,50 €');
    expect(formatMoney(123450, 'en')).toBe('€1,234.50');
    expect(nb(formatMoney(-500, 'fi'))).toBe('−5,00 €');
    expect(nb(formatMoney(123450, 'sv'))).toBe('1 234,50 €');
  });
  it('formats dates and times in Helsinki time', () => {
    expect(formatDate('2025-02-03', 'fi')).toBe('3.2.2025');
    expect(formatDate('2025-02-03', 'en')).toBe('03/02/2025');
    expect(formatTime('2025-02-03T12:30:00Z', 'fi')).toBe('14.30');
    expect(formatTime('2025-02-03T12:30:00Z', 'en')).toBe('14:30');
    // One day format per language, the same as in date fields (ADR 0145); Swedish writes times as Finnish does.
    expect(formatDate('2025-02-03', 'sv')).toBe('2025-02-03');
    expect(formatTime('2025-02-03T12:30:00Z', 'sv')).toBe('14.30');
    expect(formatDateLong('2025-02-03', 'sv')).toBe('mån 2025-02-03');
    expect(formatDateLong('2025-02-03', 'fi')).toBe('ma 3.2.2025');
    expect(formatDateLong('2025-02-03', 'en')).toBe('Mon 03/02/2025');
    // An instant is shown on its day in Helsinki.
    expect(formatDate('2025-02-03T22:30:00Z', 'fi')).toBe('4.2.2025');
    expect(formatDate('2025-02-03T22:30:00Z', 'sv')).toBe('2025-02-04');
    expect(formatDate('2025-02-03T22:30:00Z', 'en')).toBe('04/02/2025');
    expect(formatMonthYear('2025-02-03', 'sv')).toBe('februari 2025');
  });
  it('parses typed euros into cents', () => {
    expect(parseMoney('1 234,50')).toBe(123450);
    expect(parseMoney('12.5')).toBe(1250);
    expect(parseMoney('-3')).toBe(-300);
    expect(parseMoney('abc')).toBeNull();
  });
  it('asks for the CSV dialect of the language', () => {
    expect(csvSeparator('fi')).toBe('semicolon');
    expect(csvSeparator('sv')).toBe('semicolon');
    expect(csvSeparator('en')).toBe('comma');
  });
  it('fills in placeholders', () => {
    expect(translate('en', 'calendar.more', { n: 3 })).toBe('+3 more');
    expect(translate('fi', 'calendar.weekNo', { n: 7 })).toBe('Viikko 7');
    expect(translate('sv', 'calendar.weekNo', { n: 7 })).toBe('Vecka 7');
  });
});
