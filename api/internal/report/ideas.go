package report

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"time"
)

// IdeaGroupBys are the groupings of the idea report.
var IdeaGroupBys = []string{"unit", "source", "committee"}

// IdeaGroup is one group's ideas received in the range and what came of them (ADR 0110).
type IdeaGroup struct {
	// Key is the unit's or committee's id, or the source.
	Key   string `json:"key"`
	Label string `json:"label"`
	// Received: ideas received (created) in the range.
	Received int `json:"received"`
	// Planned: of those, turned into an activity (whatever became of it).
	Planned int `json:"planned"`
	// Done and Declined: of those, with that status now.
	Done     int `json:"done"`
	Declined int `json:"declined"`
	// MedianDaysToFirst: the median of the days from an idea to its activity's first occurrence
	// (ideas turned into an activity that was not cancelled; 0 when the activity came first), one
	// decimal; null without any.
	MedianDaysToFirst *float64 `json:"median_days_to_first" extensions:"x-nullable"`
}

// IdeaReport is GET /reports/ideas: wishes and what came of them. Figures only: no resident is named.
type IdeaReport struct {
	From    time.Time   `json:"from"`
	To      time.Time   `json:"to"`
	GroupBy string      `json:"group_by" enums:"unit,source,committee"`
	Groups  []IdeaGroup `json:"groups"`
	Total   IdeaGroup   `json:"total"`
}

type ideaRow struct {
	UnitID, UnitName, CommitteeID, CommitteeName, Source, Status string
	Planned                                                      bool
	Days                                                         *float64
}

// Ideas reports the ideas received in [from, to) by unit, source or committee.
func (s Store) Ideas(ctx context.Context, from, to time.Time, groupBy string) (IdeaReport, error) {
	var rows []ideaRow
	err := s.DB.WithContext(ctx).Raw(`SELECT i.unit_id::text AS unit_id, u.name AS unit_name, i.committee_id::text AS committee_id,
		c.name AS committee_name, i.source, i.status, i.activity_id IS NOT NULL AS planned,
		CASE WHEN act.id IS NOT NULL AND act.status <> 'cancelled'
			THEN greatest(extract(epoch FROM act.starts_at - i.created_at) / 86400, 0)::float8 END AS days
		FROM ideas i
		JOIN units u ON u.id = i.unit_id
		JOIN committees c ON c.id = i.committee_id
		LEFT JOIN activities act ON act.id = i.activity_id
		WHERE i.created_at >= ? AND i.created_at < ?`, from.UTC(), to.UTC()).Scan(&rows).Error
	if err != nil {
		return IdeaReport{}, fmt.Errorf("idea report: %w", err)
	}
	zone := s.zone()
	rep := IdeaReport{From: from.In(zone), To: to.In(zone), GroupBy: groupBy, Groups: []IdeaGroup{}}
	groups := map[string]*IdeaGroup{}
	days := map[string][]float64{}
	for _, r := range rows {
		key, label := r.UnitID, r.UnitName
		switch groupBy {
		case "source":
			key, label = r.Source, r.Source
		case "committee":
			key, label = r.CommitteeID, r.CommitteeName
		}
		g := groups[key]
		if g == nil {
			g = &IdeaGroup{Key: key, Label: label}
			groups[key] = g
		}
		for _, t := range []*IdeaGroup{g, &rep.Total} {
			t.Received++
			if r.Planned {
				t.Planned++
			}
			switch r.Status {
			case "done":
				t.Done++
			case "declined":
				t.Declined++
			}
		}
		if r.Days != nil {
			days[key] = append(days[key], *r.Days)
			days[""] = append(days[""], *r.Days)
		}
	}
	for key, g := range groups {
		g.MedianDaysToFirst = median(days[key])
		rep.Groups = append(rep.Groups, *g)
	}
	rep.Total.Key, rep.Total.Label = "", "total"
	rep.Total.MedianDaysToFirst = median(days[""])
	sort.Slice(rep.Groups, func(i, j int) bool {
		if rep.Groups[i].Label != rep.Groups[j].Label {
			return rep.Groups[i].Label < rep.Groups[j].Label
		}
		return rep.Groups[i].Key < rep.Groups[j].Key
	})
	return rep, nil
}

// median is the median to one decimal, nil for none.
func median(xs []float64) *float64 {
	if len(xs) == 0 {
		return nil
	}
	xs = slices.Clone(xs)
	slices.Sort(xs)
	m := xs[len(xs)/2]
	if len(xs)%2 == 0 {
		m = (xs[len(xs)/2-1] + xs[len(xs)/2]) / 2
	}
	m = math.Round(m*10) / 10
	return &m
}
