package l10n_test

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"kulttuurisilta/api/internal/l10n"
)

func TestEuros(t *testing.T) {
	cases := []struct {
		cents    int64
		fi, sv   string
		en       string
		plainFI  string
		plainEN  string
		numberFI string
	}{
		{0, "0,00 €", "0,00 €", "€0.00", "0,00", "0.00", "0"},
		{5, "0,05 €", "0,05 €", "€0.05", "0,05", "0.05", "5"},
		{123456, "1 234,56 €", "1 234,56 €", "€1,234.56", "1234,56", "1234.56", "123 456"},
		{-12500, "−125,00 €", "−125,00 €", "-€125.00", "-125,00", "-125.00", "−12 500"},
		{100000000, "1 000 000,00 €", "1 000 000,00 €", "€1,000,000.00", "1000000,00", "1000000.00", "100 000 000"},
	}
	for _, c := range cases {
		// The test strings use plain spaces for readability; the real
		// separator is U+00A0.
		nb := func(s string) string { return strings.ReplaceAll(s, " ", "\u00a0") }
		if got := l10n.Euros(c.cents, l10n.FI); got != nb(c.fi) {
			t.Errorf("Euros(%d, fi) = %q, want %q", c.cents, got, nb(c.fi))
		}
		if got := l10n.Euros(c.cents, l10n.SV); got != nb(c.sv) {
			t.Errorf("Euros(%d, sv) = %q, want %q", c.cents, got, nb(c.sv))
		}
		if got := l10n.Euros(c.cents, l10n.EN); got != c.en {
			t.Errorf("Euros(%d, en) = %q, want %q", c.cents, got, c.en)
		}
		if got := l10n.EurosPlain(c.cents, l10n.FI); got != c.plainFI {
			t.Errorf("EurosPlain(%d, fi) = %q, want %q", c.cents, got, c.plainFI)
		}
		if got := l10n.EurosPlain(c.cents, l10n.EN); got != c.plainEN {
			t.Errorf("EurosPlain(%d, en) = %q, want %q", c.cents, got, c.plainEN)
		}
		if got := l10n.Number(c.cents, l10n.FI); got != nb(c.numberFI) {
			t.Errorf("Number(%d, fi) = %q, want %q", c.cents, got, nb(c.numberFI))
		}
	}
	// The extremes do not overflow.
	if got := l10n.Euros(math.MinInt64, l10n.EN); got != "-€92,233,720,368,547,758.08" {
		t.Errorf("Euros(MinInt64) = %q", got)
	}
}

// The plain form reads back to the same cents for any amount.
func FuzzEurosPlain(f *testing.F) {
	for _, s := range []int64{0, 1, -1, 99, -100, 123456, math.MaxInt64} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, cents int64) {
		if cents == math.MinInt64 {
			return
		}
		s := l10n.EurosPlain(cents, l10n.EN)
		whole, frac, ok := strings.Cut(s, ".")
		if !ok || len(frac) != 2 {
			t.Fatalf("%d -> %q", cents, s)
		}
		w, err := strconv.ParseInt(whole, 10, 64)
		if err != nil {
			t.Fatalf("%d -> %q: %v", cents, s, err)
		}
		fr, _ := strconv.ParseInt(frac, 10, 64)
		back := w*100 + fr
		if strings.HasPrefix(whole, "-") {
			back = w*100 - fr
		}
		if back != cents {
			t.Fatalf("%d -> %q -> %d", cents, s, back)
		}
		if fi := l10n.EurosPlain(cents, l10n.FI); fi != strings.Replace(s, ".", ",", 1) {
			t.Fatalf("fi %q vs en %q", fi, s)
		}
	})
}

func TestDates(t *testing.T) {
	hel, err := time.LoadLocation("Europe/Helsinki")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2025, 3, 8, 12, 5, 0, 0, time.UTC) // 14.05 in Helsinki
	cases := []struct {
		lang                      l10n.Lang
		date, dateTime, month, bp string
	}{
		{l10n.FI, "8.3.2025", "8.3.2025 klo 14.05", "maaliskuu 2025", "33,33 %"},
		{l10n.SV, "8.3.2025", "8.3.2025 kl. 14.05", "mars 2025", "33,33 %"},
		{l10n.EN, "8 Mar 2025", "8 Mar 2025 14:05", "March 2025", "33.33%"},
	}
	for _, c := range cases {
		if got := l10n.Date(at, c.lang); got != c.date {
			t.Errorf("%s Date = %q, want %q", c.lang, got, c.date)
		}
		if got := l10n.DateTime(at, c.lang, hel); got != c.dateTime {
			t.Errorf("%s DateTime = %q, want %q", c.lang, got, c.dateTime)
		}
		if got := l10n.Month(at, c.lang); got != c.month {
			t.Errorf("%s Month = %q, want %q", c.lang, got, c.month)
		}
		if got := strings.ReplaceAll(l10n.Percent(3333, c.lang), "\u00a0", " "); got != c.bp {
			t.Errorf("%s Percent = %q, want %q", c.lang, got, c.bp)
		}
	}
	if got := l10n.Weekday(time.Monday, l10n.SV); got != "måndag" {
		t.Errorf("Weekday = %q", got)
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]l10n.Lang{"fi": l10n.FI, "SV": l10n.SV, "sv-FI": l10n.SV, "en_GB": l10n.EN, " en ": l10n.EN} {
		if got, ok := l10n.Parse(in); !ok || got != want {
			t.Errorf("Parse(%q) = %q, %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "de", "f", "-fi"} {
		if _, ok := l10n.Parse(in); ok {
			t.Errorf("Parse(%q) accepted", in)
		}
	}
	if l10n.Lang("de").Or(l10n.EN) != l10n.EN || l10n.Lang("sv").Or(l10n.EN) != l10n.SV {
		t.Error("Or")
	}
}

func TestClock(t *testing.T) {
	hel, err := time.LoadLocation("Europe/Helsinki")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 3, 8, 12, 0, 0, 0, time.UTC) // 14.00 in Helsinki
	end := start.Add(90 * time.Minute)
	for _, c := range []struct {
		lang       l10n.Lang
		clock, rng string
		clockUTC   string
	}{
		{l10n.FI, "klo 14.00", "klo 14.00–15.30", "klo 12.00"},
		{l10n.SV, "kl. 14.00", "kl. 14.00–15.30", "kl. 12.00"},
		{l10n.EN, "14:00", "14:00–15:30", "12:00"},
		{"xx", "klo 14.00", "klo 14.00–15.30", "klo 12.00"},
	} {
		if got := l10n.Clock(start, c.lang, hel); got != c.clock {
			t.Errorf("%s Clock = %q, want %q", c.lang, got, c.clock)
		}
		if got := l10n.ClockRange(start, end, c.lang, hel); got != c.rng {
			t.Errorf("%s ClockRange = %q, want %q", c.lang, got, c.rng)
		}
		if got := l10n.Clock(start, c.lang, nil); got != c.clockUTC {
			t.Errorf("%s Clock(UTC) = %q, want %q", c.lang, got, c.clockUTC)
		}
	}
}
