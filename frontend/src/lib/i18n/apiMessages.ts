// The API writes its field messages in English. In the Finnish UI the common
// ones are shown in Finnish; anything not listed is shown as the API wrote it.
import type { Locale } from './format';

const exact: Record<string, string> = {
  'is required': 'Pakollinen tieto.',
  'must be a date YYYY-MM-DD': 'Anna päivämäärä.',
  'must be an RFC 3339 time': 'Anna päivä ja kellonaika.',
  'must be a UUID': 'Valinta on virheellinen.',
  'must be after starts_at': 'Päättymisajan pitää olla alkamisajan jälkeen.',
  'must be after from': 'Loppupäivän pitää olla alkupäivän jälkeen.',
  'must not be before from': 'Loppupäivä ei voi olla ennen alkupäivää.',
  'must not be before starts_on': 'Ei voi olla ennen alkamispäivää.',
  'must not be before the start date': 'Ei voi olla ennen alkamispäivää.',
  'must be a non-negative integer': 'Anna kokonaisluku (vähintään 0).',
  'must not be zero': 'Ei voi olla nolla.',
  'must not be in the future': 'Ei voi olla tulevaisuudessa.',
  'must be valid text': 'Teksti on virheellinen.',
  'must start with https:// or http://': 'Osoitteen pitää alkaa https:// tai http://.',
  'must not repeat a unit': 'Sama yksikkö on valittu kahdesti.',
  'the occurrence has not started yet': 'Kerta ei ole vielä alkanut.',
  'the occurrence was cancelled': 'Kerta on peruttu.',
  'the activity was cancelled': 'Toiminta on peruttu.',
  'no such unit': 'Yksikköä ei löydy.',
  'no such series': 'Sarjaa ei löydy.',
  'no such committee': 'Toimikuntaa ei löydy.',
  'no such department': 'Toimialaa ei löydy.',
  'no such agreement': 'Sopimusta ei löydy.',
  "no such resident in the committee's unit": 'Asukasta ei löydy toimikunnan yksiköstä.',
  'names a unit that does not exist': 'Valittua yksikköä ei ole.',
  'names a partner that does not exist': 'Valittua kumppania ei ole.',
  'refers to something that does not exist or is still in use': 'Viittaa tietoon, jota ei ole tai joka on vielä käytössä.',
};

const patterns: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^must be one of (.+)$/, (m) => `Valitse jokin näistä: ${m[1]}.`],
  [/^must be between (\S+) and (\S+)$/, (m) => `Anna arvo väliltä ${m[1]}–${m[2]}.`],
  [/^must not be before the committee was founded \((.+)\)$/, (m) => `Ei voi olla ennen toimikunnan perustamista (${m[1]}).`],
];

/** apiMessage shows an API field message in the UI language. */
export function apiMessage(message: string, locale: Locale): string {
  if (locale !== 'fi') return message;
  if (exact[message]) return exact[message];
  for (const [re, f] of patterns) {
    const m = message.match(re);
    if (m) return f(m);
  }
  return message;
}
