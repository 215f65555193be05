package report_test

import (
	"bytes"
	"encoding/csv"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
)

type world struct {
	env            *apitest.Env
	prod           string
	u1, u2, u3     string
	from, to       time.Time
	weekly, single string
}

// newWorld: unit 1 hosts a weekly music activity (4 occurrences, one cancelled), unit 1 and 2 a theatre
// visit; unit 3 hosts nothing. Attendance is recorded for two occurrences.
func newWorld(t *testing.T) *world {
	env := apitest.New(t)
	w := &world{env: env, prod: env.Token(access.RoleProducer), u1: env.Unit().String(), u2: env.Unit().String(), u3: env.Unit().String()}
	base := time.Now().In(env.Zone).AddDate(0, -2, 0)
	base = time.Date(base.Year(), base.Month(), 1, 0, 0, 0, 0, env.Zone)
	w.from, w.to = base, base.AddDate(0, 1, 0)
	at := func(d, h int) time.Time { return base.AddDate(0, 0, d).Add(time.Duration(h) * time.Hour) }
	partner := env.Post("/api/v1/partners", w.prod, map[string]any{"name": "Orkesteri " + apitest.Suffix(), "kind": "performer", "sector": "third"}).Expect(201).ID()
	w.weekly = env.Post("/api/v1/activities", w.prod, map[string]any{"title": "Laulu", "category": "music",
		"starts_at": at(1, 14), "ends_at": at(1, 15), "recurrence": "FREQ=WEEKLY;COUNT=4", "unit_ids": []string{w.u1},
		"partner_ids": []string{partner}, "status": "confirmed", "target_groups": []string{"elderly"}, "allow_overlap": true}).Expect(201).ID()
	env.Post("/api/v1/activities/"+w.weekly+"/overrides", w.prod, map[string]any{"original_start": at(15, 14), "cancelled": true}).Expect(201)
	w.single = env.Post("/api/v1/activities", w.prod, map[string]any{"title": "Teatteri", "category": "theatre",
		"starts_at": at(3, 18), "ends_at": at(3, 19), "unit_ids": []string{w.u1, w.u2}, "status": "completed", "allow_overlap": true}).Expect(201).ID()
	env.Post("/api/v1/activities", w.prod, map[string]any{"title": "Ehdotus", "category": "dance", "starts_at": at(4, 9),
		"ends_at": at(4, 10), "unit_ids": []string{w.u3}, "status": "proposed", "allow_overlap": true}).Expect(201)
	fb := func(n int) *int { return &n }
	env.Post("/api/v1/activities/"+w.weekly+"/attendance", w.prod, map[string]any{"occurrence_start": at(1, 14),
		"residents": 10, "staff": 2, "volunteers": 1, "relatives": 3, "feedback": fb(5)}).Expect(201)
	env.Post("/api/v1/activities/"+w.single+"/attendance", w.prod, map[string]any{"occurrence_start": at(3, 18),
		"residents": 20, "staff": 4, "feedback": fb(4)}).Expect(201)
	return w
}

func (w *world) q(extra string) string {
	return "from=" + url.QueryEscape(w.from.Format(time.RFC3339)) + "&to=" + url.QueryEscape(w.to.Format(time.RFC3339)) + extra
}

