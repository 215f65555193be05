package report

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/budget"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/l10n"
)

// The annual report (GET /reports/annual.pdf and .xlsx) is the document the producer hands to both
// departments and to the welfare report: the year's indicators, their charts (in the PDF), a table
// per unit and each department's costs from the split of every agreement that overlaps the year.

// AgreementCosts is one agreement's split for the part of the year it covers.
type AgreementCosts struct {
	ID       uuid.UUID
	Name     string
	From, To civil.Date // inclusive, within the year
	Split    budget.SplitResponse
}

// Annual is everything the annual report shows.
type Annual struct {
	Year       int
	Lang       l10n.Lang
	Zone       *time.Location
	Created    time.Time
	Indicators IndicatorReport
	Agreements []AgreementCosts
}

// Annual gathers the annual report of a calendar year (calendar zone).
func (s Store) Annual(ctx context.Context, year int, lang l10n.Lang) (Annual, error) {
	zone := s.zone()
	from := time.Date(year, 1, 1, 0, 0, 0, 0, zone)
	ind, err := s.Indicators(ctx, from, from.AddDate(1, 0, 0), &year)
	if err != nil {
		return Annual{}, err
	}
	first := civil.Date{Time: time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)}
	last := civil.Date{Time: time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)}
	var agreements []struct {
		ID       uuid.UUID
		Name     string
		StartsOn civil.Date
		EndsOn   civil.Date
	}
	if err := s.DB.WithContext(ctx).Raw(`SELECT id, name, starts_on, ends_on FROM agreements
		WHERE starts_on <= ? AND ends_on >= ? ORDER BY starts_on, lower(name), id`, last, first).Scan(&agreements).Error; err != nil {
		return Annual{}, fmt.Errorf("annual report agreements: %w", err)
	}
	a := Annual{Year: year, Lang: lang, Zone: zone, Created: s.now(), Indicators: ind}
	costs := budget.Store{DB: s.DB, Zone: zone}
	for _, ag := range agreements {
		f, t := first, last
		if ag.StartsOn.After(f.Time) {
			f = ag.StartsOn
		}
		if ag.EndsOn.Before(t.Time) {
			t = ag.EndsOn
		}
		split, err := costs.Split(ctx, ag.ID, &f, &t)
		if err != nil {
			return Annual{}, fmt.Errorf("annual report split: %w", err)
		}
		a.Agreements = append(a.Agreements, AgreementCosts{ID: ag.ID, Name: ag.Name, From: f, To: t, Split: split})
	}
	return a, nil
}

// annualText holds the annual report's words in one language.
type annualText struct {
	title, period, created, unitsActive, summary, noData                               string
	indicators, indicator, value, numerator, denominator                               string
	unitsReached, per100, volunteers, ideas, feedback, partners, participantsOf        string
	residentsActive                                                                    string
	byMonth, month, occurrences, participants, residents, reachedUnits, share          string
	charts, participationChart, categoryChart, targetGroupChart, feedbackChart         string
	reachChart, leftOut, perUnit, unit, kind, places, attendance, feedbackMean, total  string
	costs, agreement, department, code, costsInYear, budgetOfPeriod, splitNote, noCost string
	definitions                                                                        string
	defs                                                                               []string
	sheetIndicators, sheetMonths, sheetUnits, sheetGroups, sheetPartners, sheetCosts   string
	key, group, sector, rating, count, from, to, cents                                 string
}

