package report

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"kulttuurisilta/api/internal/calendar"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/recurrence"
)

// The activity report adds up occurrences without building them (ADR 0047). In a read-only snapshot it
// reads, in three statements, each once:
//
//   - the overrides of occurrences in (or moved into) the range;
//   - the range's candidate activities (one scan of the span index);
//   - the attendance the range's occurrences can have: every row whose occurrence began from the earliest
//     original start of a candidate's occurrence in the range up to its end, and the rows of the moved
//     occurrences by their original starts; kept by activity, sorted by original start.
//
// The candidates come in two disjoint classes. Simple ones have no recurrence rule and no override: such
// an activity has one occurrence, its own times, so those that count are kept and added up once the
// attendance is read, looked up in it. The rest (recurring, or with an override) are
// read with the columns the groups need and expanded here exactly as the calendar does (overrides applied,
// moved-in occurrences included).
//
// Until ADR 0171 the simple ones' attendance was probed by index per activity in the candidates' query:
// 46,000 probes for a region year, most of the year's indicators' time, where the one range read of the
// attendance (needed for the recurring ones anyway) costs tens of milliseconds.
//
// TestActivitiesMatchReference holds the result to the straightforward computation over
// calendar.Store.Occurrences on random data.

// spanSQL is the calendar's candidate condition: the activity's span overlaps [$1, $2).
const spanSQL = `tstzrange(a.starts_at, a.until_at, '[)') && tstzrange($1, $2, '[)')`

// candidateColumns are the columns read of every candidate.
const candidateColumns = `a.id, a.starts_at, a.ends_at, a.recurrence, a.exdates, a.status, a.unit_ids, a.category,
	a.partner_ids, a.target_groups`

// candidateSQL reads the range's candidates in one scan of the span index ($1, $2: the range; $3, the
// earliest start of a moved occurrence), each with whether it is simple (no rule, no override): the
// activities whose span overlaps the range, and those with an occurrence moved into the range from
// outside their span (never simple). A simple one's span is its one occurrence, so whether that counts is
// decided as it arrives (simpleCounts). only restricts it to some activities (see onlyOf).
func candidateSQL(only string) string {
	return `SELECT a.recurrence = '' AND NOT EXISTS (SELECT 1 FROM occurrence_overrides o WHERE o.activity_id = a.id),
	` + candidateColumns + ` FROM activities a WHERE ` + only + spanSQL + `
UNION ALL
SELECT false, ` + candidateColumns + ` FROM activities a
WHERE ` + only + `a.id IN (SELECT o.activity_id FROM occurrence_overrides o WHERE o.starts_at < $2 AND o.starts_at > $3 AND o.ends_at > $1)
	AND NOT (` + spanSQL + `)`
}

// onlyOf is the condition that restricts a read to the activities only, the query's nth argument ("" when
// only is nil: every activity): a kept range's inputs are patched with those changed (ADR 0196).
func onlyOf(column string, n int, only [][16]byte) string {
	if only == nil {
		return ""
	}
	return column + ` = ANY($` + strconv.Itoa(n) + `) AND `
}

// simpleCounts says whether a simple candidate's one occurrence counts in [from, to): not a mere
// proposal, inside the range, not taken away by an exdate (cancelled ones count, as cancelled).
func simpleCounts(c *restCandidate, from, to time.Time) bool {
	if c.status == calendar.StatusProposed || !c.startsAt.Before(to) || !c.endsAt.After(from) {
		return false
	}
	for _, d := range c.exdates {
		if d.Equal(c.startsAt) {
			return false
		}
	}
	return true
}

// overridesSQL is the calendar's: overrides of occurrences that are, or were, in the range.
func overridesSQL(only string) string {
	return `SELECT activity_id, original_start, starts_at, ends_at, cancelled FROM occurrence_overrides
WHERE ` + only + `((original_start >= $3 AND original_start < $2) OR (starts_at < $2 AND starts_at > $3 AND ends_at > $1))`
}

