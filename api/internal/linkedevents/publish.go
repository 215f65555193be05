package linkedevents

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Push operations.
const (
	OpCreate  = "create"
	OpUpdate  = "update"
	OpReplace = "replace" // delete the published event and create it anew (a cancelled event restored)
	OpDelete  = "delete"
	OpNone    = "none" // nothing sent: unchanged, held back, or refused before and not changed since
)

// Outcomes of one event in a push.
const (
	OutcomePushed   = "pushed"
	OutcomeRefused  = "refused"
	OutcomeHeldBack = "held_back"
	OutcomeRemoved  = "removed"
)

// DefaultBatchSize is how many events one bulk request carries.
const DefaultBatchSize = 50

// Action is one event's step in a push: what is done with it and, once done, its outcome.
type Action struct {
	Op       string
	LocalID  string
	RemoteID string // the event's id in the remote before this step (update, replace, delete)
	// NewRemoteID is the id asked for in a create or replace: the local id, suffixed "-r<n>" for the
	// n-th remote event of the same local one (Linked Events never frees a deleted event's id).
	NewRemoteID string
	ParentID    string // the local id of the event's super event, if any
	// ParentRemote is the remote id of the super event it is linked to; "" when it is not linked (an
	// activity whose series' umbrella event is not in the remote goes without the link).
	ParentRemote string
	Level        int // 0 series (umbrella), 1 activity, 2 occurrence of a recurring activity
	Kind         string
	ActivityID   *uuid.UUID
	SeriesID     *uuid.UUID
	Name         string
	StartsAt     *time.Time
	EndsAt       *time.Time
	Hash         string
	Generation   int
	// Outcome is what came of it (pushed, refused, held_back, removed); "" for a step not taken yet.
	Outcome string
	// Reason is the remote's message for a refusal, or ours for a hold-back.
	Reason string
	// Retried marks an event the remote refused before, sent again because it changed.
	Retried bool
	event   *Event
	remote  Remote
}

// Plan is what a push did, or would do in a dry run: an action per event that is sent, held back or
// still refused, in the order of the run.
type Plan struct {
	Target    string
	Actions   []Action
	Unchanged int
	// DryRun is true when nothing was sent.
	DryRun bool
}

func (p Plan) count(match func(Action) bool) int {
	n := 0
	for _, a := range p.Actions {
		if match(a) {
			n++
		}
	}
	return n
}

// Count is how many actions of op the plan has.
func (p Plan) Count(op string) int { return p.count(func(a Action) bool { return a.Op == op }) }

// CountOutcome is how many actions ended (or in a dry run would end) with outcome.
func (p Plan) CountOutcome(outcome string) int {
	return p.count(func(a Action) bool { return a.Outcome == outcome })
}

// Print writes the plan, one line per action, then a summary.
func (p Plan) Print(w io.Writer) {
	for _, a := range p.Actions {
		op := a.Op
		switch {
		case a.Outcome == OutcomeHeldBack:
			op = "held back"
		case a.Outcome == OutcomeRefused && a.Op == OpNone:
			op = "refused"
		}
		line := fmt.Sprintf("%-9s %s", op, a.LocalID)
		if a.RemoteID != "" && a.RemoteID != a.LocalID {
			line += " (remote " + a.RemoteID + ")"
		}
		if a.Name != "" {
			line += "  " + a.Name
		}
		switch {
		case a.Outcome == OutcomeHeldBack:
			line += ": " + a.Reason
		case a.Outcome == OutcomeRefused && a.Op == OpNone:
			line += ": not retried, unchanged since Linked Events refused it: " + a.Reason
		case a.Outcome == OutcomeRefused:
			line += ": REFUSED by Linked Events: " + a.Reason
		case a.Op == OpReplace:
			line += ": restored after a cancellation; Linked Events cannot un-cancel an event, so the cancelled one is deleted and a new one created"
		case a.Retried && p.DryRun:
			line += " (refused before, changed since: retried)"
		}
		fmt.Fprintln(w, line)
	}
	fmt.Fprintf(w, "%s: %d to create, %d to update, %d to replace, %d to delete, %d unchanged; %d held back, %d refused\n",
		p.Target, p.Count(OpCreate), p.Count(OpUpdate), p.Count(OpReplace), p.Count(OpDelete), p.Unchanged,
		p.CountOutcome(OutcomeHeldBack), p.CountOutcome(OutcomeRefused))
}

