package report

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"kulttuurisilta/api/internal/calendar"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/recurrence"
)

// The activity report adds up occurrences without building them (ADR 0047). One query reads the range's
// candidate activities (one scan of the span index) in a read-only snapshot, in two disjoint classes:
//
//   - simple: no recurrence rule and no override. Such an activity has one occurrence, its own times, so
//     SQL keeps only those that count and joins each one's attendance row (activity, starts_at); they are
//     added up as they arrive;
//   - the rest (recurring, or with an override): read with the columns the groups need and expanded here
//     exactly as the calendar does (overrides applied, moved-in occurrences included), their attendance
//     read by the range of original starts their occurrences can have.
//
// TestActivitiesMatchReference holds the result to the straightforward computation over
// calendar.Store.Occurrences on random data.

// spanSQL is the calendar's candidate condition: the activity's span overlaps [$1, $2).
const spanSQL = `tstzrange(a.starts_at, a.until_at, '[)') && tstzrange($1, $2, '[)')`

// candidateColumns are the columns read of every candidate.
const candidateColumns = `a.id, a.starts_at, a.ends_at, a.recurrence, a.exdates, a.status, a.unit_ids, a.category,
	a.partner_ids, a.target_groups`

// candidateSQL reads the range's candidates in one scan of the span index ($1, $2: the range; $3, $4: the
// calendar's attendance window, $3 also the earliest start of a moved occurrence). Rows of kind 0 are the
// candidates to expand: those whose span overlaps the range and that recur or have an override, and those
// with an occurrence moved into the range from outside their span. Rows of kind 1 are the simple ones'
// occurrences that count (cancelled included, proposals and occurrences outside the range or taken away
// by an exdate left out), with their attendance.
const candidateSQL = `WITH c AS MATERIALIZED (
	SELECT ` + candidateColumns + `, a.recurrence = '' AND NOT EXISTS
		(SELECT 1 FROM occurrence_overrides o WHERE o.activity_id = a.id) AS simple
	FROM activities a WHERE ` + spanSQL + `
)
SELECT 0, ` + candidateColumns + `, false, 0, 0, 0, 0, NULL::smallint FROM c a WHERE NOT a.simple
UNION ALL
SELECT 0, ` + candidateColumns + `, false, 0, 0, 0, 0, NULL::smallint FROM activities a
WHERE a.id IN (SELECT o.activity_id FROM occurrence_overrides o WHERE o.starts_at < $2 AND o.starts_at > $3 AND o.ends_at > $1)
	AND NOT (` + spanSQL + `)
UNION ALL
SELECT 1, ` + candidateColumns + `, t.activity_id IS NOT NULL, coalesce(t.residents, 0), coalesce(t.staff, 0),
	coalesce(t.volunteers, 0), coalesce(t.relatives, 0), t.feedback
FROM c a
LEFT JOIN LATERAL (SELECT activity_id, residents, staff, volunteers, relatives, feedback FROM attendance
	WHERE activity_id = a.id AND occurrence_start = a.starts_at AND occurrence_start >= $3 AND occurrence_start < $4
	OFFSET 0) t ON true
WHERE a.simple AND a.status <> 'proposed' AND a.starts_at < $2 AND a.ends_at > $1 AND NOT (a.starts_at = ANY (a.exdates))`

// overridesSQL is the calendar's: overrides of occurrences that are, or were, in the range.
const overridesSQL = `SELECT activity_id, original_start, starts_at, ends_at, cancelled FROM occurrence_overrides
WHERE ((original_start >= $3 AND original_start < $2) OR (starts_at < $2 AND starts_at > $3 AND ends_at > $1))`

// restAttendanceSQL reads the attendance the other candidates' occurrences can have: an occurrence
// without an override is its original self, so it overlaps the range only if its original start lies in
// (from - duration, to) — $1, $2: the range widened by the longest such duration —, and a moved one is
// keyed by its override's original start ($3, $4). Rows of other activities are read too and ignored
// (a filter by activity would cost more than it saves).
const restAttendanceSQL = `SELECT activity_id, occurrence_start, residents, staff, volunteers, relatives, feedback
FROM attendance WHERE occurrence_start >= $1 AND occurrence_start < $2
UNION ALL
SELECT t.activity_id, t.occurrence_start, t.residents, t.staff, t.volunteers, t.relatives, t.feedback
FROM unnest($3::uuid[], $4::timestamptz[]) AS k(id, orig)
JOIN attendance t ON t.activity_id = k.id AND t.occurrence_start = k.orig`

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

// sink receives the occurrences of a range that aggregate finds: begin names the activity whose
// occurrences follow, add gives one of them (start and end in Unix nanoseconds; att nil without
// attendance, always nil when cancelled). Mere proposals never reach a sink.
type sink interface {
	begin(c *restCandidate)
	add(start, end int64, cancelled bool, att *attValue)
}

// aggregator is the activity report's sink: it holds the totals and the groups, by key.
type aggregator struct {
	groupBy string
	zone    *time.Location
	totals  *acc
	groups  map[string]*acc
	cur     *restCandidate
	accs    []*acc // the current activity's accumulators (per occurrence when grouping by month)
}

func (g *aggregator) begin(c *restCandidate) {
	g.cur = c
	g.accs = g.accs[:0]
}

