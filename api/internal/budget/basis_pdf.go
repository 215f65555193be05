package budget

import (
	"fmt"
	"strings"
	"time"

	"kulttuurisilta/api/internal/l10n"
	"kulttuurisilta/api/internal/pdfdoc"
)

// basisText holds the basis document's words in one language.
type basisText struct {
	title, number, revision, corrects, agreement, period, lockedBy, approvals, checksum string
	parties, organisation, department, costCentre, share, total, monthTotal             string
	correction, previous, now, delta, changedEntries, added, removed, changed           string
	byCategory, category, account, amount, byUnit, unit, noUnit, entries, date          string
	description, noEntries                                                              string
	categories                                                                          map[string]string
}

var basisTexts = map[l10n.Lang]basisText{
	l10n.FI: {title: "Laskutusperuste", number: "Nro", revision: "versio", corrects: "korjaa laskutusperusteen nro",
		agreement: "Sopimus", period: "Kausi", lockedBy: "Lukittu", approvals: "Hyväksynnät", checksum: "Tarkiste (SHA-256)",
		parties: "Osapuolet ja osuudet", organisation: "Organisaatio", department: "Osasto", costCentre: "Kustannuspaikka",
		share: "Oletusosuus", total: "Yhteensä", monthTotal: "Kuukauden kulut yhteensä",
		correction: "Korjaus edelliseen laskutusperusteeseen", previous: "Aiemmin", now: "Nyt", delta: "Erotus",
		changedEntries: "Muuttuneet kirjaukset", added: "lisätty", removed: "poistettu", changed: "muutettu",
		byCategory: "kululajeittain", category: "Kululaji", account: "Tili", amount: "Summa", byUnit: "yksiköittäin",
		unit: "Yksikkö", noUnit: "(ei yksikköä)", entries: "Kirjaukset ja niiden jako", date: "Päivä", description: "Kuvaus",
		noEntries: "Kuukaudella ei ole kirjauksia.",
		categories: map[string]string{"salary": "Palkat", "performer_fee": "Esiintyjäpalkkiot", "travel": "Matkat",
			"materials": "Materiaalit", "venue": "Tilat", "other": "Muut"}},
	l10n.SV: {title: "Faktureringsunderlag", number: "Nr", revision: "version", corrects: "rättar faktureringsunderlag nr",
		agreement: "Avtal", period: "Period", lockedBy: "Låst", approvals: "Godkännanden", checksum: "Kontrollsumma (SHA-256)",
		parties: "Parter och andelar", organisation: "Organisation", department: "Avdelning", costCentre: "Kostnadsställe",
		share: "Standardandel", total: "Totalt", monthTotal: "Månadens kostnader totalt",
		correction: "Rättelse till föregående underlag", previous: "Tidigare", now: "Nu", delta: "Skillnad",
		changedEntries: "Ändrade poster", added: "tillagd", removed: "borttagen", changed: "ändrad",
		byCategory: "per kostnadsslag", category: "Kostnadsslag", account: "Konto", amount: "Belopp", byUnit: "per enhet",
		unit: "Enhet", noUnit: "(ingen enhet)", entries: "Poster och deras fördelning", date: "Datum", description: "Beskrivning",
		noEntries: "Månaden har inga poster.",
		categories: map[string]string{"salary": "Löner", "performer_fee": "Artistarvoden", "travel": "Resor",
			"materials": "Material", "venue": "Lokaler", "other": "Övrigt"}},
	l10n.EN: {title: "Invoicing basis", number: "No.", revision: "revision", corrects: "corrects invoicing basis no.",
		agreement: "Agreement", period: "Period", lockedBy: "Locked", approvals: "Approvals", checksum: "Checksum (SHA-256)",
		parties: "Parties and shares", organisation: "Organisation", department: "Department", costCentre: "Cost centre",
		share: "Default share", total: "Total", monthTotal: "The month's costs in total",
		correction: "Correction of the previous basis", previous: "Before", now: "Now", delta: "Difference",
		changedEntries: "Changed entries", added: "added", removed: "removed", changed: "changed",
		byCategory: "by category", category: "Category", account: "Account", amount: "Amount", byUnit: "by unit",
		unit: "Unit", noUnit: "(no unit)", entries: "Entries and their split", date: "Date", description: "Description",
		noEntries: "The month has no entries.",
		categories: map[string]string{"salary": "Salaries", "performer_fee": "Performer fees", "travel": "Travel",
			"materials": "Materials", "venue": "Venues", "other": "Other"}},
}

