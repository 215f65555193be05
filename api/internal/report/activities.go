package report

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"kulttuurisilta/api/internal/calendar"
	"kulttuurisilta/api/internal/recurrence"
)

// The activity report adds up occurrences without building them (ADR 0046). Candidate activities fall in
// two disjoint classes, read in one read-only snapshot:
//
//   - simple: no recurrence rule and no override. Such an activity has one occurrence, its own times, so
//     PostgreSQL counts it, joins its attendance row (activity, starts_at) and adds everything up per
//     group, returning one row per group with the distinct units reached;
//   - the rest (recurring, or with an override): read with the columns the groups need and expanded here
//     exactly as the calendar does (recurrence.Expand, overrides applied, moved-in occurrences included),
//     their attendance read for these activities only.
//
// The groups of both are then merged. TestActivitiesMatchReference holds the result to the straightforward
// computation over calendar.Store.Occurrences on random data.

// Window limits of the calendar's expansion (occurrences are carried as Unix nanoseconds there).
var (
	windowMin = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	windowMax = time.Date(2260, 1, 1, 0, 0, 0, 0, time.UTC)
)

func clampTime(t time.Time) time.Time {
	switch {
	case t.Before(windowMin):
		return windowMin
	case t.After(windowMax):
		return windowMax
	}
	return t
}

// groupKeySQL is the text[] of an activity's group keys, as keys computes them for an occurrence; for
// month, the index of the month (width_bucket over the month starts, $5).
func groupKeySQL(groupBy string) string {
	switch groupBy {
	case "unit":
		return `a.unit_ids::text[]`
	case "partner":
		return `CASE WHEN cardinality(a.partner_ids) = 0 THEN ARRAY['']::text[] ELSE a.partner_ids::text[] END`
	case "target_group":
		return `CASE WHEN cardinality(a.target_groups) = 0 THEN ARRAY['']::text[] ELSE a.target_groups END`
	case "month":
		return `ARRAY[width_bucket(a.starts_at, $5::timestamptz[])::text]`
	default:
		return `ARRAY[a.category]`
	}
}

// spanSQL is the calendar's candidate condition: the activity's span overlaps [$1, $2).
const spanSQL = `tstzrange(a.starts_at, a.until_at, '[)') && tstzrange($1, $2, '[)')`

// simpleSQL aggregates the simple activities' occurrences per group (and, in the row with a NULL key, in
// total): $1, $2 the range, $3, $4 the attendance window.
func simpleSQL(groupBy string) string {
	metrics := `count(*) FILTER (WHERE NOT cancelled), count(*) FILTER (WHERE cancelled),
		count(*) FILTER (WHERE NOT cancelled AND has_att),
		coalesce(sum(residents) FILTER (WHERE NOT cancelled), 0), coalesce(sum(staff) FILTER (WHERE NOT cancelled), 0),
		coalesce(sum(volunteers) FILTER (WHERE NOT cancelled), 0), coalesce(sum(relatives) FILTER (WHERE NOT cancelled), 0),
		count(feedback) FILTER (WHERE NOT cancelled), coalesce(sum(feedback) FILTER (WHERE NOT cancelled), 0)`
	return `WITH occ AS MATERIALIZED (
	SELECT a.status = 'cancelled' AS cancelled, a.unit_ids, ` + groupKeySQL(groupBy) + ` AS keys,
		t.activity_id IS NOT NULL AS has_att, t.residents, t.staff, t.volunteers, t.relatives, t.feedback
	FROM activities a
	LEFT JOIN attendance t ON t.activity_id = a.id AND t.occurrence_start = a.starts_at
		AND a.starts_at >= $3 AND a.starts_at < $4
	WHERE ` + spanSQL + ` AND a.recurrence = '' AND a.status <> 'proposed'
		AND a.starts_at < $2 AND a.ends_at > $1 AND NOT (a.starts_at = ANY (a.exdates))
		AND NOT EXISTS (SELECT 1 FROM occurrence_overrides o WHERE o.activity_id = a.id)
)
SELECT g.*, u.units FROM (SELECT k, ` + metrics + ` FROM occ, unnest(keys) AS k GROUP BY k) g
LEFT JOIN (SELECT k, array_agg(DISTINCT u) AS units FROM occ, unnest(keys) AS k, unnest(unit_ids) AS u
	WHERE NOT cancelled GROUP BY k) u USING (k)
UNION ALL
SELECT NULL, ` + metrics + `, (SELECT array_agg(DISTINCT u) FROM occ, unnest(unit_ids) AS u WHERE NOT cancelled)
FROM occ`
}

