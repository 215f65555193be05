package seed

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/calendar"
	"kulttuurisilta/api/internal/civil"
)

// demoCalendar adds partners, a three-week culture festival across several
// care homes, a weekly Tuesday 14:00 sing-along in Koivukoti (with
// attendance for its past occurrences), confirmed and planned activities,
// and a proposal by the mentor. Times are relative to the current week so
// the demo calendar is never empty. The marker is the library partner.
func demoCalendar(ctx context.Context, db *gorm.DB, w *World) error {
	var marker calendar.Partner
	err := db.WithContext(ctx).Where("lower(name) = lower(?)", "Kaarinan kaupunginkirjasto").First(&marker).Error
	if err == nil {
		return nil
	}
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return err
	}
	zone := w.Zone
	if zone == nil {
		zone = time.UTC
	}
	s := calendar.Store{DB: db, Zone: zone}
	partners := map[string]uuid.UUID{}
	for _, in := range []calendar.PartnerInput{
		{Name: "Kaarinan kaupunginkirjasto", Kind: "library", Sector: "public", ContactName: "Liisa Lukija",
			Email: "kirjasto@kaarina.example", Municipality: "Kaarina"},
		{Name: "Taidekeskus Ateljee", Kind: "art_centre", Sector: "third", ContactName: "Aarne Maalari",
			Email: "info@ateljee.example", Website: "https://ateljee.example"},
		{Name: "Harmonikkaduo Vanha Valssi", Kind: "performer", Sector: "private", ContactName: "Veikko Valssi",
			Phone: "040 123 4567"},
		{Name: "Kaarinan Vapaaehtoiset ry", Kind: "volunteer_org", Sector: "third", ContactName: "Vappu Auttaja",
			Email: "vapaaehtoiset@kaarina.example"},
	} {
		p, err := s.CreatePartner(ctx, in)
		if err != nil {
			return err
		}
		partners[in.Kind] = p.ID
	}

	now := time.Now().In(zone)
	monday := time.Date(now.Year(), now.Month(), now.Day()-(int(now.Weekday())+6)%7, 0, 0, 0, 0, zone)
	at := func(days, hour, minute int) *time.Time {
		t := time.Date(monday.Year(), monday.Month(), monday.Day()+days, hour, minute, 0, 0, zone)
		return &t
	}
	festStart := civil.Date{Time: time.Date(monday.Year(), monday.Month(), monday.Day()+14, 0, 0, 0, 0, time.UTC)}
	festEnd := civil.Date{Time: festStart.AddDate(0, 0, 20)}
	festival, err := s.CreateSeries(ctx, calendar.SeriesInput{Name: "Kulttuuriviikot " + festStart.Format("2006"),
		NameI18n:    &calendar.TranslationsInput{Sv: "Kulturveckorna " + festStart.Format("2006"), En: "Culture Weeks " + festStart.Format("2006")},
		Description: "Kolmen viikon kulttuurifestivaali hoivakodeissa",
		DescriptionI18n: &calendar.TranslationsInput{Sv: "En tre veckor lång kulturfestival på vårdhemmen",
			En: "A three-week culture festival in the care homes"},
		StartsOn: &festStart, EndsOn: &festEnd})
	if err != nil {
		return err
	}
	u := w.Units
	cap40 := 40
	type demo struct {
		in       calendar.ActivityInput
		proposer string
	}
	acts := []demo{
		{in: calendar.ActivityInput{Title: "Yhteislauluhetki", Description: "Toivelauluja harmonikan säestyksellä",
			PlainLanguage: &calendar.PlainLanguageInput{Fi: "Laulamme yhdessä tuttuja lauluja. Harmonikka soittaa.",
				Sv: "Vi sjunger kända sånger tillsammans. Ett dragspel spelar."},
			Category: "music", StartsAt: at(-55, 14, 0), EndsAt: at(-55, 15, 0), Recurrence: "FREQ=WEEKLY;BYDAY=TU",
			UnitIDs: []uuid.UUID{u["Koivukoti"]}, PartnerIDs: []uuid.UUID{partners["volunteer_org"]}, Status: "confirmed",
			TargetGroups: []string{"elderly"}, Accessibility: "Pyörätuolipaikkoja 10, induktiosilmukka", Capacity: &cap40}},
		{in: calendar.ActivityInput{Title: "Lukupiiri", Category: "literature", StartsAt: at(-11, 10, 0), EndsAt: at(-11, 11, 0),
			Recurrence: "FREQ=WEEKLY;COUNT=8", UnitIDs: []uuid.UUID{u["Rantala"]},
			PartnerIDs: []uuid.UUID{partners["library"]}, Status: "confirmed", TargetGroups: []string{"elderly"}}},
		{in: calendar.ActivityInput{Title: "Festivaalin avajaiskonsertti",
			TitleI18n:   &calendar.TranslationsInput{Sv: "Festivalens öppningskonsert", En: "Festival opening concert"},
			Description: "Harmonikkaduo Vanha Valssi avaa kulttuuriviikot tutuilla valsseilla ja tangoilla.",
			PlainLanguage: &calendar.PlainLanguageInput{Fi: "Kaksi muusikkoa soittaa harmonikkaa. Kuulet tuttuja valsseja ja tangoja.",
				Sv: "Två musiker spelar dragspel. Du hör kända valser och tangon."},
			DescriptionI18n: &calendar.TranslationsInput{Sv: "Dragspelsduon Vanha Valssi öppnar kulturveckorna med kända valser och tangon.",
				En: "The accordion duo Vanha Valssi opens the culture weeks with familiar waltzes and tangos."},
			Category: "music", StartsAt: at(14, 13, 0),
			EndsAt: at(14, 14, 30), UnitIDs: []uuid.UUID{u["Koivukoti"], u["Päiväkeskus Kajo"]},
			PartnerIDs: []uuid.UUID{partners["performer"]}, SeriesID: &festival.ID, Status: "confirmed",
			Visibility: "public", TargetGroups: []string{"elderly", "intergenerational"}}},
		{in: calendar.ActivityInput{Title: "Maalauspaja", Category: "visual_arts", StartsAt: at(16, 10, 0), EndsAt: at(16, 12, 0),
			UnitIDs: []uuid.UUID{u["Tuulikello"]}, PartnerIDs: []uuid.UUID{partners["art_centre"]}, SeriesID: &festival.ID,
			Status: "planned", TargetGroups: []string{"mental_health"}}},
		{in: calendar.ActivityInput{Title: "Sukupolvien tanssiaiset",
			TitleI18n:   &calendar.TranslationsInput{Sv: "Generationernas dans", En: "A dance of generations"},
			Description: "Päiväkodin lapset ja palvelutalon asukkaat tanssivat yhdessä elävän musiikin tahdissa.",
			DescriptionI18n: &calendar.TranslationsInput{Sv: "Daghemmets barn och servicehusets invånare dansar tillsammans till levande musik.",
				En: "Children from the day-care centre and residents of the service home dance together to live music."},
			Category: "intergenerational", StartsAt: at(24, 13, 0),
			EndsAt: at(24, 15, 0), UnitIDs: []uuid.UUID{u["Rantala"], u["Kotipesä"]}, SeriesID: &festival.ID,
			Status: "planned", Visibility: "public", TargetGroups: []string{"intergenerational", "elderly"}}},
		{in: calendar.ActivityInput{Title: "Elokuvailtapäivä", Category: "film", StartsAt: at(31, 13, 0), EndsAt: at(31, 15, 0),
			UnitIDs: []uuid.UUID{u["Työkeskus Verstas"]}, SeriesID: &festival.ID, Status: "proposed",
			TargetGroups: []string{"disability"}}},
		{in: calendar.ActivityInput{Title: "Muistojen valokuvanäyttely", Category: "visual_arts", StartsAt: at(9, 13, 0),
			EndsAt: at(9, 14, 0), UnitIDs: []uuid.UUID{u["Päiväkeskus Kajo"]}, Status: "proposed",
			TargetGroups: []string{"elderly"}}, proposer: "mentor@demo.fi"},
	}
	var singAlong calendar.Activity
	for i, d := range acts {
		in := d.in
		in.AllowOverlap = true
		rule, err := in.Validate(zone)
		if err != nil {
			return err
		}
		var by *uuid.UUID
		if d.proposer != "" {
			id := w.Users[d.proposer]
			by = &id
		}
		a, err := s.CreateActivity(ctx, in, rule, by)
		if err != nil {
			return err
		}
		if i == 0 {
			singAlong = a
		}
	}
	// One sing-along cancelled (the performer fell ill), attendance for the rest.
	mentor := w.Users["mentor@demo.fi"]
	occ, err := s.Occurrences(ctx, calendar.OccurrenceFilter{From: singAlong.StartsAt, To: now, ActivityID: &singAlong.ID})
	if err != nil {
		return err
	}
	// Koivukoti's residents took part by name (docs/residents.md): the first
	// active each time, the others passive, declined or away in turn, so the
	// mentor's unit page has someone left out and a summary to paste.
	var residents []uuid.UUID
	if err := db.WithContext(ctx).Table("residents").Where("unit_id = ? AND active", u["Koivukoti"]).
		Order("lower(display_name), id").Pluck("id", &residents).Error; err != nil {
		return err
	}
	for i, o := range occ {
		if i == 3 {
			orig := o.OriginalStart
			if _, err := s.CreateOverride(ctx, singAlong.ID, calendar.OverrideInput{OriginalStart: &orig, Cancelled: true,
				Note: "Säestäjä sairastui"}); err != nil {
				return err
			}
			continue
		}
		if !o.EndsAt.Before(now) {
			continue
		}
		fb := 4 + i%2
		orig := o.OriginalStart
		if _, err := s.CreateAttendance(ctx, singAlong.ID, calendar.AttendanceInput{OccurrenceStart: &orig,
			Residents: 14 + i%5, Staff: 2, Volunteers: 1 + i%2, Relatives: i % 3, Feedback: &fb,
			Participants: demoParticipants(residents, i)}, calendar.ParticipantScope{All: true}, &mentor, now); err != nil {
			return err
		}
	}
	return nil
}

// demoParticipants are the residents listed at the i-th sing-along: the
// last resident never comes (left out), the others take turns being
// active (with their own or staff's feedback), passive or declining.
func demoParticipants(residents []uuid.UUID, i int) []calendar.ParticipantInput {
	var out []calendar.ParticipantInput
	for j, r := range residents {
		if j == len(residents)-1 && len(residents) > 2 {
			break
		}
		p := calendar.ParticipantInput{ResidentID: r, Participation: calendar.Participations[(i+j)%3], FeedbackBy: "self"}
		if p.Participation == calendar.ParticipationActive {
			fb := 3 + (i+j)%3
			p.Feedback = &fb
			if j%2 == 1 {
				p.FeedbackBy = "proxy"
			}
		}
		out = append(out, p)
	}
	return out
}
