package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/committee"
)

// demoCommittee is one unit's culture committee in the demo.
type demoCommittee struct {
	unit, name string
	founded    string
	members    []demoMember
	meetings   []committee.MeetingInput
	ideas      []demoIdea
}

type demoMember struct {
	name, role, joined, left string
}

type demoIdea struct {
	committee.IdeaInput
	status string // the status the idea is moved to after filing
}

func day(s string) civil.Date {
	d, err := civil.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func optDay(s string) *civil.Date {
	if s == "" {
		return nil
	}
	d := day(s)
	return &d
}

func demoCommittees(year int) []demoCommittee {
	y := func(format string) string { return fmt.Sprintf(format, year) }
	prio := func(n int) *int { return &n }
	return []demoCommittee{
		{unit: "Koivukoti", name: "Koivukodon kulttuuritoimikunta", founded: y("%d-01-15"),
			members: []demoMember{
				{"Aili", "chair", y("%d-01-15"), ""}, {"Eino", "secretary", y("%d-01-15"), ""},
				{"Martta", "member", y("%d-01-15"), ""}, {"Veikko", "member", y("%d-01-15"), y("%d-05-31")},
				{"Helmi", "member", y("%d-06-01"), ""},
			},
			meetings: []committee.MeetingInput{
				{HeldOn: day(y("%d-01-15")), Agenda: "1. Toimikunnan perustaminen\n2. Toiveiden kerääminen",
					Minutes: "Valittiin puheenjohtajaksi Aili ja sihteeriksi Eino.", Decisions: "Kerätään toiveet kyselyllä helmikuussa."},
				{HeldOn: day(y("%d-03-12")), Agenda: "1. Kyselyn tulokset\n2. Kevään ohjelma",
					Minutes: "Kyselyyn vastasi 34 asukasta.", Decisions: "Tanssiaiset ja kuorokonsertti ohjelmaan."},
				{HeldOn: day(y("%d-09-10")), Agenda: "1. Kulttuuriviikot\n2. Syksyn toiveet",
					Minutes: "Kulttuuriviikkojen ohjelma käytiin läpi.", Decisions: "Taidenäyttely aulaan lokakuussa."},
			},
			ideas: []demoIdea{
				{committee.IdeaInput{Title: "Tanssiaiset elävän musiikin kera", Source: "survey", Votes: 21, Priority: prio(1),
					Description: "Lavatansseja kuten ennen, orkesteri paikan päälle."}, "planned"},
				{committee.IdeaInput{Title: "Kuorokonsertti", Source: "meeting", Votes: 14, Priority: prio(2)}, "done"},
				{committee.IdeaInput{Title: "Asukkaiden taidenäyttely aulaan", Source: "resident", Votes: 9,
					Description: "Omia maalauksia ja käsitöitä esille."}, "new"},
				{committee.IdeaInput{Title: "Retki Turun saaristoon", Source: "staff", Votes: 6}, "declined"},
				{committee.IdeaInput{Title: "Runolaulupiiri", Source: "resident", Votes: 3}, "new"},
			}},
		{unit: "Päiväkeskus Kajo", name: "Kajon kulttuuriporukka", founded: y("%d-02-01"),
			members: []demoMember{
				{"Leena", "chair", y("%d-02-01"), ""}, {"Pentti", "member", y("%d-02-01"), ""}, {"Sirkka", "member", y("%d-02-15"), ""},
			},
			meetings: []committee.MeetingInput{
				{HeldOn: day(y("%d-02-01")), Agenda: "1. Mitä haluamme tehdä?", Decisions: "Elokuvakerho kerran kuussa."},
				{HeldOn: day(y("%d-04-05")), Agenda: "1. Elokuvakerhon kokemukset", Minutes: "Kerho on ollut suosittu."},
			},
			ideas: []demoIdea{
				{committee.IdeaInput{Title: "Elokuvakerho", Source: "meeting", Votes: 12, Priority: prio(1)}, "planned"},
				{committee.IdeaInput{Title: "Sukupolvien kohtaaminen koululaisten kanssa", Source: "staff", Votes: 8}, "new"},
			}},
		{unit: "Rantala", name: "Rantalan kulttuuritoimikunta", founded: y("%d-01-20"),
			members: []demoMember{
				{"Anneli", "chair", y("%d-01-20"), ""}, {"Toivo", "member", y("%d-01-20"), ""},
			},
			meetings: []committee.MeetingInput{
				{HeldOn: day(y("%d-01-20")), Agenda: "1. Perustaminen", Decisions: "Kokoonnutaan joka toinen kuukausi."},
			},
			ideas: []demoIdea{
				{committee.IdeaInput{Title: "Musiikkihetki harmonikalla", Source: "resident", Votes: 10}, "new"},
				{committee.IdeaInput{Title: "Kirjaston lukupiiri", Source: "survey", Votes: 4}, "planned"},
			}},
	}
}

// demoCommitteeWork adds the units' committees with members, meetings and
// ideas, a culture profile, and the demo mentors with their trainings.
// The Koivukoti committee is its marker.
func demoCommitteeWork(ctx context.Context, db *gorm.DB, w *World) error {
	var n int64
	if err := db.WithContext(ctx).Model(&committee.Committee{}).
		Where("unit_id = ? AND name = ?", w.Units["Koivukoti"], "Koivukodon kulttuuritoimikunta").Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	s := committee.Store{DB: db}
	// The demo shows last year's whole committee year (use ?year= in the
	// summaries).
	zone := w.Zone
	if zone == nil {
		zone = time.UTC
	}
	year := time.Now().In(zone).Year() - 1
	var firstResident uuid.UUID
	for _, dc := range demoCommittees(year) {
		unit, ok := w.Units[dc.unit]
		if !ok {
			return fmt.Errorf("unit %s missing", dc.unit)
		}
		c, err := s.CreateCommittee(ctx, committee.CommitteeInput{UnitID: unit, Name: dc.name, FoundedOn: optDay(dc.founded)})
		if err != nil {
			return err
		}
		for _, m := range dc.members {
			name := m.name
			mem, err := s.CreateMember(ctx, nil, c.ID, committee.MemberInput{DisplayName: &name, Role: m.role,
				JoinedOn: day(m.joined), LeftOn: optDay(m.left)})
			if err != nil {
				return fmt.Errorf("member %s: %w", m.name, err)
			}
			if firstResident == uuid.Nil {
				firstResident = mem.ResidentID
			}
		}
		for _, in := range dc.meetings {
			if _, err := s.CreateMeeting(ctx, nil, c.ID, in); err != nil {
				return err
			}
		}
		for _, di := range dc.ideas {
			in := di.IdeaInput
			in.CommitteeID = c.ID
			idea, err := s.CreateIdea(ctx, nil, in)
			if err != nil {
				return err
			}
			for _, st := range ideaPath(di.status) {
				status := st
				if idea, err = s.UpdateIdea(ctx, nil, idea.ID, nil, committee.IdeaPatch{Status: &status}); err != nil {
					return err
				}
			}
		}
	}
	if _, _, err := s.PutProfile(ctx, nil, firstResident, nil, committee.ProfileInput{
		LifeStory: "Olin nuorena ompelijana Turussa ja lauloin kirkkokuorossa neljäkymmentä vuotta.",
		Music:     "Tapio Rautavaara, Metsäkukkia, kuorolaulu",
		Arts:      "Käsityöt, erityisesti virkkaus",
		Places:    "Ruissalo, Turun tuomiokirkko",
		Wishes:    "Haluaisin vielä kuulla elävää kuoromusiikkia.",
	}); err != nil {
		return err
	}
	return demoMentors(ctx, s, w, year)
}

// ideaPath is the chain of allowed transitions from new to status.
func ideaPath(status string) []string {
	switch status {
	case "planned":
		return []string{"planned"}
	case "done":
		return []string{"planned", "done"}
	case "declined":
		return []string{"declined"}
	}
	return nil
}

func demoMentors(ctx context.Context, s committee.Store, w *World, year int) error {
	user := func(email string) *uuid.UUID {
		id, ok := w.Users[email]
		if !ok {
			return nil
		}
		return &id
	}
	mentors := []struct {
		in        committee.MentorInput
		trainings []committee.TrainingInput
	}{
		{committee.MentorInput{Name: "Maija Mentori", Email: "maija.mentori@demo.fi", Phone: "+358 40 100 2000",
			Title: "lähihoitaja", UnitIDs: []uuid.UUID{w.Units["Koivukoti"], w.Units["Päiväkeskus Kajo"]},
			Since: optDay(fmt.Sprintf("%d-01-01", year-2)), UserID: user("mentor@demo.fi")},
			[]committee.TrainingInput{
				{Course: "Kulttuurisen vanhustyön perusteet", Provider: "Taikusydän", CompletedOn: day(fmt.Sprintf("%d-03-14", year)), Hours: 7.5},
				{Course: "Kulttuuriluotsikoulutus", Provider: "Kaarinan kaupunki", CompletedOn: day(fmt.Sprintf("%d-10-02", year)), Hours: 12},
			}},
		{committee.MentorInput{Name: "Riku Rantala", Email: "riku.rantala@demo.fi", Title: "sosionomi",
			UnitIDs: []uuid.UUID{w.Units["Rantala"]}, Since: optDay(fmt.Sprintf("%d-08-01", year-1)), UserID: user("mentor2@demo.fi")},
			[]committee.TrainingInput{
				{Course: "Osallistava taidetoiminta", Provider: "Humak", CompletedOn: day(fmt.Sprintf("%d-05-20", year)), Hours: 4},
			}},
		{committee.MentorInput{Name: "Kaisa Kulttuurikaveri", Title: "ohjaaja", UnitIDs: []uuid.UUID{w.Units["Koivukoti"]},
			Since: optDay(fmt.Sprintf("%d-01-01", year))}, nil},
	}
	today := civil.Today(time.UTC)
	for _, dm := range mentors {
		m, err := s.CreateMentor(ctx, dm.in)
		if err != nil {
			return fmt.Errorf("mentor %s: %w", dm.in.Name, err)
		}
		for _, t := range dm.trainings {
			if _, err := s.CreateTraining(ctx, nil, m.ID, t, today); err != nil {
				return err
			}
		}
	}
	return nil
}