// attendanceSQL reads the attendance the range's occurrences can have: an occurrence without an override
// is its original self, so it overlaps the range only if its original start lies in (from - duration,
// to) — $1, $2: the range widened by the longest duration of a candidate —, and a moved one is keyed by
// its override's original start ($3, $4). Rows of other activities are read too and ignored
// (a filter by activity would cost more than it saves, unless only a few activities are read: only).
func attendanceSQL(only string) string {
	return `SELECT activity_id, occurrence_start, residents, staff, volunteers, relatives, feedback
FROM attendance WHERE ` + only + `occurrence_start >= $1 AND occurrence_start < $2
UNION ALL
SELECT t.activity_id, t.occurrence_start, t.residents, t.staff, t.volunteers, t.relatives, t.feedback
FROM unnest($3::uuid[], $4::timestamptz[]) AS k(id, orig)
JOIN attendance t ON t.activity_id = k.id AND t.occurrence_start = k.orig`
}

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

// attendanceOf is the attendance read for a range, by activity: each activity's rows sorted by original
// start (one map lookup per activity, a binary search per occurrence).
type attendanceOf map[[16]byte][]attRow

type attRow struct {
	start int64 // the occurrence's original start, Unix ns
	v     attValue
}

// at is the attendance of the occurrence of rows' activity with original start start (nil: none).
func at(rows []attRow, start int64) *attValue {
	i, ok := slices.BinarySearchFunc(rows, start, func(r attRow, s int64) int { return cmp.Compare(r.start, s) })
	if !ok {
		return nil
	}
	return &rows[i].v
}

type attValue struct {
	residents, staff, volunteers, relatives int
	feedback                                *int
}

// addTo counts the occurrence's participants in p and its feedback, if any, in feedbacks and
// feedbackSum.
func (att *attValue) addTo(p *Participants, feedbacks, feedbackSum *int) {
	p.Residents += att.residents
	p.Staff += att.staff
	p.Volunteers += att.volunteers
	p.Relatives += att.relatives
	p.Total += att.residents + att.staff + att.volunteers + att.relatives
	if att.feedback != nil {
		*feedbacks++
		*feedbackSum += *att.feedback
	}
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
		att.addTo(&a.m.Participants, &a.m.FeedbackCount, &a.feedbackSum)
	}
}

// withSnapshot runs fn in a read-only snapshot on one pgx connection (database.ReadSnapshot). Every query is
// planned for its actual range (database.Open: plan_cache_mode force_custom_plan): a generic plan cannot tell
// a month from two years, and joins attendance by hash over the whole table.
func (s Store) withSnapshot(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return database.ReadSnapshot(ctx, s.DB, fn)
}

// aggregate hands g the occurrences of [from, to), expanded in zone.
func (s Store) aggregate(ctx context.Context, g sink, zone *time.Location, from, to time.Time) error {
	x := recurrence.NewWindow(zone, from, to)
	if x.Empty() {
		return nil
	}
	return s.withSnapshot(ctx, func(tx pgx.Tx) error {
		in, err := s.inputsOf(ctx, tx, x, zone)
		if err != nil {
			return err
		}
		return in.feed(g, x)
	})
}

// inputs are what the occurrences of a range are counted from: its simple candidates (those that count),
// the others (to expand), their overrides and their attendance, each by activity.
type inputs struct {
	simple, rest []restCandidate
	overrides    map[[16]byte][]restOverride
	att          attendanceOf
}

// attWindow is the calendar's attendance window of x's range: an occurrence is looked up in the
// attendance when its original start lies in it.
func attWindow(x *recurrence.Window) (from, to time.Time) {
	return x.From().Add(-calendar.MaxOverrideShift), x.To().Add(calendar.MaxOverrideShift)
}