// restColumns are the columns of the other candidates.
const restColumns = `a.id, a.starts_at, a.ends_at, a.recurrence, a.exdates, a.status, a.unit_ids, a.category,
	a.partner_ids, a.target_groups`

// restSQL selects the candidates that are not simple: those whose span overlaps the range and that recur
// or have an override, and those with an occurrence moved into the range from outside their span ($3:
// the range's start minus the longest move).
const restSQL = `SELECT ` + restColumns + ` FROM activities a WHERE ` + spanSQL + `
	AND (a.recurrence <> '' OR EXISTS (SELECT 1 FROM occurrence_overrides o WHERE o.activity_id = a.id))
UNION ALL
SELECT ` + restColumns + ` FROM activities a
WHERE a.id IN (SELECT o.activity_id FROM occurrence_overrides o WHERE o.starts_at < $2 AND o.starts_at > $3 AND o.ends_at > $1)
	AND NOT (` + spanSQL + `)`

// overridesSQL is the calendar's: overrides of occurrences that are, or were, in the range.
const overridesSQL = `SELECT activity_id, original_start, starts_at, ends_at, cancelled FROM occurrence_overrides
WHERE ((original_start >= $3 AND original_start < $2) OR (starts_at < $2 AND starts_at > $3 AND ends_at > $1))`

const restAttendanceSQL = `SELECT activity_id, occurrence_start, residents, staff, volunteers, relatives, feedback
FROM attendance WHERE activity_id = ANY ($1::uuid[]) AND occurrence_start >= $2 AND occurrence_start < $3`

type restCandidate struct {
	id           [16]byte
	startsAt     time.Time
	endsAt       time.Time
	recurrence   string
	exdates      []time.Time
	status       string
	unitIDs      [][16]byte
	category     string
	partnerIDs   [][16]byte
	targetGroups []string
}

type restOverride struct {
	original, start, end time.Time
	cancelled            bool
}

type attKey struct {
	activity [16]byte
	start    int64
}

type attValue struct {
	residents, staff, volunteers, relatives int
	feedback                                *int
}

// aggregator holds the totals and the groups, by key.
type aggregator struct {
	groupBy string
	zone    *time.Location
	totals  *acc
	groups  map[string]*acc
}

func (g *aggregator) group(k string) *acc {
	a, ok := g.groups[k]
	if !ok {
		a = newAcc()
		g.groups[k] = a
	}
	return a
}

// addOccurrence adds one occurrence (not a mere proposal) to the accumulators accs.
func addOccurrence(accs []*acc, cancelled bool, units [][16]byte, att *attValue) {
	for _, a := range accs {
		if cancelled {
			a.m.Cancelled++
			continue
		}
		a.m.Occurrences++
		for _, u := range units {
			a.units[uuid.UUID(u)] = true
		}
		if att == nil {
			continue
		}
		a.m.OccurrencesWithAttendance++
		p := &a.m.Participants
		p.Residents += att.residents
		p.Staff += att.staff
		p.Volunteers += att.volunteers
		p.Relatives += att.relatives
		p.Total += att.residents + att.staff + att.volunteers + att.relatives
		if att.feedback != nil {
			a.m.FeedbackCount++
			a.feedbackSum += *att.feedback
		}
	}
}

// withSnapshot runs fn in a read-only repeatable-read transaction on one pooled connection (pgx, binary).
func (s Store) withSnapshot(ctx context.Context, fn func(tx pgx.Tx) error) error {
	sqlDB, err := s.DB.WithContext(ctx).DB()
	if err != nil {
		return err
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("report: driver connection is %T, not pgx", dc)
		}
		tx, err := sc.Conn().BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
		if err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			_ = tx.Rollback(context.WithoutCancel(ctx))
			return err
		}
		return tx.Commit(ctx)
	})
}

// monthStarts are the local month starts from the month of from-MaxOverrideShift through the month after
// to: the buckets of the month grouping.
func monthStarts(from, to time.Time, zone *time.Location) []time.Time {
	f := from.Add(-calendar.MaxOverrideShift).In(zone)
	m := time.Date(f.Year(), f.Month(), 1, 0, 0, 0, 0, zone)
	var out []time.Time
	for ; !m.After(to); m = m.AddDate(0, 1, 0) {
		out = append(out, m.UTC())
	}
	return append(out, m.UTC())
}