// BasisPDF draws an invoicing basis as an A4 PDF in a language; times are
// shown in zone. The same basis and language always give the same bytes.
func BasisPDF(b BasisResponse, lang l10n.Lang, zone *time.Location) ([]byte, error) {
	lang = lang.Or(l10n.FI)
	t := basisTexts[lang]
	c := b.Content
	eur := func(v int64) string { return l10n.Euros(v, lang) }
	monthTime, _ := time.Parse("2006-01", c.Month)
	no := fmt.Sprintf("%s %d", t.number, c.Number)
	d, err := pdfdoc.New(pdfdoc.Options{Lang: lang, BodySize: 9,
		Header: "Kulttuurisilta · " + t.title + " " + no, HeaderRight: c.Agreement.Name,
		Footer: t.checksum + " " + b.ContentSHA256[:16] + "…",
		Title:  fmt.Sprintf("%s %s %s", t.title, c.Month, no), Subject: c.Agreement.Name, Author: "Kulttuurisilta",
		Created: b.CreatedAt})
	if err != nil {
		return nil, err
	}
	if err := d.Heading(t.title+" – "+l10n.Month(monthTime, lang), 18); err != nil {
		return nil, err
	}
	sub := fmt.Sprintf("%s · %s %d", no, t.revision, c.Revision)
	if c.Correction != nil {
		sub += fmt.Sprintf(" · %s %d", t.corrects, c.Correction.PreviousNumber)
	}
	if err := d.Text(sub, pdfdoc.Style{Size: 11, Bold: true, Color: pdfdoc.Accent}); err != nil {
		return nil, err
	}
	d.Space(6)
	var approvals []string
	for _, a := range c.Approvals {
		approvals = append(approvals, fmt.Sprintf("%s: %s, %s", a.DepartmentName, a.UserName, l10n.DateTime(a.At, lang, zone)))
	}
	fields := [][2]string{
		{t.agreement, fmt.Sprintf("%s (%s – %s)", c.Agreement.Name, l10n.Date(c.Agreement.StartsOn.Time, lang), l10n.Date(c.Agreement.EndsOn.Time, lang))},
		{t.period, l10n.Date(c.From.Time, lang) + " – " + l10n.Date(c.To.Time, lang)},
		{t.approvals, strings.Join(approvals, "\n")},
		{t.lockedBy, c.LockedByName + ", " + l10n.DateTime(c.LockedAt, lang, zone)},
		{t.monthTotal, eur(c.TotalCents)},
		{t.checksum, b.ContentSHA256},
	}
	if err := d.Fields(fields); err != nil {
		return nil, err
	}
	// The parties and what each pays.
	if err := d.Heading(t.parties, 13); err != nil {
		return nil, err
	}
	parties := pdfdoc.Table{Columns: []pdfdoc.Column{{Title: t.organisation, Weight: 2}, {Title: t.department, Weight: 2},
		{Title: t.costCentre, Weight: 1.7}, {Title: t.share, Weight: 1.3, Align: pdfdoc.Right}, {Title: t.amount, Weight: 1.4, Align: pdfdoc.Right}}}
	for _, dep := range c.Departments {
		parties.Rows = append(parties.Rows, pdfdoc.Row{Cells: []string{dep.Organisation, dep.Name, dep.Code,
			l10n.Percent(int64(dep.ShareBP), lang), eur(dep.TotalCents)}})
	}
	parties.Rows = append(parties.Rows, pdfdoc.Row{Cells: []string{t.total, "", "", "", eur(c.TotalCents)}, Bold: true, Shade: true})
	if err := d.Table(parties); err != nil {
		return nil, err
	}
	if c.Correction != nil {
		if err := basisCorrectionPDF(d, t, c, eur, lang); err != nil {
			return nil, err
		}
	}
	for _, dep := range c.Departments {
		if err := d.Heading(fmt.Sprintf("%s (%s) %s", dep.Name, dep.Code, t.byCategory), 12); err != nil {
			return nil, err
		}
		cats := pdfdoc.Table{Columns: []pdfdoc.Column{{Title: t.category, Weight: 3}, {Title: t.account, Weight: 1.5},
			{Title: t.amount, Weight: 1.5, Align: pdfdoc.Right}}}
		for _, ca := range dep.ByCategory {
			cats.Rows = append(cats.Rows, pdfdoc.Row{Cells: []string{t.categories[ca.Category], ca.AccountCode, eur(ca.Cents)}})
		}
		cats.Rows = append(cats.Rows, pdfdoc.Row{Cells: []string{t.total, "", eur(dep.TotalCents)}, Bold: true, Shade: true})
		if err := d.Table(cats); err != nil {
			return nil, err
		}
		if len(dep.ByUnit) > 0 {
			units := pdfdoc.Table{Columns: []pdfdoc.Column{{Title: t.unit + " (" + t.byUnit + ")", Weight: 4.5},
				{Title: t.amount, Weight: 1.5, Align: pdfdoc.Right}}}
			for _, u := range dep.ByUnit {
				name := u.UnitName
				if u.UnitID == nil {
					name = t.noUnit
				}
				units.Rows = append(units.Rows, pdfdoc.Row{Cells: []string{name, eur(u.TotalCents)}})
			}
			if err := d.Table(units); err != nil {
				return nil, err
			}
		}
	}
	if err := d.Heading(t.entries, 13); err != nil {
		return nil, err
	}
	if len(c.Entries) == 0 {
		if err := d.Paragraph(t.noEntries); err != nil {
			return nil, err
		}
	} else if err := d.Table(basisEntriesTable(t, c, eur, lang)); err != nil {
		return nil, err
	}
	return d.Bytes()
}

