import { describe, expect, it } from 'vitest';
import { translate } from '@/lib/i18n/i18n';
import { formatDate, type Locale } from '@/lib/i18n/format';
import { describeRule } from './recurrenceText';

const words = (l: Locale) => ({ t: (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate(l, k, v), date: (d: string | Date | null | undefined) => formatDate(d, l) });

// 2025-03-05 is a Wednesday; 14:00 in Helsinki.
const START = '2025-03-05T14:00:00+02:00';

describe('describeRule', () => {
  const cases: [rule: string, fi: string, sv: string, en: string][] = [
    [
      'FREQ=WEEKLY;COUNT=8;BYDAY=WE,FR',
      'Viikoittain keskiviikkoisin ja perjantaisin, 8 kertaa',
      'Varje vecka på onsdagar och fredagar, 8 gånger',
      'Weekly on Wednesday and Friday, 8 times',
    ],
    ['FREQ=WEEKLY;COUNT=4', 'Viikoittain keskiviikkoisin, 4 kertaa', 'Varje vecka på onsdagar, 4 gånger', 'Weekly on Wednesday, 4 times'],
    [
      'FREQ=WEEKLY;BYDAY=FR,MO,WE',
      'Viikoittain maanantaisin, keskiviikkoisin ja perjantaisin',
      'Varje vecka på måndagar, onsdagar och fredagar',
      'Weekly on Monday, Wednesday and Friday',
    ],
    [
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;UNTIL=20250630T205959Z',
      'Joka toinen viikko torstaisin, 30.6.2025 asti',
      'Varannan vecka på torsdagar, till och med 2025-06-30',
      'Every other week on Thursday, until 30/06/2025',
    ],
    ['FREQ=WEEKLY;INTERVAL=3;BYDAY=SU;COUNT=1', 'Joka 3. viikko sunnuntaisin, kerran', 'Var 3:e vecka på söndagar, en gång', 'Every 3 weeks on Sunday, once'],
    ['RRULE:FREQ=DAILY;COUNT=5', 'Päivittäin, 5 kertaa', 'Varje dag, 5 gånger', 'Daily, 5 times'],
    ['FREQ=DAILY;INTERVAL=2', 'Joka 2. päivä', 'Var 2:e dag', 'Every 2 days'],
    ['FREQ=MONTHLY;BYMONTHDAY=15;COUNT=6', 'Kuukausittain 15. päivänä, 6 kertaa', 'Varje månad den 15, 6 gånger', 'Monthly on day 15, 6 times'],
    ['FREQ=MONTHLY', 'Kuukausittain 5. päivänä', 'Varje månad den 5', 'Monthly on day 5'],
    ['FREQ=MONTHLY;BYDAY=1MO', 'Kuukausittain kuun ensimmäisenä maanantaina', 'Varje månad den första måndagen', 'Monthly on the first Monday'],
    ['FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR', 'Joka 2. kuukausi kuun viimeisenä perjantaina', 'Var 2:e månad den sista fredagen', 'Every 2 months on the last Friday'],
    ['FREQ=YEARLY;UNTIL=20271231', 'Vuosittain, 31.12.2027 asti', 'Varje år, till och med 2027-12-31', 'Yearly, until 31/12/2027'],
    [
      'FREQ=WEEKLY;UNTIL=20261231;BYMONTH=1,2,3,4,5,6,8,9,10,11,12;BYDAY=TH',
      'Viikoittain torstaisin, paitsi heinäkuussa, 31.12.2026 asti',
      'Varje vecka på torsdagar, utom i juli, till och med 2026-12-31',
      'Weekly on Thursday, except in July, until 31/12/2026',
    ],
    ['FREQ=WEEKLY;BYMONTH=6,7;BYDAY=MO', 'Viikoittain maanantaisin, kesäkuussa ja heinäkuussa', 'Varje vecka på måndagar, i juni och juli', 'Weekly on Monday, in June and July'],
    // What it cannot say in words it shows as it is.
    ['FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU', 'Erityinen toistosääntö: FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU', 'Särskild upprepningsregel: FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU', 'Custom rule: FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU'],
    ['FREQ=HOURLY', 'Erityinen toistosääntö: FREQ=HOURLY', 'Särskild upprepningsregel: FREQ=HOURLY', 'Custom rule: FREQ=HOURLY'],
    ['FREQ=WEEKLY;BYDAY=2MO', 'Erityinen toistosääntö: FREQ=WEEKLY;BYDAY=2MO', 'Särskild upprepningsregel: FREQ=WEEKLY;BYDAY=2MO', 'Custom rule: FREQ=WEEKLY;BYDAY=2MO'],
  ];
  it.each(cases)('%s', (rule, fi, sv, en) => {
    expect(describeRule(rule, START, words('fi'))).toBe(fi);
    expect(describeRule(rule, START, words('sv'))).toBe(sv);
    expect(describeRule(rule, START, words('en'))).toBe(en);
  });

  it('says nothing for an activity that does not repeat', () => {
    expect(describeRule('', START, words('en'))).toBeNull();
    expect(describeRule(null, START, words('fi'))).toBeNull();
  });

  it('takes the weekday of the first occurrence in the calendar zone', () => {
    // 23:30 UTC on Tuesday is already Wednesday in Helsinki.
    expect(describeRule('FREQ=WEEKLY', '2025-03-04T23:30:00Z', words('en'))).toBe('Weekly on Wednesday');
  });
});