// aggregate fills g with the occurrences of [from, to).
func (s Store) aggregate(ctx context.Context, g *aggregator, from, to time.Time) error {
	from, to = clampTime(from), clampTime(to)
	if !to.After(from) {
		return nil
	}
	shift := from.Add(-calendar.MaxOverrideShift)
	attFrom, attTo := shift, to.Add(calendar.MaxOverrideShift)
	return s.withSnapshot(ctx, func(tx pgx.Tx) error {
		if err := s.aggregateSimple(ctx, tx, g, from, to, attFrom, attTo); err != nil {
			return fmt.Errorf("report simple activities: %w", err)
		}
		if err := s.aggregateRest(ctx, tx, g, from, to, shift, attFrom, attTo); err != nil {
			return fmt.Errorf("report recurring activities: %w", err)
		}
		return nil
	})
}

func (s Store) aggregateSimple(ctx context.Context, tx pgx.Tx, g *aggregator, from, to, attFrom, attTo time.Time) error {
	args := []any{from, to, attFrom, attTo}
	var months []time.Time
	if g.groupBy == "month" {
		months = monthStarts(from, to, g.zone)
		args = append(args, months)
	}
	rows, err := tx.Query(ctx, simpleSQL(g.groupBy), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			key                                *string
			n, c, att, r, st, v, rel, fbn, fbs int64
			units                              [][16]byte
		)
		if err := rows.Scan(&key, &n, &c, &att, &r, &st, &v, &rel, &fbn, &fbs, &units); err != nil {
			return err
		}
		a := g.totals
		if key != nil {
			k := *key
			if g.groupBy == "month" {
				i, err := strconv.Atoi(k)
				if err != nil || i < 1 || i > len(months)-1 {
					return fmt.Errorf("an occurrence outside the month buckets (%s)", k)
				}
				k = months[i-1].In(g.zone).Format("2006-01")
			}
			a = g.group(k)
		}
		a.m.Occurrences += int(n)
		a.m.Cancelled += int(c)
		a.m.OccurrencesWithAttendance += int(att)
		p := &a.m.Participants
		p.Residents += int(r)
		p.Staff += int(st)
		p.Volunteers += int(v)
		p.Relatives += int(rel)
		p.Total += int(r + st + v + rel)
		a.m.FeedbackCount += int(fbn)
		a.feedbackSum += int(fbs)
		for _, u := range units {
			a.units[uuid.UUID(u)] = true
		}
	}
	return rows.Err()
}

