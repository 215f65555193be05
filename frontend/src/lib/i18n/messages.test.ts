// The catalogues must stay complete in every language: a key added to one
// language and not to the others fails here (the type checker only sees
// fi → sv/en; this also catches keys only in sv or en), and so does a
// Swedish or English text that forgot a {placeholder} or copied another
// language's text.
import { describe, expect, it } from 'vitest';
import { fi } from './messages.fi';
import { sv } from './messages.sv';
import { en } from './messages.en';
import { LOCALES } from './format';
import { catalogues } from './i18n';

const all: Record<string, Record<string, string>> = { fi, sv, en };

/** The same word in Swedish and English, checked by hand (proper names, loan words, symbols). */
const sameInSvAndEn = new Set([
  'common.status',
  'calendar.status',
  'activity.status',
  'cat.film',
  'pk.museum',
  'budget.budget',
  'dept.organisation',
]);

/** Finnish texts that are the same in Swedish. */
const sameInFiAndSv = new Set(['calendar.list']);

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('has a catalogue for every UI language', () => {
    expect(Object.keys(catalogues).sort()).toEqual([...LOCALES].sort());
    expect(Object.keys(all).sort()).toEqual([...LOCALES].sort());
  });

  for (const [a, b] of [
    ['fi', 'sv'],
    ['fi', 'en'],
    ['sv', 'en'],
    ['sv', 'fi'],
    ['en', 'fi'],
    ['en', 'sv'],
  ]) {
    it(`has every ${a} key in ${b}`, () => {
      const missing = Object.keys(all[a]).filter((k) => !(k in all[b]));
      expect(missing, `keys in ${a} but not in ${b}`).toEqual([]);
    });
  }

  it('has no empty text', () => {
    for (const l of LOCALES) {
      const empty = Object.entries(all[l]).filter(([, v]) => v.trim() === '');
      expect(empty, `empty texts in ${l}`).toEqual([]);
    }
  });

  it('keeps the same {placeholders} in every language', () => {
    const wrong = Object.keys(fi).flatMap((k) =>
      (['sv', 'en'] as const)
        .filter((l) => placeholders(all[l][k] ?? '').join() !== placeholders(all.fi[k]).join())
        .map((l) => `${l}:${k}`),
    );
    expect(wrong).toEqual([]);
  });

  it('has no Swedish text copied from English or Finnish (untranslated)', () => {
    // A text that is the same in all three is language-neutral ("PDF", "{month} {who}").
    const neutral = (k: string) => all.fi[k] === all.en[k] && all.sv[k] === all.fi[k];
    const fromEn = Object.keys(sv).filter((k) => all.sv[k] === all.en[k] && !neutral(k) && !sameInSvAndEn.has(k));
    const fromFi = Object.keys(sv).filter((k) => all.sv[k] === all.fi[k] && !neutral(k) && !sameInFiAndSv.has(k));
    expect(fromEn, 'Swedish equal to English').toEqual([]);
    expect(fromFi, 'Swedish equal to Finnish').toEqual([]);
  });

  // One word per concept (docs/glossary.md): the synonyms a glossary row retires stay out of the UI.
  const retired: Record<string, RegExp[]> = {
    fi: [/kulttuurivastaav/i, /\bvastaav(a|ia|ana)\b/i, /toteutum/i],
    sv: [/förekomst/i, /\bmentor/i],
    en: [/(?<!culture )\bmentors?\b/i],
  };
  for (const [l, words] of Object.entries(retired)) {
    it(`uses the glossary's one word per concept in ${l}`, () => {
      const found = Object.entries(all[l]).filter(([, v]) => words.some((w) => w.test(v)));
      expect(found, `retired synonyms in ${l}`).toEqual([]);
    });
  }
});