func (g *aggregator) add(start, _ int64, cancelled bool, att *attValue) {
	if len(g.accs) == 0 || g.groupBy == "month" {
		g.accs = append(g.accs[:0], g.totals)
		for _, k := range g.keys(g.cur, time.Unix(0, start)) {
			g.accs = append(g.accs, g.group(k))
		}
	}
	addOccurrence(g.accs, cancelled, g.cur.unitIDs, att)
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

// withSnapshot runs fn in a read-only snapshot on one pgx connection (database.ReadSnapshot). Every query is
// planned for its actual range: a generic plan (chosen by PostgreSQL after five runs of a prepared statement)
// cannot tell a month from two years, and joins attendance by hash over the whole table.
func (s Store) withSnapshot(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return database.ReadSnapshot(ctx, s.DB, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SET LOCAL plan_cache_mode = force_custom_plan`); err != nil {
			return err
		}
		return fn(tx)
	})
}

// aggregate hands g the occurrences of [from, to), expanded in zone.
func (s Store) aggregate(ctx context.Context, g sink, zone *time.Location, from, to time.Time) error {
	x := recurrence.NewWindow(zone, from, to)
	if x.Empty() {
		return nil
	}
	from, to = x.From(), x.To()
	shift := from.Add(-calendar.MaxOverrideShift)
	attFrom, attTo := shift, to.Add(calendar.MaxOverrideShift)
	return s.withSnapshot(ctx, func(tx pgx.Tx) error {
		cands, err := s.readCandidates(ctx, tx, g, from, to, attFrom, attTo)
		if err != nil {
			return fmt.Errorf("report candidates: %w", err)
		}
		if err := s.aggregateRest(ctx, tx, g, x, cands, shift, attFrom, attTo); err != nil {
			return fmt.Errorf("report recurring activities: %w", err)
		}
		return nil
	})
}

// readCandidates hands the simple candidates' occurrences to g and returns the other candidates.
func (s Store) readCandidates(ctx context.Context, tx pgx.Tx, g sink, from, to, attFrom, attTo time.Time) ([]restCandidate, error) {
	rows, err := tx.Query(ctx, candidateSQL, from, to, attFrom, attTo)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var (
		cands []restCandidate
		c     restCandidate
	)
	for rows.Next() {
		var (
			kind              int32
			hasAtt            bool
			res, st, vol, rel int32
			feedback          *int16
		)
		c.exdates, c.unitIDs, c.partnerIDs, c.targetGroups = nil, nil, nil, nil
		if err := rows.Scan(&kind, &c.id, &c.startsAt, &c.endsAt, &c.recurrence, &c.exdates, &c.status, &c.unitIDs,
			&c.category, &c.partnerIDs, &c.targetGroups, &hasAtt, &res, &st, &vol, &rel, &feedback); err != nil {
			return nil, err
		}
		if kind == 0 {
			cands = append(cands, c)
			continue
		}
		var att *attValue
		cancelled := c.status == calendar.StatusCancelled
		if hasAtt && !cancelled {
			att = &attValue{residents: int(res), staff: int(st), volunteers: int(vol), relatives: int(rel)}
			if feedback != nil {
				f := int(*feedback)
				att.feedback = &f
			}
		}
		g.begin(&c)
		g.add(c.startsAt.UnixNano(), c.endsAt.UnixNano(), cancelled, att)
	}
	return cands, rows.Err()
}

func (s Store) aggregateRest(ctx context.Context, tx pgx.Tx, g sink, x *recurrence.Window, cands []restCandidate,
	shift, attFrom, attTo time.Time) error {
	if len(cands) == 0 {
		return nil
	}
	from, to := x.From(), x.To()
	overrides := map[[16]byte][]restOverride{}
	rows, err := tx.Query(ctx, overridesSQL, from, to, shift)
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
	var longest time.Duration
	var ovIDs [][16]byte
	var ovOrig []time.Time
	for i := range cands {
		c := &cands[i]
		longest = max(longest, c.endsAt.Sub(c.startsAt))
		for _, o := range overrides[c.id] {
			if !o.original.Before(attFrom) && o.original.Before(attTo) { // the calendar's attendance window
				ovIDs, ovOrig = append(ovIDs, c.id), append(ovOrig, o.original)
			}
		}
	}
	att := map[attKey]*attValue{}
	rows, err = tx.Query(ctx, restAttendanceSQL, from.Add(-longest), to, ovIDs, ovOrig)
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
	var occ []recurrence.Instance
	var moves []recurrence.Override
	for i := range cands {
		c := &cands[i]
		rule, err := x.Rule(c.recurrence)
		if err != nil {
			return fmt.Errorf("activity %s: %w", uuid.UUID(c.id), err)
		}
		ovs := overrides[c.id]
		moves = moves[:0]
		for _, o := range ovs {
			moves = append(moves, recurrence.Override{Original: o.original, Start: o.start, End: o.end})
		}
		g.begin(c)
		occ = x.Occurrences(occ[:0], recurrence.Series{Start: c.startsAt, Duration: c.endsAt.Sub(c.startsAt), Rule: rule,
			Exdates: c.exdates}, moves)
		for _, o := range occ {
			cancelled := c.status == calendar.StatusCancelled || (o.Override >= 0 && ovs[o.Override].cancelled)
			if !cancelled && c.status == calendar.StatusProposed {
				continue // a proposal is not evidence of anything yet
			}
			var a *attValue
			if !cancelled {
				a = att[attKey{c.id, o.Original}]
			}
			g.add(o.Start, o.End, cancelled, a)
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
