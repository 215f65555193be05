package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"time"
)

// session is a signed-in client and what it discovered about the data.
type session struct {
	base  *url.URL
	token string
}

func (s *session) url(path string) string { return s.base.String() + path }

func (s *session) login(email, password string) error {
	body, _ := json.Marshal(map[string]string{"email": email, "password": password})
	resp, err := http.Post(s.url("/api/v1/auth/login"), "application/json", bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("login: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("login as %s: %d %s", email, resp.StatusCode, b)
	}
	var out struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return fmt.Errorf("login: %w", err)
	}
	s.token = out.AccessToken
	return nil
}

// get fetches path with the session's token and decodes JSON into v; it
// returns the status so callers can tell a missing route (404/405).
func (s *session) get(path string, v any) (int, error) {
	req, _ := http.NewRequest(http.MethodGet, s.url(path), nil)
	req.Header.Set("Authorization", "Bearer "+s.token)
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, resp.Body)
		return resp.StatusCode, nil
	}
	if v != nil {
		return resp.StatusCode, json.NewDecoder(resp.Body).Decode(v)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, nil
}

// etag reads path's current ETag (its version), for an If-Match.
func (s *session) etag(path string) (string, error) {
	req, _ := http.NewRequest(http.MethodGet, s.url(path), nil)
	req.Header.Set("Authorization", "Bearer "+s.token)
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("ETag") == "" {
		return "", fmt.Errorf("GET %s: %d, no ETag", path, resp.StatusCode)
	}
	return resp.Header.Get("ETag"), nil
}

// getReq builds a GET target, authenticated unless anonymous.
func (s *session) getReq(path string, anonymous bool) func(*rand.Rand) (*http.Request, error) {
	return func(*rand.Rand) (*http.Request, error) {
		req, err := http.NewRequest(http.MethodGet, s.url(path), nil)
		if err == nil && !anonymous {
			req.Header.Set("Authorization", "Bearer "+s.token)
		}
		return req, err
	}
}

func (s *session) foundationTargets(baseline *url.URL) []target {
	var ts []target
	if baseline != nil {
		b := baseline.String()
		ts = append(ts,
			target{name: "bare echo GET /healthz", build: func(*rand.Rand) (*http.Request, error) {
				return http.NewRequest(http.MethodGet, b+"/healthz", nil)
			}},
			target{name: "bare echo+pgx GET /units (50 rows)", build: func(*rand.Rand) (*http.Request, error) {
				return http.NewRequest(http.MethodGet, b+"/units", nil)
			}})
	}
	ts = append(ts,
		target{name: "api GET /healthz", build: s.getReq("/healthz", true)},
		target{name: "api GET /api/v1/units?limit=50", build: s.getReq("/api/v1/units?limit=50", false)})
	// The 50-row pages again as every browser asks for them, with
	// Accept-Encoding: gzip (the body is read compressed, as sent).
	if baseline != nil {
		b := baseline.String()
		ts = append(ts, target{name: "bare echo+pgx GET /units (50 rows, gzip)", build: gzipped(func(*rand.Rand) (*http.Request, error) {
			return http.NewRequest(http.MethodGet, b+"/units", nil)
		})})
	}
	return append(ts, target{name: "api GET /api/v1/units?limit=50 (gzip)", build: gzipped(s.getReq("/api/v1/units?limit=50", false))})
}