// readInputs reads the inputs of x's range in tx (of only the activities only, when it is not nil).
func readInputs(ctx context.Context, tx pgx.Tx, x *recurrence.Window, only [][16]byte) (*inputs, error) {
	from, to := x.From(), x.To()
	shift := from.Add(-calendar.MaxOverrideShift)
	attFrom, attTo := attWindow(x)
	overrides, err := readOverrides(ctx, tx, from, to, shift, only)
	if err != nil {
		return nil, fmt.Errorf("report overrides: %w", err)
	}
	var ovIDs [][16]byte
	var ovOrig []time.Time
	for id, ovs := range overrides {
		for _, o := range ovs {
			if !o.original.Before(attFrom) && o.original.Before(attTo) { // the calendar's attendance window
				ovIDs, ovOrig = append(ovIDs, id), append(ovOrig, o.original)
			}
		}
	}
	simple, cands, earliest, err := readCandidates(ctx, tx, from, to, attFrom, only)
	if err != nil {
		return nil, fmt.Errorf("report candidates: %w", err)
	}
	att, err := readAttendance(ctx, tx, earliest, to, ovIDs, ovOrig, only)
	if err != nil {
		return nil, fmt.Errorf("report attendance: %w", err)
	}
	return &inputs{simple: simple, rest: cands, overrides: overrides, att: att}, nil
}

// feed hands g the occurrences of x's range counted from in.
func (in *inputs) feed(g sink, x *recurrence.Window) error {
	attFrom, attTo := attWindow(x)
	for i := range in.simple {
		c := &in.simple[i]
		var a *attValue
		// As the calendar finds it: keyed by the occurrence's start, within its attendance window.
		if c.status != calendar.StatusCancelled && !c.startsAt.Before(attFrom) && c.startsAt.Before(attTo) {
			a = at(in.att[c.id], c.startsAt.UnixNano())
		}
		g.begin(c)
		g.add(c.startsAt.UnixNano(), c.endsAt.UnixNano(), c.status == calendar.StatusCancelled, a)
	}
	if err := aggregateRest(g, x, in.rest, in.overrides, in.att); err != nil {
		return fmt.Errorf("report recurring activities: %w", err)
	}
	return nil
}

// patched is in brought up to a later generation (ADR 0196): everything of the activities changed is
// dropped and fresh's (those activities as they are now) taken instead. in is not changed.
func (in *inputs) patched(changed [][16]byte, fresh *inputs) *inputs {
	gone := make(map[[16]byte]bool, len(changed))
	for _, id := range changed {
		gone[id] = true
	}
	keep := func(old, fresh []restCandidate) []restCandidate {
		out := make([]restCandidate, 0, len(old)+len(fresh))
		for _, c := range old {
			if !gone[c.id] {
				out = append(out, c)
			}
		}
		return append(out, fresh...)
	}
	out := &inputs{simple: keep(in.simple, fresh.simple), rest: keep(in.rest, fresh.rest),
		overrides: make(map[[16]byte][]restOverride, len(in.overrides)), att: make(attendanceOf, len(in.att))}
	for id, v := range in.overrides {
		if !gone[id] {
			out.overrides[id] = v
		}
	}
	for id, v := range fresh.overrides {
		out.overrides[id] = v
	}
	for id, v := range in.att {
		if !gone[id] {
			out.att[id] = v
		}
	}
	for id, v := range fresh.att {
		out.att[id] = v
	}
	return out
}

// readOverrides reads the overrides of the range's occurrences by activity.
func readOverrides(ctx context.Context, tx pgx.Tx, from, to, shift time.Time, only [][16]byte) (map[[16]byte][]restOverride, error) {
	overrides := map[[16]byte][]restOverride{}
	args := []any{from, to, shift}
	if only != nil {
		args = append(args, only)
	}
	rows, err := tx.Query(ctx, overridesSQL(onlyOf("activity_id", 4, only)), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id [16]byte
		var o restOverride
		if err := rows.Scan(&id, &o.original, &o.start, &o.end, &o.cancelled); err != nil {
			return nil, err
		}
		overrides[id] = append(overrides[id], o)
	}
	return overrides, rows.Err()
}