var annualTexts = map[l10n.Lang]annualText{
	l10n.FI: {title: "Kulttuurisilta: vuosiraportti", period: "Ajanjakso", created: "Laadittu", unitsActive: "Toimivia yksiköitä",
		summary:    "Kulttuuritoiminta tavoitti %d yksikköä %d toimivasta yksiköstä (%s). Toteutuneita ja suunniteltuja kertoja oli %s, osallistumisia %s.",
		noData:     "Ei tietoja.",
		indicators: "Tunnusluvut", indicator: "Tunnusluku", value: "Arvo", numerator: "Osoittaja", denominator: "Nimittäjä",
		unitsReached: "Yksiköt, joissa vähintään yksi toimintakerta", per100: "Toimintakertoja 100 asukaspaikkaa kohden",
		volunteers: "Vapaaehtoisten osallistumiset kaikista osallistumisista", ideas: "Toteutuneet ideat vuoden aikana saaduista",
		residentsActive: "Asukkaat, jotka osallistuivat aktiivisesti, yksiköissä, jotka kirjaavat osallistujat nimeltä",
		feedback:        "Palautteen keskiarvo (1–5)", partners: "Mukana olleet kumppanit: %s", participantsOf: "Osallistujat: %s",
		byMonth: "Yksiköt ja osallistuminen kuukausittain", month: "Kuukausi", occurrences: "Kerrat", participants: "Osallistujat",
		residents: "Asukkaat", reachedUnits: "Yksiköt, joissa toimintaa", share: "Osuus",
		charts: "Kaaviot", participationChart: "Osallistujat kuukausittain", categoryChart: "Toimintakerrat lajeittain",
		targetGroupChart: "Osallistujat kohderyhmittäin", feedbackChart: "Palautteiden jakauma (toimintakertoja arvosanoittain)",
		reachChart: "Toimintakerrat yksiköittäin", leftOut: "ei toimintaa",
		perUnit: "Yksiköt", unit: "Yksikkö", kind: "Tyyppi", places: "Paikat", attendance: "Osallistujamäärä kirjattu",
		feedbackMean: "Palaute", total: "Yhteensä",
		costs: "Toimialojen kustannukset", agreement: "Sopimus", department: "Toimiala", code: "Kustannuspaikka",
		costsInYear: "Kustannukset", budgetOfPeriod: "Talousarvio (sopimuskausi)",
		splitNote:   "Kunkin toimialan osuus on kirjausten jaettujen osuuksien summa sopimuksen jakosäännön mukaan.",
		noCost:      "Vuodelle ei ole yhteisbudjetin sopimusta.",
		definitions: "Määritelmät",
		defs: []string{
			"Toimintakerta: toiminnan yksi kerta, joka ei ole peruttu eikä pelkkä ehdotus; toistuvan toiminnan kerrat lasketaan erikseen.",
			"Yksiköt, joissa vähintään yksi toimintakerta: toimivat yksiköt, jotka isännöivät vähintään yhden kerran jakson (kuukauden) aikana, jaettuna kaikilla toimivilla yksiköillä.",
			"Toimintakertoja 100 asukaspaikkaa kohden: yksiköiden isännöimät kerrat (kahden yksikön kerta kummallekin) jaettuna yksiköiden asukaspaikoilla, kertaa 100; mukana toimivat yksiköt, joiden asukaspaikat on kirjattu.",
			"Osallistujat: kirjatut asukkaat, henkilökunta, vapaaehtoiset ja omaiset; kohderyhmän osuus on sen kertojen osallistujat kaikista osallistujista (kerta voi kuulua useaan kohderyhmään).",
			"Kumppanit sektoreittain: sektorin eri kumppanit, jotka olivat mukana vähintään yhdessä kerrassa, jaettuna kaikilla mukana olleilla kumppaneilla.",
			"Vapaaehtoisten osallistumiset: kirjatut vapaaehtoiset jaettuna kaikilla kirjatuilla osallistujilla.",
			"Toteutuneet ideat: jakson aikana saadut ideat, joiden tila on nyt toteutunut, jaettuna kaikilla jakson aikana saaduilla ideoilla.",
			"Palautteen keskiarvo: kirjattujen palautteiden (1–5) summa jaettuna palautteen saaneiden kertojen määrällä.",
		},
		sheetIndicators: "Tunnusluvut", sheetMonths: "Kuukaudet", sheetUnits: "Yksiköt", sheetGroups: "Kohderyhmät ja lajit",
		sheetPartners: "Kumppanit ja palaute", sheetCosts: "Kustannukset",
		key: "Avain", group: "Ryhmä", sector: "Sektori", rating: "Arvosana", count: "Määrä", from: "Alkaen", to: "Päättyen", cents: "senttiä"},
	l10n.SV: {title: "Kulttuurisilta: årsrapport", period: "Period", created: "Upprättad", unitsActive: "Verksamma enheter",
		summary:    "Kulturverksamheten nådde %d av %d enheter (%s). Det fanns %s genomförda och planerade tillfällen och %s deltaganden.",
		noData:     "Inga uppgifter.",
		indicators: "Nyckeltal", indicator: "Nyckeltal", value: "Värde", numerator: "Täljare", denominator: "Nämnare",
		unitsReached: "Enheter med minst ett tillfälle", per100: "Tillfällen per 100 boendeplatser",
		volunteers: "Frivilligas deltaganden av alla deltaganden", ideas: "Förverkligade idéer av dem som kommit in under året",
		residentsActive: "Boende som deltog aktivt, i enheter som registrerar deltagarna per person",
		feedback:        "Medelvärde för respons (1–5)", partners: "Samarbetspartner som deltog: %s", participantsOf: "Deltagare: %s",
		byMonth: "Enheter och deltagande per månad", month: "Månad", occurrences: "Tillfällen", participants: "Deltagare",
		residents: "Boende", reachedUnits: "Enheter med verksamhet", share: "Andel",
		charts: "Diagram", participationChart: "Deltagare per månad", categoryChart: "Tillfällen per kategori",
		targetGroupChart: "Deltagare per målgrupp", feedbackChart: "Responsens fördelning (tillfällen per vitsord)",
		reachChart: "Tillfällen per enhet", leftOut: "ingen verksamhet",
		perUnit: "Enheter", unit: "Enhet", kind: "Typ", places: "Platser", attendance: "Deltagarantal registrerat",
		feedbackMean: "Respons", total: "Totalt",
		costs: "Förvaltningarnas kostnader", agreement: "Avtal", department: "Förvaltning", code: "Kostnadsställe",
		costsInYear: "Kostnader", budgetOfPeriod: "Budget (avtalsperioden)",
		splitNote:   "Varje förvaltnings andel är summan av postens fördelade andelar enligt avtalets fördelningsregel.",
		noCost:      "Det finns inget avtal om gemensam budget för året.",
		definitions: "Definitioner",
		defs: []string{
			"Tillfälle: ett tillfälle av en aktivitet som inte är inställt och inte bara ett förslag; återkommande aktiviteters tillfällen räknas var för sig.",
			"Enheter med minst ett tillfälle: verksamma enheter som stod värd för minst ett tillfälle under perioden (månaden), delat med alla verksamma enheter.",
			"Tillfällen per 100 boendeplatser: enheternas tillfällen (ett tillfälle för två enheter räknas för båda) delat med enheternas boendeplatser, gånger 100; verksamma enheter med registrerade boendeplatser.",
			"Deltagare: registrerade boende, personal, frivilliga och anhöriga; en målgrupps andel är deltagarna i dess tillfällen av alla deltagare (ett tillfälle kan höra till flera målgrupper).",
			"Samarbetspartner per sektor: sektorns olika samarbetspartner som deltog i minst ett tillfälle, delat med alla samarbetspartner som deltog.",
			"Frivilligas deltaganden: registrerade frivilliga delat med alla registrerade deltagare.",
			"Förverkligade idéer: idéer som kommit in under perioden och nu är genomförda, delat med alla idéer som kommit in under perioden.",
			"Medelvärde för respons: summan av registrerad respons (1–5) delat med antalet tillfällen med respons.",
		},
		sheetIndicators: "Nyckeltal", sheetMonths: "Månader", sheetUnits: "Enheter", sheetGroups: "Målgrupper och kategorier",
		sheetPartners: "Samarbetspartner och respons", sheetCosts: "Kostnader",
		key: "Nyckel", group: "Grupp", sector: "Sektor", rating: "Vitsord", count: "Antal", from: "Från", to: "Till", cents: "cent"},
	l10n.EN: {title: "Kulttuurisilta: annual report", period: "Period", created: "Prepared", unitsActive: "Active units",
		summary:    "Culture reached %d of %d units (%s). There were %s held and planned occurrences and %s participations.",
		noData:     "No data.",
		indicators: "Indicators", indicator: "Indicator", value: "Value", numerator: "Numerator", denominator: "Denominator",
		unitsReached: "Units with at least one occurrence", per100: "Occurrences per 100 resident places",
		volunteers: "Volunteer participations of all participations", ideas: "Ideas fulfilled of those received in the year",
		residentsActive: "Residents who took part actively, in units that record participants by name",
		feedback:        "Mean feedback (1–5)", partners: "Partners involved: %s", participantsOf: "Participants: %s",
		byMonth: "Units and participation by month", month: "Month", occurrences: "Occurrences", participants: "Participants",
		residents: "Residents", reachedUnits: "Units with activity", share: "Share",
		charts: "Charts", participationChart: "Participants by month", categoryChart: "Occurrences by category",
		targetGroupChart: "Participants by target group", feedbackChart: "Distribution of feedback (occurrences by rating)",
		reachChart: "Occurrences by unit", leftOut: "left out",
		perUnit: "Units", unit: "Unit", kind: "Kind", places: "Places", attendance: "Attendance recorded",
		feedbackMean: "Feedback", total: "Total",
		costs: "The departments' costs", agreement: "Agreement", department: "Department", code: "Cost centre",
		costsInYear: "Costs", budgetOfPeriod: "Budget (agreement period)",
		splitNote:   "Each department's part is the sum of the entries' allocations by the agreement's split rule.",
		noCost:      "No joint-budget agreement covers the year.",
		definitions: "Definitions",
		defs: []string{
			"Occurrence: one occurrence of an activity that is neither cancelled nor a mere proposal; the occurrences of a recurring activity count one by one.",
			"Units with at least one occurrence: active units that hosted at least one occurrence in the period (month), divided by all active units.",
			"Occurrences per 100 resident places: the units' occurrences (one for two units counts for each) divided by their resident places, times 100; active units with resident places recorded.",
			"Participants: residents, staff, volunteers and relatives recorded; a target group's share is the participants of its occurrences of all participants (an occurrence may be for several target groups).",
			"Partners by sector: the sector's distinct partners in at least one occurrence, divided by all distinct partners involved.",
			"Volunteer participations: volunteers recorded divided by all participants recorded.",
			"Ideas fulfilled: ideas received in the period that are now done, divided by all ideas received in the period.",
			"Mean feedback: the sum of the feedback recorded (1–5) divided by the occurrences with feedback.",
		},
		sheetIndicators: "Indicators", sheetMonths: "Months", sheetUnits: "Units", sheetGroups: "Target groups and categories",
		sheetPartners: "Partners and feedback", sheetCosts: "Costs",
		key: "Key", group: "Group", sector: "Sector", rating: "Rating", count: "Count", from: "From", to: "To", cents: "cents"},
}

