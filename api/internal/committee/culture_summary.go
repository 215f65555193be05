package committee

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/audit"
	"kulttuurisilta/api/internal/calendar"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/l10n"
)

// MaxSummary is the longest culture summary, in characters.
const MaxSummary = 2000

// summaryWords are the summary's words in Finnish and Swedish.
//
//nolint:gosec // G101: the words of a text ("Mål"), no credentials
var summaryWords = map[l10n.Lang]map[string]string{
	l10n.FI: {"title": "Kulttuuri ja osallisuus", "compiled": "koottu", "life_story": "Elämäntarina", "music": "Mielimusiikki",
		"arts": "Taiteet ja harrastukset", "places": "Tärkeät paikat", "wishes": "Toiveet omin sanoin",
		"participation": "Osallistuminen", "none": "ei merkittyä osallistumista", "active": "aktiivisesti", "passive": "seuraten",
		"declined": "kieltäytyi", "day": "päivänä", "days": "päivänä", "time": "kerran", "times": "kertaa",
		"most": "Eniten", "own_feedback": "Oma palaute keskimäärin", "proxy_feedback": "Henkilökunnan arvio keskimäärin",
		"last": "Viimeksi aktiivisesti", "goal": "Tavoite", "goal_unit": "aktiivista päivää kuukaudessa", "no_profile": "Kulttuuriprofiilia ei ole kirjattu."},
	l10n.SV: {"title": "Kultur och delaktighet", "compiled": "sammanställt", "life_story": "Livshistoria", "music": "Favoritmusik",
		"arts": "Konst och intressen", "places": "Viktiga platser", "wishes": "Önskemål med egna ord",
		"participation": "Deltagande", "none": "inget antecknat deltagande", "active": "aktivt", "passive": "som åskådare",
		"declined": "avböjde", "day": "dag", "days": "dagar", "time": "gång", "times": "gånger",
		"most": "Mest", "own_feedback": "Egen respons i medeltal", "proxy_feedback": "Personalens bedömning i medeltal",
		"last": "Senast aktivt", "goal": "Mål", "goal_unit": "aktiva dagar i månaden", "no_profile": "Ingen kulturprofil har antecknats."},
}

// CultureSummary composes the plain-text entry for the care record from
// the profile and the participation of the three months before today, in
// lang (fi or sv), and audits the read (docs/residents.md).
func (s Store) CultureSummary(ctx context.Context, scope []uuid.UUID, residentID uuid.UUID, lang l10n.Lang, today civil.Date, zone *time.Location) (CultureSummary, error) {
	var out CultureSummary
	err := database.Tx(ctx, s.DB, func(tx *gorm.DB) error {
		r, err := findResident(tx, scope, residentID)
		if err != nil {
			return err
		}
		var p *Profile
		var prof Profile
		switch err := tx.First(&prof, "id = ?", residentID).Error; {
		case err == nil:
			p = &prof
		case !errors.Is(err, gorm.ErrRecordNotFound):
			return err
		}
		from := civil.Date{Time: today.AddDate(0, -3, 0)}
		to := civil.Date{Time: today.AddDate(0, 0, 1)}
		sum, err := participation(ctx, tx, r, from, to, zone)
		if err != nil {
			return err
		}
		out = CultureSummary{ResidentID: residentID, Lang: string(lang), Text: composeSummary(p, sum, lang, today)}
		if err := audit.Record(ctx, tx, "culture_profile.read", "culture_profile", residentID, nil, nil); err != nil {
			return err
		}
		return audit.Record(ctx, tx, "participation.read", calendar.ParticipationEntity, residentID, nil, nil)
	})
	return out, err
}