// readAttendance reads attendanceSQL by activity, each activity's rows sorted by original start.
func readAttendance(ctx context.Context, tx pgx.Tx, from, to time.Time, ovIDs [][16]byte, ovOrig []time.Time,
	only [][16]byte) (attendanceOf, error) {
	args := []any{from, to, ovIDs, ovOrig}
	if only != nil { // (the moved occurrences' rows are only's already)
		args = append(args, only)
	}
	rows, err := tx.Query(ctx, attendanceSQL(onlyOf("activity_id", 5, only)), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	att := attendanceOf{}
	var (
		k        [16]byte
		start    time.Time
		r, st, v int32
		rel      int32
		fb       *int16
	)
	for rows.Next() {
		fb = nil
		if err := rows.Scan(&k, &start, &r, &st, &v, &rel, &fb); err != nil {
			return nil, err
		}
		a := attRow{start: start.UnixNano(), v: attValue{residents: int(r), staff: int(st), volunteers: int(v), relatives: int(rel)}}
		if fb != nil {
			f := int(*fb)
			a.v.feedback = &f
		}
		att[k] = append(att[k], a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for k, list := range att {
		// A row can come twice (in the range and as a moved occurrence's original): the same row.
		slices.SortFunc(list, func(a, b attRow) int { return cmp.Compare(a.start, b.start) })
		att[k] = slices.CompactFunc(list, func(a, b attRow) bool { return a.start == b.start })
	}
	return att, nil
}

// readCandidates reads the range's candidates: the simple ones whose one occurrence counts, the others
// (to expand), and the earliest original start any of their occurrences in the range can have (the
// simple ones' starts; from minus the longest duration of the others): where their attendance begins.
func readCandidates(ctx context.Context, tx pgx.Tx, from, to, shift time.Time, only [][16]byte) (simple, rest []restCandidate,
	earliest time.Time, err error) {
	earliest = from
	args := []any{from, to, shift}
	if only != nil {
		args = append(args, only)
	}
	rows, err := tx.Query(ctx, candidateSQL(onlyOf("a.id", 4, only)), args...)
	if err != nil {
		return nil, nil, earliest, err
	}
	defer rows.Close()
	var c restCandidate
	for rows.Next() {
		var isSimple bool
		c.exdates, c.unitIDs, c.partnerIDs, c.targetGroups = nil, nil, nil, nil
		if err := rows.Scan(&isSimple, &c.id, &c.startsAt, &c.endsAt, &c.recurrence, &c.exdates, &c.status, &c.unitIDs,
			&c.category, &c.partnerIDs, &c.targetGroups); err != nil {
			return nil, nil, earliest, err
		}
		switch {
		case !isSimple:
			rest = append(rest, c)
			if e := from.Add(-c.endsAt.Sub(c.startsAt)); e.Before(earliest) {
				earliest = e
			}
		case simpleCounts(&c, from, to):
			simple = append(simple, c)
			if c.startsAt.Before(earliest) {
				earliest = c.startsAt
			}
		}
	}
	return simple, rest, earliest, rows.Err()
}

// aggregateRest expands the candidates that recur or have overrides and hands their occurrences to g.
func aggregateRest(g sink, x *recurrence.Window, cands []restCandidate, overrides map[[16]byte][]restOverride,
	att attendanceOf) error {
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
		rows := att[c.id]
		occ = x.Occurrences(occ[:0], recurrence.Series{Start: c.startsAt, Duration: c.endsAt.Sub(c.startsAt), Rule: rule,
			Exdates: c.exdates}, moves)
		for _, o := range occ {
			cancelled := c.status == calendar.StatusCancelled || (o.Override >= 0 && ovs[o.Override].cancelled)
			if !cancelled && c.status == calendar.StatusProposed {
				continue // a proposal is not evidence of anything yet
			}
			var a *attValue
			if !cancelled {
				a = at(rows, o.Original)
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