func basisEntriesTable(t basisText, c BasisContent, eur func(int64) string, lang l10n.Lang) pdfdoc.Table {
	cols := []pdfdoc.Column{{Title: t.date, Weight: 1.4}, {Title: t.category, Weight: 1.6}, {Title: t.description, Weight: 2.7},
		{Title: t.unit, Weight: 1.6}, {Title: t.amount, Weight: 1.45, Align: pdfdoc.Right}}
	for _, dep := range c.Departments {
		cols = append(cols, pdfdoc.Column{Title: dep.Code, Weight: 1.45, Align: pdfdoc.Right})
	}
	tbl := pdfdoc.Table{Columns: cols, Size: 8}
	for _, e := range c.Entries {
		row := []string{l10n.Date(e.IncurredOn.Time, lang), t.categories[e.Category], e.Description, e.UnitName, eur(e.AmountCents)}
		for _, a := range e.Allocations {
			row = append(row, eur(a.AmountCents))
		}
		tbl.Rows = append(tbl.Rows, pdfdoc.Row{Cells: row})
	}
	total := []string{t.total, "", "", "", eur(c.TotalCents)}
	for _, dep := range c.Departments {
		total = append(total, eur(dep.TotalCents))
	}
	tbl.Rows = append(tbl.Rows, pdfdoc.Row{Cells: total, Bold: true, Shade: true})
	return tbl
}

func basisCorrectionPDF(d *pdfdoc.Doc, t basisText, c BasisContent, eur func(int64) string, lang l10n.Lang) error {
	k := c.Correction
	if err := d.Heading(fmt.Sprintf("%s (%s %d, %s %d)", t.correction, t.number, k.PreviousNumber, t.revision, k.PreviousRevision), 13); err != nil {
		return err
	}
	tbl := pdfdoc.Table{Columns: []pdfdoc.Column{{Title: t.department, Weight: 2.6}, {Title: t.costCentre, Weight: 1.8},
		{Title: t.previous, Weight: 1.4, Align: pdfdoc.Right}, {Title: t.now, Weight: 1.4, Align: pdfdoc.Right},
		{Title: t.delta, Weight: 1.4, Align: pdfdoc.Right}}}
	for _, dd := range k.Departments {
		tbl.Rows = append(tbl.Rows, pdfdoc.Row{Cells: []string{dd.Name, dd.Code, eur(dd.PreviousCents), eur(dd.Cents), eur(dd.DeltaCents)}, Bold: true})
	}
	if err := d.Table(tbl); err != nil {
		return err
	}
	if len(k.Entries) == 0 {
		return nil
	}
	if err := d.Text(t.changedEntries, pdfdoc.Style{Bold: true}); err != nil {
		return err
	}
	cols := []pdfdoc.Column{{Title: t.date, Weight: 1.4}, {Title: t.description, Weight: 3.2}, {Title: "", Weight: 1.1}}
	for _, dep := range c.Departments {
		cols = append(cols, pdfdoc.Column{Title: dep.Code + " " + strings.ToLower(t.delta), Weight: 1.5, Align: pdfdoc.Right})
	}
	entries := pdfdoc.Table{Columns: cols, Size: 8}
	change := map[string]string{"added": t.added, "removed": t.removed, "changed": t.changed}
	for _, e := range k.Entries {
		row := []string{l10n.Date(e.IncurredOn.Time, lang), e.Description, change[e.Change]}
		for _, dd := range e.Departments {
			row = append(row, eur(dd.DeltaCents))
		}
		entries.Rows = append(entries.Rows, pdfdoc.Row{Cells: row})
	}
	return d.Table(entries)
}
