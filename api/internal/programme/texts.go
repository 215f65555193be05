package programme

import (
	"embed"
	"fmt"
	"time"

	"kulttuurisilta/api/internal/l10n"
)

// words are the fixed texts of the print, the page and the screen. The
// terms follow docs/glossary.md.
type words struct {
	Programme, MonthProgramme, NextWeeks, Nothing, NothingToday, Today, Tomorrow, Now, Internal       string
	Language, Subscribe, SubscribeHelp, Download, Accessibility, PlainLanguage, Print, Updated, Clock string
}

var vocabulary = map[l10n.Lang]words{
	l10n.FI: {Programme: "Ohjelma", MonthProgramme: "Kuukauden ohjelma", NextWeeks: "Ohjelma seuraavat 8 viikkoa",
		Nothing: "Ei ohjelmaa tänä aikana.", NothingToday: "Ei ohjelmaa.", Today: "Tänään", Tomorrow: "Huomenna", Now: "Nyt",
		Internal: "vain talon väelle", Language: "Kieli", Subscribe: "Tilaa ohjelma kalenteriin",
		SubscribeHelp: "Lisää ohjelma puhelimen tai tietokoneen kalenteriin: se päivittyy itsestään.",
		Download:      "Lataa kalenteritiedosto (.ics)", Accessibility: "Saavutettavuus", PlainLanguage: "Selkokielellä",
		Print: "Tulosta", Updated: "Päivitetty", Clock: "Kello"},
	l10n.SV: {Programme: "Program", MonthProgramme: "Månadens program", NextWeeks: "Programmet de kommande 8 veckorna",
		Nothing: "Inget program under den här tiden.", NothingToday: "Inget program.", Today: "I dag", Tomorrow: "I morgon",
		Now: "Nu", Internal: "endast för husets folk", Language: "Språk", Subscribe: "Prenumerera på programmet i kalendern",
		SubscribeHelp: "Lägg till programmet i telefonens eller datorns kalender: det uppdateras av sig självt.",
		Download:      "Ladda ned kalenderfilen (.ics)", Accessibility: "Tillgänglighet", PlainLanguage: "På lättläst svenska",
		Print: "Skriv ut", Updated: "Uppdaterat", Clock: "Klockan"},
	l10n.EN: {Programme: "Programme", MonthProgramme: "Programme of the month", NextWeeks: "Programme for the next 8 weeks",
		Nothing: "No programme in this period.", NothingToday: "No programme.", Today: "Today", Tomorrow: "Tomorrow",
		Now: "Now", Internal: "residents and staff only", Language: "Language", Subscribe: "Subscribe to the programme",
		SubscribeHelp: "Add the programme to your phone's or computer's calendar: it updates by itself.",
		Download:      "Download the calendar file (.ics)", Accessibility: "Accessibility", PlainLanguage: "Easy to read",
		Print: "Print", Updated: "Updated", Clock: "Time"},
}

func wordsOf(l l10n.Lang) words { return vocabulary[l.Or(l10n.FI)] }

// langNames are each language's name in itself, for the language switch.
var langNames = map[l10n.Lang]string{l10n.FI: "Suomi", l10n.SV: "Svenska", l10n.EN: "English"}

// dayTitle is a day heading: "maanantai 2.3.", "måndag 2.3.", "Monday 2 Mar".
func dayTitle(d time.Time, l l10n.Lang) string {
	wd := l10n.Weekday(d.Weekday(), l)
	if l == l10n.EN {
		return wd + " " + d.Format("2 Jan")
	}
	return fmt.Sprintf("%s %d.%d.", wd, d.Day(), int(d.Month()))
}

//go:embed pictograms/*.png
var pictogramFS embed.FS

// pictogram is the category's PNG (Tabler Icons, MIT; pictograms/LICENSE).
func pictogram(category string) []byte {
	b, err := pictogramFS.ReadFile("pictograms/" + category + ".png")
	if err != nil {
		b, _ = pictogramFS.ReadFile("pictograms/other.png")
	}
	return b
}