func (s Store) aggregateRest(ctx context.Context, tx pgx.Tx, g *aggregator, from, to, shift, attFrom, attTo time.Time) error {
	var cands []restCandidate
	rows, err := tx.Query(ctx, restSQL, from, to, shift)
	if err != nil {
		return err
	}
	for rows.Next() {
		var c restCandidate
		if err := rows.Scan(&c.id, &c.startsAt, &c.endsAt, &c.recurrence, &c.exdates, &c.status, &c.unitIDs,
			&c.category, &c.partnerIDs, &c.targetGroups); err != nil {
			rows.Close()
			return err
		}
		cands = append(cands, c)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(cands) == 0 {
		return nil
	}
	overrides := map[[16]byte][]restOverride{}
	rows, err = tx.Query(ctx, overridesSQL, from, to, shift)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id [16]byte
		var o restOverride
		if err := rows.Scan(&id, &o.original, &o.start, &o.end, &o.cancelled); err != nil {
			rows.Close()
			return err
		}
		overrides[id] = append(overrides[id], o)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	ids := make([][16]byte, 0, len(cands))
	for i := range cands {
		ids = append(ids, cands[i].id)
	}
	att := map[attKey]*attValue{}
	rows, err = tx.Query(ctx, restAttendanceSQL, ids, attFrom, attTo)
	if err != nil {
		return err
	}
	for rows.Next() {
		var k [16]byte
		var start time.Time
		var r, st, v, rel int32
		var fb *int16
		if err := rows.Scan(&k, &start, &r, &st, &v, &rel, &fb); err != nil {
			rows.Close()
			return err
		}
		a := &attValue{residents: int(r), staff: int(st), volunteers: int(v), relatives: int(rel)}
		if fb != nil {
			f := int(*fb)
			a.feedback = &f
		}
		att[attKey{k, start.UnixNano()}] = a
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rules := map[string]*recurrence.Rule{}
	var accs []*acc
	for i := range cands {
		c := &cands[i]
		var rule *recurrence.Rule
		if c.recurrence != "" {
			r, ok := rules[c.recurrence]
			if !ok {
				if r, err = recurrence.Parse(c.recurrence); err != nil {
					return fmt.Errorf("activity %s: %w", uuid.UUID(c.id), err)
				}
				rules[c.recurrence] = r
			}
			rule = r
		}
		add := func(start, orig time.Time, cancelled bool) {
			cancelled = cancelled || c.status == calendar.StatusCancelled
			if !cancelled && c.status == calendar.StatusProposed {
				return // a proposal is not evidence of anything yet
			}
			accs = append(accs[:0], g.totals)
			for _, k := range g.keys(c, start) {
				accs = append(accs, g.group(k))
			}
			addOccurrence(accs, cancelled, c.unitIDs, att[attKey{c.id, orig.UnixNano()}])
		}
		dur := c.endsAt.Sub(c.startsAt)
		occ := expand(rule, c.startsAt, max(dur, 0), g.zone, c.exdates, from, to)
		ovs := overrides[c.id]
		seen := make([]bool, len(ovs))
		for _, o := range occ {
			k := slices.IndexFunc(ovs, func(ov restOverride) bool { return ov.original.Equal(o.Start) })
			if k < 0 {
				add(o.Start, o.Start, false)
				continue
			}
			seen[k] = true
			if ov := ovs[k]; ov.start.Before(to) && ov.end.After(from) {
				add(ov.start, o.Start, ov.cancelled)
			}
		}
		// Occurrences moved into the range from outside it.
		for k, ov := range ovs {
			if seen[k] || !(ov.start.Before(to) && ov.end.After(from)) {
				continue
			}
			if isOccurrence(rule, c.startsAt, dur, g.zone, c.exdates, ov.original) {
				add(ov.start, ov.original, ov.cancelled)
			}
		}
	}
	return nil
}

// keys names the groups of an occurrence of c starting at start (as Store.keys does).
func (g *aggregator) keys(c *restCandidate, start time.Time) []string {
	ids := func(v [][16]byte) []string {
		if len(v) == 0 {
			return []string{""}
		}
		out := make([]string, len(v))
		for i, u := range v {
			out[i] = uuid.UUID(u).String()
		}
		return out
	}
	switch g.groupBy {
	case "unit":
		if len(c.unitIDs) == 0 {
			return nil
		}
		return ids(c.unitIDs)
	case "partner":
		return ids(c.partnerIDs)
	case "target_group":
		if len(c.targetGroups) == 0 {
			return []string{""}
		}
		return c.targetGroups
	case "month":
		return []string{start.In(g.zone).Format("2006-01")}
	default:
		return []string{c.category}
	}
}

// expand is the calendar's expansion: a single event by its times, a rule by recurrence.Expand.
func expand(rule *recurrence.Rule, start time.Time, dur time.Duration, zone *time.Location, exdates []time.Time,
	from, to time.Time) []recurrence.Occurrence {
	if rule == nil {
		end := start.Add(dur)
		if !(start.Before(to) && end.After(from)) || slices.ContainsFunc(exdates, start.Equal) {
			return nil
		}
		return []recurrence.Occurrence{{Start: start, End: end}}
	}
	return recurrence.Expand(rule, start, dur, zone, exdates, from, to)
}

// isOccurrence reports whether the rule has an occurrence starting at t.
func isOccurrence(rule *recurrence.Rule, start time.Time, dur time.Duration, zone *time.Location, exdates []time.Time, t time.Time) bool {
	for _, o := range expand(rule, start, dur, zone, exdates, t, t.Add(time.Nanosecond)) {
		if o.Start.Equal(t) {
			return true
		}
	}
	return false
}

// sortGroups orders the groups as the report shows them.
func sortGroups(groups []Group, groupBy string) {
	slices.SortFunc(groups, func(a, b Group) int {
		if groupBy == "month" {
			return strings.Compare(a.Key, b.Key)
		}
		if c := b.Occurrences - a.Occurrences; c != 0 {
			return c
		}
		return strings.Compare(a.Label+a.Key, b.Label+b.Key)
	})
}