func TestActivityReport(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	var rep struct {
		UnitsTotal int `json:"units_total"`
		Totals     struct {
			Occurrences  int      `json:"occurrences"`
			Cancelled    int      `json:"cancelled"`
			WithAtt      int      `json:"occurrences_with_attendance"`
			FeedbackMean *float64 `json:"feedback_mean"`
			Participants struct {
				Residents, Staff, Volunteers, Relatives, Total int
			} `json:"participants"`
			UnitsReached int `json:"units_reached"`
			ShareBP      int `json:"units_reached_share_bp"`
		} `json:"totals"`
		Groups []struct {
			Key         string `json:"key"`
			Label       string `json:"label"`
			Occurrences int    `json:"occurrences"`
		} `json:"groups"`
	}
	w.env.Get("/api/v1/reports/activities?"+w.q("&group_by=unit"), w.prod).Expect(200).JSON(&rep)
	tot := rep.Totals
	if tot.Occurrences != 4 || tot.Cancelled != 1 || tot.WithAtt != 2 || tot.Participants.Total != 40 ||
		tot.Participants.Residents != 30 || tot.FeedbackMean == nil || *tot.FeedbackMean != 4.5 || tot.UnitsReached != 2 {
		t.Errorf("totals %+v", tot)
	}
	if rep.UnitsTotal < 3 || tot.ShareBP != 2*10000/rep.UnitsTotal {
		t.Errorf("share %d of %d units", tot.ShareBP, rep.UnitsTotal)
	}
	groups := map[string]int{}
	for _, g := range rep.Groups {
		groups[g.Key] = g.Occurrences
	}
	if groups[w.u1] != 4 || groups[w.u2] != 1 {
		t.Errorf("unit groups %v", groups)
	}
	for _, gb := range []string{"category", "month", "partner", "target_group"} {
		w.env.Get("/api/v1/reports/activities?"+w.q("&group_by="+gb), w.prod).Expect(200).JSON(&rep)
		n := map[string]int{}
		for _, g := range rep.Groups {
			n[g.Key] = g.Occurrences
		}
		switch gb {
		case "category":
			if n["music"] != 3 || n["theatre"] != 1 {
				t.Errorf("category %v", n)
			}
		case "month":
			if n[w.from.Format("2006-01")] != 4 {
				t.Errorf("month %v", n)
			}
		case "partner":
			if n[""] != 1 || len(n) != 2 {
				t.Errorf("partner %v", n)
			}
		case "target_group":
			if n["elderly"] != 3 || n[""] != 1 {
				t.Errorf("target group %v", n)
			}
		}
	}
	csvResp := w.env.Get("/api/v1/reports/activities.csv?"+w.q("&group_by=category"), w.prod).Expect(200)
	rows, err := csv.NewReader(bytes.NewReader(csvResp.Body)).ReadAll()
	if err != nil || len(rows) != 4 || rows[0][0] != "group_by" || rows[3][1] != "total" || rows[3][3] != "4" {
		t.Errorf("csv %v %v", rows, err)
	}
	if !strings.HasPrefix(csvResp.Header.Get("Content-Type"), "text/csv") {
		t.Errorf("content type %q", csvResp.Header.Get("Content-Type"))
	}
	if bytes.Contains(csvResp.Body, []byte("notes")) {
		t.Error("csv carries notes")
	}
	if rows[3][11] != "4.50" || bytes.HasPrefix(csvResp.Body, []byte("\xef\xbb\xbf")) {
		t.Errorf("comma CSV: feedback mean %q, or a BOM", rows[3][11])
	}
	// For Finnish spreadsheets: BOM, ';', decimal comma; the groups' participants add up to the total row.
	semi := w.env.Get("/api/v1/reports/activities.csv?"+w.q("&group_by=category&separator=semicolon"), w.prod).Expect(200).Body
	body, hadBOM := bytes.CutPrefix(semi, []byte("\xef\xbb\xbf"))
	r := csv.NewReader(bytes.NewReader(body))
	r.Comma = ';'
	rows, err = r.ReadAll()
	if err != nil || !hadBOM || len(rows) != 4 || rows[0][0] != "group_by" || rows[3][1] != "total" {
		t.Fatalf("semicolon csv (BOM %v): %q %v", hadBOM, rows, err)
	}
	participants := 0
	for _, row := range rows[1:3] {
		n, _ := strconv.Atoi(row[10])
		participants += n
	}
	if rows[3][10] != "40" || participants != 40 || rows[3][11] != "4,50" {
		t.Errorf("semicolon csv totals: participants %q (groups %d), feedback mean %q", rows[3][10], participants, rows[3][11])
	}
	w.env.Get("/api/v1/reports/activities.csv?"+w.q("&separator=tab"), w.prod).Problem(400, "bad-request")
}

func TestReachReport(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	var rep struct {
		UnitsReached int `json:"units_reached"`
		Units        []struct {
			UnitID         string `json:"unit_id"`
			Occurrences    int    `json:"occurrences"`
			WeeksSinceLast *int   `json:"weeks_since_last"`
			Participants   struct {
				Total int `json:"total"`
			} `json:"participants"`
		} `json:"units"`
	}
	w.env.Get("/api/v1/reports/reach?"+w.q(""), w.prod).Expect(200).JSON(&rep)
	if rep.UnitsReached != 2 || len(rep.Units) != 3 {
		t.Fatalf("reach %+v", rep)
	}
	if rep.Units[0].UnitID != w.u3 || rep.Units[0].Occurrences != 0 || rep.Units[0].WeeksSinceLast != nil {
		t.Errorf("the unit left out is not first: %+v", rep.Units)
	}
	if rep.Units[1].UnitID != w.u2 || rep.Units[2].UnitID != w.u1 || rep.Units[2].Occurrences != 4 || rep.Units[2].Participants.Total != 16+24 {
		t.Errorf("order or counts: %+v", rep.Units)
	}
	if wk := rep.Units[2].WeeksSinceLast; wk == nil || *wk < 0 {
		t.Errorf("weeks since last %v", wk)
	}
}

func TestReportAccessAndParams(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	q := "?from=2025-01-01&to=2025-02-01"
	for _, path := range []string{"/api/v1/reports/activities", "/api/v1/reports/activities.csv", "/api/v1/reports/reach"} {
		for _, role := range access.Roles {
			want := 200
			if role == access.RoleMentor {
				want = 403
			}
			env.Get(path+q, env.Token(role)).Expect(want)
		}
		env.Get(path+q, env.APIToken(access.ScopeCalendarRead)).Expect(200)
		env.Get(path+q, env.APIToken(access.ScopeOrgRead)).Problem(403, "forbidden")
		env.CheckBadTokens("GET", path+q)
		tok := env.Token(access.RoleManager, apitest.WithDepartment(env.Department()))
		bads := []string{"", "?from=2025-01-01", "?to=2025-01-01", "?from=x&to=2025-01-01",
			"?from=2025-02-01&to=2025-01-01", "?from=2020-01-01&to=2025-01-01",
			"?from=" + url.QueryEscape(apitest.InjectionStrings[0]) + "&to=2025-01-01"}
		if !strings.HasSuffix(path, "reach") {
			bads = append(bads, "?from=2025-01-01&to=2025-02-01&group_by=resident")
		}
		for _, bad := range bads {
			env.Get(path+bad, tok).Problem(400, "bad-request")
		}
	}
}
