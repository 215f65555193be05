// Package l10n formats numbers, money, dates and months for the three
// languages of the product (fi, sv, en) in documents the server writes
// (PDFs, emails). It follows CLDR's conventions for fi and sv (a no-break
// space U+00A0 groups thousands, a decimal comma, the euro sign after the
// amount, U+2212 MINUS SIGN for negatives) and British English for en
// ("€1,234.56", "8 Mar 2025"). It has no I/O and no dependencies.
package l10n

import (
	"strconv"
	"strings"
	"time"
)

// Lang is a language of the product.
type Lang string

// The languages. FI is the default.
const (
	FI Lang = "fi"
	SV Lang = "sv"
	EN Lang = "en"
)

// Langs lists the languages in the order they are offered.
var Langs = []Lang{FI, SV, EN}

// Parse reads a language code ("fi", "sv", "en"; case-insensitive; a
// region such as "sv-FI" is ignored). ok is false for anything else.
func Parse(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i > 0 {
		s = s[:i]
	}
	for _, l := range Langs {
		if string(l) == s {
			return l, true
		}
	}
	return FI, false
}

// Or returns l, or def when l is empty or unknown.
func (l Lang) Or(def Lang) Lang {
	if p, ok := Parse(string(l)); ok {
		return p
	}
	return def
}

const (
	nbsp  = "\u00a0"
	minus = "\u2212"
)

func (l Lang) sep() (group, decimal string) {
	if l == EN {
		return ",", "."
	}
	return nbsp, ","
}