// Publisher pushes the export to a Linked Events API, remembering what it sent so that a rerun sends only
// new, changed and removed events, and each event's outcome (ADR 0045, ADR 0049).
type Publisher struct {
	Store     Store
	Client    Client
	BatchSize int
	// RetryRefused sends again the events the remote refused even when they have not changed since (for
	// a refusal whose cause was on the remote's side, e.g. a place it has since added).
	RetryRefused bool
	// Log receives a line per request sent; nil discards them.
	Log io.Writer
}

func (p Publisher) target() string { return strings.TrimSuffix(p.Client.BaseURL, "/") }

func (p Publisher) logf(format string, args ...any) {
	if p.Log != nil {
		fmt.Fprintf(p.Log, format+"\n", args...)
	}
}

// contentHash is the SHA-256 of an event as sent (with local ids), without the fields that change
// without the content changing (last_modified_time) or that the remote computes itself (sub_events).
func contentHash(e Event) (string, error) {
	e.LastModifiedTime = time.Time{}
	e.SubEvents = nil
	b, err := json.Marshal(e)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// remoteIDFor is the id asked for the generation-th remote event of a local one.
func remoteIDFor(local string, generation int) string {
	if generation <= 1 {
		return local
	}
	return local + "-r" + strconv.Itoa(generation)
}

// run is one push: the export, what the remote has (rows), the last outcomes, and the plan built so far.
type run struct {
	p        Publisher
	apply    bool
	now      time.Time
	rows     map[string]pushed
	outcomes map[string]outcomeRow
	plan     Plan
}

// Run pushes (apply) or plans without sending anything (a dry run). It deletes what left the export
// (occurrences first), then creates and updates level by level (series' umbrella events, activities,
// occurrences), so a super event is in the remote before the events linked to it. An event that breaks
// one of Linked Events' rules is held back with the reason; an event the remote refuses is recorded as
// refused with the remote's message, and the others go on. The returned plan says what happened to each
// event sent, held back or refused; the error is for what stops the whole run (the remote failing or
// refusing the API key, the database).
func (p Publisher) Run(ctx context.Context, apply bool) (Plan, error) {
	r := &run{p: p, apply: apply, plan: Plan{Target: p.target(), DryRun: !apply}}
	if apply {
		unlock, err := p.lock(ctx)
		if err != nil {
			return r.plan, err
		}
		defer unlock()
	}
	r.now = p.Store.now()
	items, err := p.Store.items(ctx, nil)
	if err != nil {
		return r.plan, err
	}
	if err := r.load(ctx); err != nil {
		return r.plan, err
	}
	current := map[string]bool{}
	var levels [3][]item
	for _, it := range items {
		if !it.Deleted {
			current[it.ID] = true
			levels[it.Level] = append(levels[it.Level], it)
		}
	}
	if err := r.deletions(ctx, current); err != nil {
		return r.plan, err
	}
	for level := range levels {
		if err := r.level(ctx, levels[level]); err != nil {
			return r.plan, err
		}
	}
	if err := r.prune(ctx, current); err != nil {
		return r.plan, err
	}
	return r.plan, nil
}

// deletions removes from the remote the events that left the export, children first. An occurrence
// that only aged out of the export's window (older than HorizonPast, its activity still exported) stays
// in the remote as a past event.
func (r *run) deletions(ctx context.Context, current map[string]bool) error {
	cutoff := r.now.Add(-HorizonPast)
	var dels []Action
	for _, row := range r.rows {
		if current[row.LocalID] {
			continue
		}
		if row.Level == 2 && current[row.ParentID] && row.StartsAt != nil && row.StartsAt.Before(cutoff) {
			continue
		}
		out := r.outcomes[row.LocalID]
		a := Action{Op: OpDelete, LocalID: row.LocalID, RemoteID: row.RemoteID, ParentID: row.ParentID,
			Level: row.Level, StartsAt: row.StartsAt, EndsAt: row.EndsAt, Kind: out.Kind, ActivityID: out.ActivityID,
			SeriesID: out.SeriesID, Name: out.Name, Generation: max(out.Generation, 1)}
		if a.Kind == "" {
			a.Kind, a.ActivityID, a.SeriesID = r.ownerOf(row)
		}
		dels = append(dels, a)
	}
	slices.SortFunc(dels, func(a, b Action) int {
		return cmp.Or(cmp.Compare(b.Level, a.Level), strings.Compare(a.LocalID, b.LocalID))
	})
	for _, a := range dels {
		if !r.apply {
			a.Outcome = OutcomeRemoved
			r.plan.Actions = append(r.plan.Actions, a)
			continue
		}
		err := r.p.Client.Delete(ctx, a.RemoteID)
		var re *RemoteError
		switch {
		case err == nil:
			a.Outcome = OutcomeRemoved
			r.p.logf("deleted %s", a.LocalID)
			delete(r.rows, a.LocalID)
		case errors.As(err, &re) && re.Refusal():
			a.Outcome, a.Reason = OutcomeRefused, re.Message
		default:
			return err
		}
		if err := r.record(ctx, OpDelete, []*Action{&a}); err != nil {
			return err
		}
		r.plan.Actions = append(r.plan.Actions, a)
	}
	return nil
}

// ownerOf reads the kind and owner of a pushed event from its local id ("<data_source>:<uuid>" or
// "…-<original start>"), for rows recorded before outcomes were.
func (r *run) ownerOf(row pushed) (string, *uuid.UUID, *uuid.UUID) {
	rest := strings.TrimPrefix(row.LocalID, r.p.Store.Config.DataSource+":")
	if len(rest) < 36 {
		return KindActivity, nil, nil
	}
	id, err := uuid.Parse(rest[:36])
	if err != nil {
		return KindActivity, nil, nil
	}
	switch row.Level {
	case 0:
		return KindSeries, nil, &id
	case 2:
		return KindOccurrence, &id, nil
	}
	return KindActivity, &id, nil
}

// level decides and carries out the steps of one level's events.
func (r *run) level(ctx context.Context, items []item) error {
	var creates, updates, replaces, quiet []*Action
	for i := range items {
		a, err := r.decide(&items[i])
		if err != nil {
			return err
		}
		switch {
		case a == nil:
			continue
		case a.Op == OpCreate:
			creates = append(creates, a)
		case a.Op == OpUpdate:
			updates = append(updates, a)
		case a.Op == OpReplace:
			replaces = append(replaces, a)
		default:
			quiet = append(quiet, a)
		}
	}
	if r.apply {
		if err := r.record(ctx, OpNone, quiet); err != nil {
			return err
		}
	}
	for _, a := range quiet {
		if a.Outcome != OutcomePushed {
			r.plan.Actions = append(r.plan.Actions, *a)
		}
	}
	for _, a := range replaces {
		// The cancelled event goes first; its replacement is created with the other creations.
		if !r.apply {
			a.Generation++
			creates = append(creates, a)
			continue
		}
		err := r.p.Client.Delete(ctx, a.RemoteID)
		var re *RemoteError
		switch {
		case err == nil:
			r.p.logf("deleted %s (remote %s) to re-create it", a.LocalID, a.RemoteID)
			a.Outcome = OutcomeRemoved
			if err := r.record(ctx, OpDelete, []*Action{a}); err != nil {
				return err
			}
			delete(r.rows, a.LocalID)
			a.Outcome = ""
			a.Generation++
			creates = append(creates, a)
		case errors.As(err, &re) && re.Refusal():
			a.Outcome, a.Reason = OutcomeRefused, re.Message
			if err := r.record(ctx, OpNone, []*Action{a}); err != nil {
				return err
			}
			r.plan.Actions = append(r.plan.Actions, *a)
		default:
			return err
		}
	}
	for _, batch := range [][]*Action{creates, updates} {
		if err := r.send(ctx, batch); err != nil {
			return err
		}
	}
	return nil
}

// decide works out what to do with one exported event, or nil when it is unchanged and its recorded
// outcome already says pushed.
func (r *run) decide(it *item) (*Action, error) {
	e := it.Event
	e.SubEvents = nil // the remote derives them from each sub-event's super_event
	out := r.outcomes[e.ID]
	a := &Action{LocalID: e.ID, ParentID: it.Parent, Level: it.Level, Kind: it.Kind, ActivityID: it.ActivityID,
		SeriesID: it.SeriesID, Name: e.Name["fi"], StartsAt: e.StartTime, EndsAt: e.EndTime, Generation: out.Generation}
	held := func(reason string) *Action {
		a.Op, a.Outcome, a.Reason = OpNone, OutcomeHeldBack, reason
		return a
	}
	if it.Parent != "" {
		if prow, ok := r.rows[it.Parent]; ok {
			a.ParentRemote = prow.RemoteID
		} else if it.Level == 2 {
			a.Hash, _ = contentHash(e)
			if row, ok := r.rows[e.ID]; ok {
				a.RemoteID = row.RemoteID
			}
			return held(reasonParentOut), nil
		} else {
			e.SuperEvent = nil // the series is not in the remote: the activity goes without the link
		}
	}
	var err error
	if a.Hash, err = contentHash(e); err != nil {
		return nil, fmt.Errorf("linked events hash %s: %w", e.ID, err)
	}
	stillRefused := out.Outcome == OutcomeRefused && out.ContentHash == a.Hash && !r.p.RetryRefused
	a.Retried = out.Outcome == OutcomeRefused && !stillRefused
	row, exists := r.rows[e.ID]
	if !exists {
		if reason := holdBack(&e, true, nil, r.now, r.p.Store.Zone); reason != "" {
			return held(reason), nil
		}
		if stillRefused {
			a.Op, a.Outcome, a.Reason = OpNone, OutcomeRefused, out.Reason
			return a, nil
		}
		a.Op, a.Generation = OpCreate, out.Generation+1
		a.NewRemoteID = remoteIDFor(e.ID, a.Generation)
		e.ID, e.EventStatus = a.NewRemoteID, StatusScheduled // Linked Events creates every event as scheduled
		a.event = &e
		return a, nil
	}
	a.RemoteID, a.Generation = row.RemoteID, max(out.Generation, 1)
	if row.ContentHash == a.Hash && row.ParentRemoteID == a.ParentRemote {
		a.Op, a.Outcome = OpNone, OutcomePushed
		r.plan.Unchanged++
		if out.Outcome == OutcomePushed && out.ContentHash == a.Hash && out.RemoteID == row.RemoteID {
			return nil, nil
		}
		return a, nil // e.g. a refused change was undone: the remote has the current content again
	}
	if reason := holdBack(&e, false, row.EndsAt, r.now, r.p.Store.Zone); reason != "" {
		return held(reason), nil
	}
	if stillRefused {
		a.Op, a.Outcome, a.Reason = OpNone, OutcomeRefused, out.Reason
		return a, nil
	}
	cancel := e.EventStatus == StatusCancelled
	if row.RemoteStatus == StatusCancelled && !cancel && sameInstant(e.StartTime, row.StartsAt) {
		// Linked Events never sets a cancelled event back to scheduled, and only a new start time takes
		// it out of cancelled (as rescheduled): a restored occurrence at its own time is re-created.
		a.Op = OpReplace
		a.NewRemoteID = remoteIDFor(e.ID, a.Generation+1)
		e.ID, e.EventStatus = a.NewRemoteID, StatusScheduled
		a.event = &e
		return a, nil
	}
	a.Op = OpUpdate
	e.ID = row.RemoteID
	switch {
	case cancel:
		e.EventStatus = StatusCancelled // a cancellation is always accepted
	case row.RemoteStatus == StatusCancelled:
		e.EventStatus = "" // left out: a new start time makes a cancelled event rescheduled
	default:
		// Linked Events accepts only the status the event already has (scheduled or rescheduled); a new
		// start time makes it rescheduled.
		e.EventStatus = row.RemoteStatus
	}
	a.event = &e
	return a, nil
}

func sameInstant(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Equal(*b)
}

// send sends creations (bulk POST) or updates (bulk PUT) in batches, linking each to its super event's
// remote id.
func (r *run) send(ctx context.Context, actions []*Action) error {
	size := r.p.BatchSize
	if size <= 0 {
		size = DefaultBatchSize
	}
	for _, a := range actions {
		if a.ParentRemote != "" {
			if a.event.SuperEvent == nil {
				return fmt.Errorf("linked events: %s lost its super event link", a.LocalID)
			}
			a.event.SuperEvent = r.p.Store.ref("event", a.ParentRemote)
		}
	}
	for lo := 0; lo < len(actions); lo += size {
		if err := r.submit(ctx, actions[lo:min(lo+size, len(actions))]); err != nil {
			return err
		}
	}
	return nil
}

// submit sends one batch (all creations or all updates). Linked Events runs a bulk request in one
// transaction and refuses it whole; when its answer names the events it refused, those are recorded as
// refused and the others sent again; when it does not, the batch is split until each refused event is
// found alone. Accepted events are recorded with what the remote made of them. In a dry run nothing is
// sent: the events count as accepted, with the status Linked Events would give them.
func (r *run) submit(ctx context.Context, batch []*Action) error {
	if len(batch) == 0 {
		return nil
	}
	if !r.apply {
		for _, a := range batch {
			a.remote = Remote{ID: a.event.ID}
			r.predict(a)
			r.accepted(a)
		}
		return nil
	}
	body := make([]Event, len(batch))
	for i, a := range batch {
		body[i] = *a.event
	}
	create := batch[0].Op != OpUpdate
	var remotes []Remote
	var err error
	if create {
		remotes, err = r.p.Client.Create(ctx, body)
	} else {
		remotes, err = r.p.Client.Update(ctx, body)
	}
	var re *RemoteError
	switch {
	case err == nil:
		for i, a := range batch {
			a.remote = remotes[i]
			a.Outcome, a.Reason = OutcomePushed, ""
			r.predict(a)
		}
		if err := r.record(ctx, map[bool]string{true: OpCreate, false: OpUpdate}[create], batch); err != nil {
			return fmt.Errorf("linked events: the remote accepted a batch but recording it failed (a rerun may send it again): %w", err)
		}
		for _, a := range batch {
			r.accepted(a)
		}
		r.p.logf("%s %d events", map[bool]string{true: "created", false: "updated"}[create], len(batch))
		return nil
	case !errors.As(err, &re) || !re.Refusal():
		return err
	case re.Items != nil && slices.ContainsFunc(re.Items, func(m string) bool { return m != "" }):
		var rest, refused []*Action
		for i, a := range batch {
			if re.Items[i] == "" {
				rest = append(rest, a)
				continue
			}
			a.Outcome, a.Reason = OutcomeRefused, re.Items[i]
			refused = append(refused, a)
		}
		if err := r.refused(ctx, refused); err != nil {
			return err
		}
		return r.submit(ctx, rest)
	case len(batch) == 1:
		batch[0].Outcome, batch[0].Reason = OutcomeRefused, re.Message
		return r.refused(ctx, batch)
	default:
		half := len(batch) / 2
		if err := r.submit(ctx, batch[:half]); err != nil {
			return err
		}
		return r.submit(ctx, batch[half:])
	}
}

// predict fills in what the remote did not say about an accepted event: its status by Linked Events'
// rules (scheduled when created; kept, or rescheduled by a new start time, when updated) and its times.
func (r *run) predict(a *Action) {
	if a.remote.EventStatus == "" {
		switch {
		case a.Op != OpUpdate:
			a.remote.EventStatus = StatusScheduled
		case a.event.EventStatus == StatusCancelled:
			a.remote.EventStatus = StatusCancelled
		case !sameInstant(a.event.StartTime, r.rows[a.LocalID].StartsAt):
			a.remote.EventStatus = StatusRescheduled
		default:
			a.remote.EventStatus = cmp.Or(a.event.EventStatus, r.rows[a.LocalID].RemoteStatus)
		}
	}
	if a.remote.StartTime == nil {
		a.remote.StartTime = a.event.StartTime
	}
	if a.remote.EndTime == nil {
		a.remote.EndTime = effectiveEnd(a.event, r.p.Store.Zone)
	}
}

// accepted notes an event the remote accepted, so later levels link to it.
func (r *run) accepted(a *Action) {
	a.Outcome = OutcomePushed
	a.Reason = ""
	r.rows[a.LocalID] = pushed{Target: r.plan.Target, LocalID: a.LocalID, ParentID: a.ParentID, Level: a.Level,
		StartsAt: a.remote.StartTime, EndsAt: a.remote.EndTime, RemoteID: a.remote.ID, ContentHash: a.Hash,
		RemoteStatus: a.remote.EventStatus, ParentRemoteID: a.ParentRemote}
	r.plan.Actions = append(r.plan.Actions, *a)
}

// refused records events the remote refused; the run goes on without them.
func (r *run) refused(ctx context.Context, batch []*Action) error {
	for _, a := range batch {
		r.p.logf("refused %s: %s", a.LocalID, a.Reason)
	}
	if err := r.record(ctx, OpNone, batch); err != nil {
		return err
	}
	for _, a := range batch {
		r.plan.Actions = append(r.plan.Actions, *a)
	}
	return nil
}

// lock holds a PostgreSQL session advisory lock for the run, so two pushes never interleave (a second
// one fails at once rather than sending the same events twice).
func (p Publisher) lock(ctx context.Context) (func(), error) {
	sqlDB, err := p.Store.DB.DB()
	if err != nil {
		return nil, err
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("linked events push lock: %w", err)
	}
	h := fnv.New64a()
	_, _ = h.Write([]byte("linked_events_push " + p.target())) // a hash.Hash never returns an error
	//nolint:gosec // G115: the 64 hash bits reinterpreted as PostgreSQL's bigint lock key; wrapping is intended
	key := int64(h.Sum64())

	var ok bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, key).Scan(&ok); err != nil {
		conn.Close()
		return nil, fmt.Errorf("linked events push lock: %w", err)
	}
	if !ok {
		conn.Close()
		return nil, fmt.Errorf("linked events: another publish run to %s is in progress", p.target())
	}
	return func() {
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, key)
		conn.Close()
	}, nil
}