// indicatorRow is one line of the indicators table: a label, the value as text, and the numerator and
// denominator (the XLSX keeps the value as a number too).
type indicatorRow struct {
	key, label  string
	value       string
	number      any // export.Decimal, int or nil
	numerator   int
	denominator int
}

func shareText(r Ratio, l l10n.Lang) string {
	if r.ShareBP == nil {
		return "–"
	}
	return l10n.Percent(int64(*r.ShareBP), l)
}

// rows lists the indicators in the order the report shows them.
func (a Annual) rows() []indicatorRow {
	t, l, ind := annualTexts[a.Lang], a.Lang, a.Indicators
	share := func(key, label string, r Ratio) indicatorRow {
		var num any
		if r.ShareBP != nil {
			num = percentCell(*r.ShareBP)
		}
		return indicatorRow{key: key, label: label, value: shareText(r, l), number: num, numerator: r.Numerator, denominator: r.Denominator}
	}
	rows := []indicatorRow{share("units_reached", t.unitsReached, ind.UnitsReached)}
	rate := ind.OccurrencesPer100Places
	r := indicatorRow{key: "occurrences_per_100_places", label: t.per100, value: "–", numerator: rate.Numerator, denominator: rate.Denominator}
	if rate.Per100 != nil {
		r.value = l10n.Decimal(int64(*rate.Per100*100+0.5), 2, l)
		r.number = decimalCell(*rate.Per100)
	}
	rows = append(rows, r)
	for _, g := range ind.TargetGroups {
		rows = append(rows, share("target_group:"+g.Key, fmt.Sprintf(t.participantsOf, l10n.TargetGroup(g.Key, l)), g.Share))
	}
	for _, s := range ind.PartnerSectors {
		rows = append(rows, share("partners:"+s.Sector, fmt.Sprintf(t.partners, l10n.Sector(s.Sector, l)), s.Partners))
	}
	rows = append(rows, share("volunteers", t.volunteers, ind.Volunteers), share("ideas_fulfilled", t.ideas, ind.IdeasFulfilled))
	// Where per-resident participation is recorded; a figure on fewer than MinResidents residents is
	// shown as "< 3", never as numbers.
	if ra := ind.ResidentsActive; ra.Units > 0 {
		r := share("residents_active", t.residentsActive, Ratio{Numerator: ra.Numerator, Denominator: ra.Denominator, ShareBP: ra.ShareBP})
		if ra.Suppressed {
			r.value = fmt.Sprintf("< %d", MinResidents)
		}
		rows = append(rows, r)
	}
	fb := ind.Feedback
	r = indicatorRow{key: "feedback_mean", label: t.feedback, value: "–", numerator: fb.Numerator, denominator: fb.Denominator}
	if fb.Mean != nil {
		r.value = l10n.Decimal(int64(*fb.Mean*100+0.5), 2, l)
		r.number = decimalCell(*fb.Mean)
	}
	return append(rows, r)
}
