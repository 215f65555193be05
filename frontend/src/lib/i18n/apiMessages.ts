// The API writes its field messages in English. In the Finnish and Swedish
// UIs the common ones are shown in the UI language; anything not listed is
// shown as the API wrote it.
import type { Locale } from './format';

type Translated = { fi: string; sv: string };

const exact: Record<string, Translated> = {
  'is required': { fi: 'Pakollinen tieto.', sv: 'Obligatorisk uppgift.' },
  'must be a date YYYY-MM-DD': { fi: 'Anna päivämäärä.', sv: 'Ange ett datum.' },
  'must be an RFC 3339 time': { fi: 'Anna päivä ja kellonaika.', sv: 'Ange datum och klockslag.' },
  'must be a UUID': { fi: 'Valinta on virheellinen.', sv: 'Valet är felaktigt.' },
  'must be after starts_at': { fi: 'Päättymisajan pitää olla alkamisajan jälkeen.', sv: 'Sluttiden måste vara efter starttiden.' },
  'must be after from': { fi: 'Loppupäivän pitää olla alkupäivän jälkeen.', sv: 'Slutdagen måste vara efter startdagen.' },
  'must not be before from': { fi: 'Loppupäivä ei voi olla ennen alkupäivää.', sv: 'Slutdagen kan inte vara före startdagen.' },
  'must not be before starts_on': { fi: 'Ei voi olla ennen alkamispäivää.', sv: 'Kan inte vara före startdagen.' },
  'must not be before the start date': { fi: 'Ei voi olla ennen alkamispäivää.', sv: 'Kan inte vara före startdagen.' },
  'must be a non-negative integer': { fi: 'Anna kokonaisluku (vähintään 0).', sv: 'Ange ett heltal (minst 0).' },
  'must not be zero': { fi: 'Ei voi olla nolla.', sv: 'Kan inte vara noll.' },
  'must not be in the future': { fi: 'Ei voi olla tulevaisuudessa.', sv: 'Kan inte vara i framtiden.' },
  'must be valid text': { fi: 'Teksti on virheellinen.', sv: 'Texten är felaktig.' },
  'must start with https:// or http://': { fi: 'Osoitteen pitää alkaa https:// tai http://.', sv: 'Adressen måste börja med https:// eller http://.' },
  'must not repeat a unit': { fi: 'Sama yksikkö on valittu kahdesti.', sv: 'Samma enhet har valts två gånger.' },
  'the occurrence has not started yet': { fi: 'Kerta ei ole vielä alkanut.', sv: 'Tillfället har inte börjat ännu.' },
  'the occurrence was cancelled': { fi: 'Kerta on peruttu.', sv: 'Tillfället har ställts in.' },
  'the activity was cancelled': { fi: 'Toiminta on peruttu.', sv: 'Aktiviteten har ställts in.' },
  'no such unit': { fi: 'Yksikköä ei löydy.', sv: 'Enheten finns inte.' },
  'no such series': { fi: 'Sarjaa ei löydy.', sv: 'Serien finns inte.' },
  'no such committee': { fi: 'Toimikuntaa ei löydy.', sv: 'Kommittén finns inte.' },
  'no such department': { fi: 'Toimialaa ei löydy.', sv: 'Förvaltningen finns inte.' },
  'no such agreement': { fi: 'Sopimusta ei löydy.', sv: 'Avtalet finns inte.' },
  "no such resident in the committee's unit": { fi: 'Asukasta ei löydy toimikunnan yksiköstä.', sv: 'Den boende finns inte i kommitténs enhet.' },
  'names a unit that does not exist': { fi: 'Valittua yksikköä ei ole.', sv: 'Den valda enheten finns inte.' },
  'names a partner that does not exist': { fi: 'Valittua kumppania ei ole.', sv: 'Den valda samarbetspartnern finns inte.' },
  'refers to something that does not exist or is still in use': {
    fi: 'Viittaa tietoon, jota ei ole tai joka on vielä käytössä.',
    sv: 'Hänvisar till en uppgift som inte finns eller som fortfarande används.',
  },
};

const patterns: [RegExp, (m: RegExpMatchArray) => Translated][] = [
  [/^must be one of (.+)$/, (m) => ({ fi: `Valitse jokin näistä: ${m[1]}.`, sv: `Välj ett av följande: ${m[1]}.` })],
  [/^must be between (\S+) and (\S+)$/, (m) => ({ fi: `Anna arvo väliltä ${m[1]}–${m[2]}.`, sv: `Ange ett värde mellan ${m[1]} och ${m[2]}.` })],
  [
    /^must not be before the committee was founded \((.+)\)$/,
    (m) => ({ fi: `Ei voi olla ennen toimikunnan perustamista (${m[1]}).`, sv: `Kan inte vara före kommitténs grundande (${m[1]}).` }),
  ],
];

/** apiMessage shows an API field message in the UI language. */
export function apiMessage(message: string, locale: Locale): string {
  if (locale === 'en') return message;
  if (exact[message]) return exact[message][locale];
  for (const [re, f] of patterns) {
    const m = message.match(re);
    if (m) return f(m)[locale];
  }
  return message;
}
