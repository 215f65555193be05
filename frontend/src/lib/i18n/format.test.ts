import { describe, expect, it } from 'vitest';
import { csvSeparator, formatDate, formatMoney, formatTime, parseMoney } from './format';
import { translate } from './i18n';

const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatting', () => {
  it('formats money from cents in each locale', () => {
    expect(nb(formatMoney(123450, 'fi'))).toBe('1 234,50 €');
    expect(formatMoney(123450, 'en')).toBe('€1,234.50');
    expect(nb(formatMoney(-500, 'fi'))).toBe('−5,00 €');
  });
  it('formats dates and times in Helsinki time', () => {
    expect(formatDate('2025-02-03', 'fi')).toBe('3.2.2025');
    expect(formatDate('2025-02-03', 'en')).toBe('03/02/2025');
    expect(formatTime('2025-02-03T12:30:00Z', 'fi')).toBe('14.30');
    expect(formatTime('2025-02-03T12:30:00Z', 'en')).toBe('14:30');
  });
  it('parses typed euros into cents', () => {
    expect(parseMoney('1 234,50')).toBe(123450);
    expect(parseMoney('12.5')).toBe(1250);
    expect(parseMoney('-3')).toBe(-300);
    expect(parseMoney('abc')).toBeNull();
  });
  it('asks for the CSV dialect of the language', () => {
    expect(csvSeparator('fi')).toBe('semicolon');
    expect(csvSeparator('en')).toBe('comma');
  });
  it('fills in placeholders', () => {
    expect(translate('en', 'calendar.more', { n: 3 })).toBe('+3 more');
    expect(translate('fi', 'calendar.weekNo', { n: 7 })).toBe('Viikko 7');
  });
});