// group writes the digits of n >= 0 with a separator every three digits.
func group(n uint64, sep string) string {
	s := strconv.FormatUint(n, 10)
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	lead := len(s) % 3
	if lead > 0 {
		b.WriteString(s[:lead])
	}
	for i := lead; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

func abs(n int64) uint64 {
	if n < 0 {
		return uint64(-(n + 1)) + 1 //nolint:gosec // G115: -(n+1) >= 0 for every negative n, math.MinInt64 too
	}
	return uint64(n)
}

func (l Lang) sign(n int64) string {
	if n >= 0 {
		return ""
	}
	if l == EN {
		return "-"
	}
	return minus
}

// Number writes an integer with thousands grouped: fi/sv "12 345", en "12,345".
func Number(n int64, l Lang) string {
	g, _ := l.sep()
	return l.sign(n) + group(abs(n), g)
}

// Decimal writes n / 10^scale with exactly scale decimals:
// Decimal(123456, 2, FI) is "1 234,56".
func Decimal(n int64, scale int, l Lang) string {
	return l.sign(n) + decimal(abs(n), scale, l)
}

func decimal(u uint64, scale int, l Lang) string {
	g, d := l.sep()
	if scale <= 0 {
		return group(u, g)
	}
	p := uint64(1)
	for range scale {
		p *= 10
	}
	frac := strconv.FormatUint(u%p, 10)
	frac = strings.Repeat("0", scale-len(frac)) + frac
	return group(u/p, g) + d + frac
}

// Euros writes integer cents as euros: fi/sv "1 234,56 €" (no-break
// spaces), en "€1,234.56"; negatives with a minus sign in front.
func Euros(cents int64, l Lang) string {
	if l == EN {
		return l.sign(cents) + "€" + decimal(abs(cents), 2, l)
	}
	return Decimal(cents, 2, l) + nbsp + "€"
}

// EurosPlain writes cents as a plain decimal number of euros for a
// spreadsheet cell or a journal: fi/sv "-1234,56", en "-1234.56" (ASCII
// minus, no grouping, no currency sign).
func EurosPlain(cents int64, l Lang) string {
	_, d := l.sep()
	u := abs(cents)
	s := strconv.FormatUint(u/100, 10) + d + strconv.FormatUint(100+u%100, 10)[1:]
	if cents < 0 {
		return "-" + s
	}
	return s
}

// Percent writes basis points as a percentage with two decimals:
// fi/sv "33,33 %", en "33.33%".
func Percent(bp int64, l Lang) string {
	if l == EN {
		return Decimal(bp, 2, l) + "%"
	}
	return Decimal(bp, 2, l) + nbsp + "%"
}

var months = map[Lang][12]string{
	FI: {"tammikuu", "helmikuu", "maaliskuu", "huhtikuu", "toukokuu", "kesäkuu", "heinäkuu", "elokuu", "syyskuu", "lokakuu", "marraskuu", "joulukuu"},
	SV: {"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"},
	EN: {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

var weekdays = map[Lang][7]string{
	FI: {"sunnuntai", "maanantai", "tiistai", "keskiviikko", "torstai", "perjantai", "lauantai"},
	SV: {"söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"},
	EN: {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
}

func (l Lang) valid() Lang { return l.Or(FI) }

// categories name the activity categories (docs/glossary.md).
var categories = map[Lang]map[string]string{
	FI: {"music": "Musiikki", "theatre": "Teatteri", "dance": "Tanssi", "visual_arts": "Kuvataide",
		"crafts": "Käsityöt", "literature": "Kirjallisuus", "film": "Elokuva", "intergenerational": "Sukupolvien kohtaaminen",
		"outdoor": "Ulkoilu", "other": "Muu"},
	SV: {"music": "Musik", "theatre": "Teater", "dance": "Dans", "visual_arts": "Bildkonst",
		"crafts": "Hantverk", "literature": "Litteratur", "film": "Film", "intergenerational": "Möten mellan generationer",
		"outdoor": "Utevistelse", "other": "Annat"},
	EN: {"music": "Music", "theatre": "Theatre", "dance": "Dance", "visual_arts": "Visual arts",
		"crafts": "Crafts", "literature": "Literature", "film": "Film", "intergenerational": "Intergenerational",
		"outdoor": "Outdoor", "other": "Other"},
}

// Category names an activity category ("music": "Musiikki", "Musik",
// "Music"); an unknown one is returned as it is.
func Category(category string, l Lang) string {
	if name, ok := categories[l.valid()][category]; ok {
		return name
	}
	return category
}

// MonthName is the month's name in the nominative: "maaliskuu", "mars", "March".
func MonthName(m time.Month, l Lang) string { return months[l.valid()][m-1] }

// Weekday is the day's name: "maanantai", "måndag", "Monday".
func Weekday(d time.Weekday, l Lang) string { return weekdays[l.valid()][d] }

// Month writes a month and its year: "maaliskuu 2025", "mars 2025", "March 2025".
func Month(t time.Time, l Lang) string {
	return MonthName(t.Month(), l) + " " + strconv.Itoa(t.Year())
}

// Date writes a calendar day: fi/sv "8.3.2025" (as in Finland in both
// languages), en "8 Mar 2025". t's own fields are used (no zone change).
func Date(t time.Time, l Lang) string {
	if l == EN {
		return t.Format("2 Jan 2006")
	}
	return strconv.Itoa(t.Day()) + "." + strconv.Itoa(int(t.Month())) + "." + strconv.Itoa(t.Year())
}

// DateTime writes an instant as a day and a time in loc (the calendar
// zone; UTC when nil): fi "8.3.2025 klo 14.05", sv "8.3.2025 kl. 14.05",
// en "8 Mar 2025 14:05".
func DateTime(t time.Time, l Lang, loc *time.Location) string {
	return Date(t.In(zoneOr(loc)), l) + " " + Clock(t, l, loc)
}

func zoneOr(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}

// clockWord is the word before a clock time: "klo" (fi), "kl." (sv), none (en).
func (l Lang) clockWord() string {
	switch l.valid() {
	case SV:
		return "kl. "
	case EN:
		return ""
	}
	return "klo "
}

// hhmm writes a clock time the language's way: 14.05 (fi, sv), 14:05 (en).
func (l Lang) hhmm(t time.Time) string {
	if l.valid() == EN {
		return t.Format("15:04")
	}
	return t.Format("15.04")
}

// Clock writes the time of day of an instant in loc (UTC when nil) the
// Finnish way: fi "klo 14.05", sv "kl. 14.05", en "14:05".
func Clock(t time.Time, l Lang, loc *time.Location) string {
	return l.clockWord() + l.hhmm(t.In(zoneOr(loc)))
}

// ClockRange writes a start and end time in loc: fi "klo 14.00–15.30",
// sv "kl. 14.00–15.30", en "14:00–15:30" (an en dash between).
func ClockRange(start, end time.Time, l Lang, loc *time.Location) string {
	loc = zoneOr(loc)
	return l.clockWord() + l.hhmm(start.In(loc)) + "–" + l.hhmm(end.In(loc))
}