// composeSummary writes the entry: a title line, the participation
// paragraph (always whole), then the profile's parts in the resident's own
// words, each shortened (with "…") as needed to keep the whole within
// MaxSummary characters.
func composeSummary(p *Profile, sum ParticipationSummary, lang l10n.Lang, today civil.Date) string {
	w := summaryWords[lang]
	head := w["title"] + " (" + w["compiled"] + " " + l10n.Date(today.Time, lang) + ")"
	part := participationParagraph(sum, lang)
	type field struct{ label, text string }
	var fields []field
	if p != nil {
		for _, f := range []field{{w["life_story"], p.LifeStory}, {w["music"], p.Music}, {w["arts"], p.Arts},
			{w["places"], p.Places}, {w["wishes"], p.Wishes}} {
			if t := strings.Join(strings.Fields(f.text), " "); t != "" {
				fields = append(fields, field{f.label, t})
			}
		}
	}
	if len(fields) == 0 {
		return clip(head+"\n"+w["no_profile"]+"\n"+part, MaxSummary)
	}
	// Share what is left among the fields: short ones keep all their text,
	// the rest split the remainder evenly.
	budget := MaxSummary - utf8.RuneCountInString(head) - utf8.RuneCountInString(part) - 2
	for _, f := range fields {
		budget -= utf8.RuneCountInString(f.label) + 3 // ": " and the line break
	}
	lens := make([]int, len(fields))
	for i, f := range fields {
		lens[i] = utf8.RuneCountInString(f.text)
	}
	caps := share(lens, max(budget, 0))
	var b strings.Builder
	b.WriteString(head)
	b.WriteString("\n")
	for i, f := range fields {
		b.WriteString(f.label + ": " + clip(f.text, caps[i]) + "\n")
	}
	b.WriteString(part)
	return clip(b.String(), MaxSummary)
}

// share divides budget among wants: each gets at most what it wants, and
// the ones that want more split the rest evenly.
func share(wants []int, budget int) []int {
	caps := make([]int, len(wants))
	order := make([]int, len(wants))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return wants[a] - wants[b] })
	left := budget
	for k, i := range order {
		even := left / (len(order) - k)
		caps[i] = min(wants[i], even)
		left -= caps[i]
	}
	return caps
}

// clip shortens s to at most n characters, ending in "…" when cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 0 {
		return ""
	}
	r := []rune(s)
	return strings.TrimRightFunc(string(r[:n-1]), unicode.IsSpace) + "…"
}

// participationParagraph is the participation of the summary's three months.
func participationParagraph(sum ParticipationSummary, lang l10n.Lang) string {
	w := summaryWords[lang]
	to := sum.To.AddDate(0, 0, -1)
	var b strings.Builder
	b.WriteString(w["participation"] + " " + l10n.Date(sum.From.Time, lang) + "–" + l10n.Date(to, lang) + ": ")
	c := sum.ByParticipation
	if c.Active+c.Passive+c.Declined == 0 {
		b.WriteString(w["none"] + ".")
	} else {
		var parts []string
		if sum.ActiveDays > 0 {
			parts = append(parts, w["active"]+" "+count(sum.ActiveDays, w["day"], w["days"]))
		}
		if c.Passive > 0 {
			parts = append(parts, w["passive"]+" "+count(c.Passive, w["time"], w["times"]))
		}
		if c.Declined > 0 {
			parts = append(parts, w["declined"]+" "+count(c.Declined, w["time"], w["times"]))
		}
		b.WriteString(strings.Join(parts, ", ") + ".")
		cats := slices.Clone(sum.ByCategory)
		slices.SortStableFunc(cats, func(x, y CategoryParticipation) int {
			return (y.Active + y.Passive) - (x.Active + x.Passive)
		})
		var names []string
		for _, cat := range cats {
			if n := cat.Active + cat.Passive; n > 0 && len(names) < 3 {
				names = append(names, l10n.Category(cat.Category, lang)+" ("+strconv.Itoa(n)+")")
			}
		}
		if len(names) > 0 {
			b.WriteString(" " + w["most"] + ": " + strings.Join(names, ", ") + ".")
		}
	}
	if m := sum.FeedbackSelf.Mean; m != nil {
		b.WriteString(" " + w["own_feedback"] + " " + l10n.Decimal(int64(*m*10+0.5), 1, lang) + "/5 (" +
			count(sum.FeedbackSelf.Count, w["time"], w["times"]) + ").")
	}
	if m := sum.FeedbackProxy.Mean; m != nil {
		b.WriteString(" " + w["proxy_feedback"] + " " + l10n.Decimal(int64(*m*10+0.5), 1, lang) + "/5 (" +
			count(sum.FeedbackProxy.Count, w["time"], w["times"]) + ").")
	}
	if sum.LastActiveOn != nil {
		b.WriteString(" " + w["last"] + " " + l10n.Date(sum.LastActiveOn.Time, lang) + ".")
	}
	if sum.GoalDays != nil {
		b.WriteString(" " + w["goal"] + ": " + strconv.Itoa(*sum.GoalDays) + " " + w["goal_unit"] + ".")
	}
	return b.String()
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// interestStems point from words of a profile to activity categories
// (Finnish and Swedish stems, lower case).
var interestStems = map[string][]string{
	"music":       {"musiik", "laul", "kuoro", "soit", "konsert", "tango", "iskelm", "musik", "sång", "sjung", "kör", "spel"},
	"theatre":     {"teatt", "näytel", "teater", "skådespel"},
	"dance":       {"tanss", "dans", "valss"},
	"visual_arts": {"maala", "kuvatai", "piirt", "taide", "målning", "måla", "konst", "teckn"},
	"crafts":      {"käsity", "neulo", "virko", "ompel", "puutyö", "hantverk", "stick", "virk", "sömnad"},
	"literature":  {"kirj", "runo", "lukem", "bok", "dikt", "läs", "litteratur"},
	"film":        {"elokuv", "leffa", "film", "bio"},
	"outdoor":     {"luonto", "metsä", "puutarh", "ulkoil", "kalast", "natur", "skog", "trädgård", "fiske", "friluft"},
}

// interests are the categories and the words (five letters or more) of a
// profile.
func interests(p Profile) (cats []string, words []string) {
	text := strings.ToLower(strings.Join([]string{p.LifeStory, p.Music, p.Arts, p.Places, p.Wishes}, " "))
	if strings.TrimSpace(p.Music) != "" {
		cats = append(cats, "music")
	}
	for _, cat := range calendar.Categories {
		for _, stem := range interestStems[cat] {
			if strings.Contains(text, stem) && !slices.Contains(cats, cat) {
				cats = append(cats, cat)
			}
		}
	}
	for _, word := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if utf8.RuneCountInString(word) >= 5 && !slices.Contains(words, word) {
			words = append(words, word)
		}
	}
	return cats, words
}