// gzipped is build with Accept-Encoding: gzip on the request.
func gzipped(build func(*rand.Rand) (*http.Request, error)) func(*rand.Rand) (*http.Request, error) {
	return func(r *rand.Rand) (*http.Request, error) {
		req, err := build(r)
		if err == nil {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		return req, err
	}
}

type idList struct {
	Items []struct {
		ID string `json:"id"`
	} `json:"items"`
	Total int `json:"total"`
}

func (l idList) ids() []string {
	out := make([]string, len(l.Items))
	for i, it := range l.Items {
		out[i] = it.ID
	}
	return out
}

// regionTargets discovers ids (units, agreements, a feed token) and builds
// the mix. Routes the server does not have (yet) are skipped and named.
func (s *session) regionTargets(editWeight int) ([]target, []string, error) {
	var skipped []string
	var units idList
	if st, err := s.get("/api/v1/units?limit=200", &units); err != nil || st != 200 || len(units.Items) == 0 {
		return nil, nil, fmt.Errorf("discover units: status %d, %v", st, err)
	}
	unitIDs := units.ids()
	var agreements idList
	_, _ = s.get("/api/v1/agreements?limit=20", &agreements)
	agreementIDs := agreements.ids()

	// The months the data covers: the seed spreads a year around today.
	now := time.Now().UTC()
	month := func(r *rand.Rand) (string, string) {
		m := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, r.IntN(12)-6, 0)
		return m.Format(time.DateOnly), m.AddDate(0, 1, 0).Format(time.DateOnly)
	}
	auth := func(req *http.Request) *http.Request {
		req.Header.Set("Authorization", "Bearer "+s.token)
		return req
	}
	pickUnit := func(r *rand.Rand) string { return unitIDs[r.IntN(len(unitIDs))] }
	since := func(r *rand.Rand) string {
		return url.QueryEscape(now.Add(-time.Duration(1+r.IntN(60)) * time.Minute).Format(time.RFC3339))
	}

	var ts []target
	add := func(name string, weight int, probe string, build func(r *rand.Rand) (*http.Request, error), ok func(int) bool) {
		if probe != "" {
			if st, err := s.get(probe, nil); err != nil || st == 404 || st == 405 {
				skipped = append(skipped, fmt.Sprintf("%s (probe %s: %d %v)", name, probe, st, err))
				return
			}
		}
		ts = append(ts, target{name: name, weight: weight, build: build, ok: ok})
	}
	add("GET /healthz (baseline)", 100, "", s.getReq("/healthz", true), nil)
	add("GET /calendar (a month, all units)", 150, "/api/v1/calendar?from=2025-01-01&to=2025-02-01",
		func(r *rand.Rand) (*http.Request, error) {
			from, to := month(r)
			req, err := http.NewRequest(http.MethodGet, s.url("/api/v1/calendar?limit=200&from="+from+"&to="+to), nil)
			return auth(req), err
		}, nil)
	add("GET /calendar (a month, one unit)", 150, "/api/v1/calendar?from=2025-01-01&to=2025-02-01",
		func(r *rand.Rand) (*http.Request, error) {
			from, to := month(r)
			req, err := http.NewRequest(http.MethodGet,
				s.url("/api/v1/calendar?limit=200&from="+from+"&to="+to+"&unit_id="+pickUnit(r)), nil)
			return auth(req), err
		}, nil)
	add("GET /calendar.ics?unit= (feed poll)", 200, "/api/v1/calendar.ics?unit="+unitIDs[0],
		func(r *rand.Rand) (*http.Request, error) {
			return http.NewRequest(http.MethodGet, s.url("/api/v1/calendar.ics?unit="+pickUnit(r)), nil)
		}, nil)
	add("GET /activities?updated_since (sync)", 100, "/api/v1/activities?limit=1",
		func(r *rand.Rand) (*http.Request, error) {
			req, err := http.NewRequest(http.MethodGet, s.url("/api/v1/activities?limit=200&updated_since="+since(r)), nil)
			return auth(req), err
		}, nil)
	add("GET /units?updated_since (sync)", 50, "",
		func(r *rand.Rand) (*http.Request, error) {
			req, err := http.NewRequest(http.MethodGet, s.url("/api/v1/units?limit=200&updated_since="+since(r)), nil)
			return auth(req), err
		}, nil)
	if len(agreementIDs) > 0 {
		// The agreement with the most entries: the split's worst case.
		ag, most := agreementIDs[0], -1
		for _, id := range agreementIDs {
			var l idList
			if st, err := s.get("/api/v1/costs?limit=1&total=exact&agreement_id="+id, &l); err == nil && st == 200 && l.Total > most {
				ag, most = id, l.Total
			}
		}
		add("GET /costs?updated_since (sync)", 50, "/api/v1/costs?limit=1",
			func(r *rand.Rand) (*http.Request, error) {
				req, err := http.NewRequest(http.MethodGet, s.url("/api/v1/costs?limit=200&updated_since="+since(r)), nil)
				return auth(req), err
			}, nil)
		add("POST /costs (write)", 100, "/api/v1/costs?limit=1",
			func(r *rand.Rand) (*http.Request, error) {
				// Today's month stays open: earlier months of the seed may be locked.
				body, _ := json.Marshal(map[string]any{"agreement_id": ag, "incurred_on": now.Format(time.DateOnly),
					"amount_cents": 1000 + r.IntN(100000), "category": "materials", "description": "load test entry",
					"unit_id": pickUnit(r)})
				req, err := http.NewRequest(http.MethodPost, s.url("/api/v1/costs"), bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				return auth(req), err
			}, nil)
		add("GET /agreements/{id}/split (a month)", 30, "/api/v1/agreements/"+ag+"/split?from=2025-01-01&to=2025-01-31",
			func(r *rand.Rand) (*http.Request, error) {
				from, to := month(r)
				req, err := http.NewRequest(http.MethodGet, s.url("/api/v1/agreements/"+ag+"/split?from="+from+"&to="+to), nil)
				return auth(req), err
			}, nil)
	} else {
		skipped = append(skipped, "costs and split (no agreements found)")
	}
	add("GET /reports/activities (a month by unit)", 20, "/api/v1/reports/activities?from=2025-01-01&to=2025-02-01&group_by=unit",
		func(r *rand.Rand) (*http.Request, error) {
			from, to := month(r)
			req, err := http.NewRequest(http.MethodGet, s.url("/api/v1/reports/activities?group_by=unit&from="+from+"&to="+to), nil)
			return auth(req), err
		}, nil)
	// Last, so that measuring it alone (many edits back to back) comes after the other routes alone.
	// Calendar edits at a tenth of a percent of the mix (at 100 req/s one every 10 s, several times a
	// region's working-day rate of activity changes): each advances the calendar and report generations,
	// so the kept months and reports are computed again after it (ADR 0195). A concurrent edit of the same
	// activity answers 412, which is the right answer, not an error.
	var acts idList
	if editWeight <= 0 {
		skipped = append(skipped, "calendar edits (-edit-weight 0)")
	} else if st, err := s.get("/api/v1/activities?limit=50&status=planned", &acts); err == nil && st == 200 && len(acts.Items) > 0 {
		actIDs := acts.ids()
		add("PATCH /activities/{id} (a calendar edit)", editWeight, "",
			func(r *rand.Rand) (*http.Request, error) {
				id := actIDs[r.IntN(len(actIDs))]
				etag, err := s.etag("/api/v1/activities/" + id)
				if err != nil {
					return nil, err
				}
				body, _ := json.Marshal(map[string]any{"description": fmt.Sprintf("Load test edit %d", r.IntN(1_000_000))})
				req, err := http.NewRequest(http.MethodPatch, s.url("/api/v1/activities/"+id), bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("If-Match", etag)
				return auth(req), err
			}, func(st int) bool { return st == http.StatusOK || st == http.StatusPreconditionFailed })
	} else {
		skipped = append(skipped, "calendar edits (no activities found)")
	}
	return ts, skipped, nil
}