// UpcomingMatches lists the occurrences of the next days in the resident's
// unit (planned or confirmed, not cancelled) that match the profile's
// interests by category or by words, soonest first. Reading the profile for
// it is audited as a use of the profile.
func (s Store) UpcomingMatches(ctx context.Context, scope []uuid.UUID, residentID uuid.UUID, cal calendar.Store, now time.Time, days int) ([]MatchingOccurrence, error) {
	var r Resident
	var prof Profile
	err := database.Tx(ctx, s.DB, func(tx *gorm.DB) error {
		var err error
		if r, err = findResident(tx, scope, residentID); err != nil {
			return err
		}
		if err := tx.First(&prof, "id = ?", residentID).Error; err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		return audit.Record(ctx, tx, "culture_profile.match", "culture_profile", residentID, nil, nil)
	})
	if err != nil {
		return nil, err
	}
	out := []MatchingOccurrence{}
	cats, words := interests(prof)
	if len(cats) == 0 && len(words) == 0 {
		return out, nil
	}
	occ, err := cal.Occurrences(ctx, calendar.OccurrenceFilter{From: now, To: now.AddDate(0, 0, days), UnitIDs: []uuid.UUID{r.UnitID},
		Statuses: []string{calendar.StatusPlanned, calendar.StatusConfirmed}})
	if err != nil {
		return nil, fmt.Errorf("upcoming matches: %w", err)
	}
	for _, o := range occ {
		if o.Cancelled {
			continue
		}
		m := MatchingOccurrence{ActivityID: o.ActivityID, Title: o.Title, Category: o.Category, StartsAt: o.StartsAt.In(cal.Zone),
			EndsAt: o.EndsAt.In(cal.Zone), CategoryMatch: slices.Contains(cats, o.Category), Words: []string{}}
		text := strings.ToLower(o.Title + " " + o.Description)
		for _, w := range words {
			if strings.Contains(text, w) && len(m.Words) < 5 {
				m.Words = append(m.Words, w)
			}
		}
		if m.CategoryMatch || len(m.Words) > 0 {
			out = append(out, m)
		}
	}
	return out, nil
}
