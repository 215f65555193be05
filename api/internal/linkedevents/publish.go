package linkedevents

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"kulttuurisilta/api/internal/audit"
	"kulttuurisilta/api/internal/database"
)

// Push operations.
const (
	OpCreate = "create"
	OpUpdate = "update"
	OpDelete = "delete"
)

// DefaultBatchSize is how many events one bulk request carries.
const DefaultBatchSize = 50

// pushed is what was sent of one exported event to one target API (table linked_events_pushes).
type pushed struct {
	database.Model
	Target      string
	LocalID     string
	ParentID    string
	Level       int
	StartsAt    *time.Time
	RemoteID    string
	ContentHash string
}

// TableName is the push state table.
func (pushed) TableName() string { return "linked_events_pushes" }

// Action is one step of a push: create, update or delete one event.
type Action struct {
	Op       string
	LocalID  string
	RemoteID string // update, delete
	ParentID string // the local id of the event's super event, if any
	Level    int    // 0 series (umbrella), 1 activity, 2 occurrence of a recurring activity
	Name     string
	StartsAt *time.Time
	Hash     string
	event    *Event
}

// Plan is what a push would do.
type Plan struct {
	Target    string
	Actions   []Action
	Unchanged int
}

// Count is how many actions of op the plan has.
func (p Plan) Count(op string) int {
	n := 0
	for _, a := range p.Actions {
		if a.Op == op {
			n++
		}
	}
	return n
}

// Print writes the plan, one line per action, then a summary.
func (p Plan) Print(w io.Writer) {
	for _, a := range p.Actions {
		line := fmt.Sprintf("%-6s %s", a.Op, a.LocalID)
		if a.RemoteID != "" && a.RemoteID != a.LocalID {
			line += " (remote " + a.RemoteID + ")"
		}
		if a.Name != "" {
			line += "  " + a.Name
		}
		fmt.Fprintln(w, line)
	}
	fmt.Fprintf(w, "%s: %d to create, %d to update, %d to delete, %d unchanged\n", p.Target,
		p.Count(OpCreate), p.Count(OpUpdate), p.Count(OpDelete), p.Unchanged)
}

// Publisher pushes the export to a Linked Events API, remembering what it sent so that a rerun sends only
// new, changed and removed events (ADR 0045).
type Publisher struct {
	Store     Store
	Client    Client
	BatchSize int
	// Log receives a line per batch sent; nil discards them.
	Log io.Writer
}

func (p Publisher) target() string { return strings.TrimSuffix(p.Client.BaseURL, "/") }

func (p Publisher) logf(format string, args ...any) {
	if p.Log != nil {
		fmt.Fprintf(p.Log, format+"\n", args...)
	}
}

// contentHash is the SHA-256 of what is sent, without the fields that change without the content
// changing (last_modified_time) or that the remote computes itself (sub_events).
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

// localID is the event id inside a link to it ("<api>/event/<id>/"), or "".
func (p Publisher) localID(r *Ref) string {
	if r == nil {
		return ""
	}
	prefix := strings.TrimSuffix(p.Store.Config.APIURL, "/") + "/event/"
	return strings.TrimSuffix(strings.TrimPrefix(r.ID, prefix), "/")
}

// Plan compares the current export with what was sent to the target.
func (p Publisher) Plan(ctx context.Context) (Plan, error) {
	plan := Plan{Target: p.target()}
	events, err := p.Store.Events(ctx, nil)
	if err != nil {
		return plan, err
	}
	var rows []pushed
	if err := p.Store.DB.WithContext(ctx).Where("target = ?", plan.Target).Find(&rows).Error; err != nil {
		return plan, fmt.Errorf("linked events push state: %w", err)
	}
	sent := make(map[string]pushed, len(rows))
	for _, r := range rows {
		sent[r.LocalID] = r
	}
	umbrellas := map[string]bool{}
	for _, e := range events {
		if e.SuperEventType != nil && *e.SuperEventType == "umbrella" {
			umbrellas[e.ID] = true
		}
	}
	current := map[string]bool{}
	for i := range events {
		e := events[i]
		if e.Deleted {
			continue
		}
		current[e.ID] = true
		a := Action{LocalID: e.ID, ParentID: p.localID(e.SuperEvent), Name: e.Name["fi"], StartsAt: e.StartTime, Level: 1}
		switch {
		case umbrellas[e.ID]:
			a.Level = 0
		case a.ParentID != "" && !umbrellas[a.ParentID]:
			a.Level = 2
		}
		e.SubEvents = nil // the remote derives them from each sub-event's super_event
		if a.Hash, err = contentHash(e); err != nil {
			return plan, fmt.Errorf("linked events hash %s: %w", e.ID, err)
		}
		a.event = &e
		prev, ok := sent[e.ID]
		switch {
		case !ok:
			a.Op = OpCreate
		case prev.ContentHash != a.Hash:
			a.Op, a.RemoteID = OpUpdate, prev.RemoteID
		default:
			plan.Unchanged++
			continue
		}
		plan.Actions = append(plan.Actions, a)
	}
	cutoff := p.Store.now().Add(-HorizonPast)
	for _, r := range rows {
		if current[r.LocalID] {
			continue
		}
		// An occurrence that only aged out of the export's window stays as a past event.
		if r.Level == 2 && current[r.ParentID] && r.StartsAt != nil && r.StartsAt.Before(cutoff) {
			continue
		}
		plan.Actions = append(plan.Actions, Action{Op: OpDelete, LocalID: r.LocalID, RemoteID: r.RemoteID,
			ParentID: r.ParentID, Level: r.Level, StartsAt: r.StartsAt})
	}
	// List the actions in the order apply carries them out.
	slices.SortStableFunc(plan.Actions, func(a, b Action) int { return cmp.Compare(a.rank(), b.rank()) })
	return plan, nil
}

// rank orders actions as apply runs them: deletions children first, then creations and updates parents first.
func (a Action) rank() int {
	if a.Op == OpDelete {
		return 2 - a.Level
	}
	r := 3 + 2*a.Level
	if a.Op == OpUpdate {
		r++
	}
	return r
}

// apply carries the plan out (under the lock of Run): deletions first (occurrences, then activities, then series), then creations
// and updates level by level (series, activities, occurrences) so every super event exists before the
// events that point to it. Each bulk request is one batch; its events are recorded as sent, in one
// transaction with an audit event, only after the remote accepted the whole batch. The first refused
// batch stops the run with nothing of it recorded, so a rerun retries it.
func (p Publisher) apply(ctx context.Context, plan Plan) error {
	remote := map[string]string{}
	var rows []pushed
	if err := p.Store.DB.WithContext(ctx).Where("target = ?", plan.Target).Find(&rows).Error; err != nil {
		return fmt.Errorf("linked events push state: %w", err)
	}
	for _, r := range rows {
		remote[r.LocalID] = r.RemoteID
	}
	for level := 2; level >= 0; level-- {
		for _, a := range plan.Actions {
			if a.Op != OpDelete || a.Level != level {
				continue
			}
			if err := p.Client.Delete(ctx, a.RemoteID); err != nil {
				return err
			}
			if err := p.record(ctx, plan.Target, OpDelete, []Action{a}); err != nil {
				return err
			}
			delete(remote, a.LocalID)
			p.logf("deleted %s", a.LocalID)
		}
	}
	size := p.BatchSize
	if size <= 0 {
		size = DefaultBatchSize
	}
	for level := 0; level <= 2; level++ {
		for _, op := range []string{OpCreate, OpUpdate} {
			var todo []Action
			for _, a := range plan.Actions {
				if a.Op == op && a.Level == level {
					todo = append(todo, a)
				}
			}
			for lo := 0; lo < len(todo); lo += size {
				batch := todo[lo:min(lo+size, len(todo))]
				if err := p.send(ctx, plan.Target, op, batch, remote); err != nil {
					return err
				}
				p.logf("%sd %d events (level %d)", op, len(batch), level)
			}
		}
	}
	return nil
}

// send sends one batch of creations or updates and records it when the remote accepted it.
func (p Publisher) send(ctx context.Context, target, op string, batch []Action, remote map[string]string) error {
	body := make([]Event, len(batch))
	for i, a := range batch {
		e := *a.event
		if a.ParentID != "" {
			rid, ok := remote[a.ParentID]
			if !ok {
				return fmt.Errorf("linked events: %s: its super event %s has not been sent", a.LocalID, a.ParentID)
			}
			e.SuperEvent = p.Store.ref("event", rid)
		}
		if op == OpUpdate {
			e.ID = a.RemoteID
		}
		body[i] = e
	}
	if op == OpCreate {
		ids, err := p.Client.Create(ctx, body)
		if err != nil {
			return err
		}
		for i := range batch {
			batch[i].RemoteID = ids[i]
		}
	} else if err := p.Client.Update(ctx, body); err != nil {
		return err
	}
	if err := p.record(ctx, target, op, batch); err != nil {
		return fmt.Errorf("linked events: the remote accepted a batch but recording it failed (a rerun may send it again): %w", err)
	}
	for _, a := range batch {
		remote[a.LocalID] = a.RemoteID
	}
	return nil
}

type batchAudit struct {
	Target string      `json:"target"`
	Op     string      `json:"op"`
	Events []batchItem `json:"events"`
}

type batchItem struct {
	LocalID  string `json:"local_id"`
	RemoteID string `json:"remote_id"`
}

// record writes one accepted batch to the push state, with an audit event, in one transaction.
func (p Publisher) record(ctx context.Context, target, op string, batch []Action) error {
	return database.Tx(ctx, p.Store.DB, func(tx *gorm.DB) error {
		summary := batchAudit{Target: target, Op: op}
		for _, a := range batch {
			summary.Events = append(summary.Events, batchItem{LocalID: a.LocalID, RemoteID: a.RemoteID})
			var err error
			switch op {
			case OpDelete:
				err = tx.Exec(`DELETE FROM linked_events_pushes WHERE target = ? AND local_id = ?`, target, a.LocalID).Error
			default:
				err = tx.Exec(`INSERT INTO linked_events_pushes (id, target, local_id, parent_id, level, starts_at, remote_id, content_hash)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?)
					ON CONFLICT (target, local_id) DO UPDATE SET parent_id = EXCLUDED.parent_id, level = EXCLUDED.level,
						starts_at = EXCLUDED.starts_at, remote_id = EXCLUDED.remote_id, content_hash = EXCLUDED.content_hash,
						updated_at = now(), version = linked_events_pushes.version + 1`,
					database.NewID(), target, a.LocalID, a.ParentID, a.Level, utcPtr(a.StartsAt), a.RemoteID, a.Hash).Error
			}
			if err != nil {
				return fmt.Errorf("linked events push state: %w", err)
			}
		}
		return audit.Record(ctx, tx, "linked_events.push."+op, "linked_events_push", [16]byte{}, nil, summary)
	})
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
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
	h.Write([]byte("linked_events_push " + p.target()))
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

// Run plans and, when apply, carries the plan out, holding the run lock from planning to the end. The
// plan is returned either way; a dry run (apply false) neither sends nor records anything.
func (p Publisher) Run(ctx context.Context, apply bool) (Plan, error) {
	if !apply {
		return p.Plan(ctx)
	}
	unlock, err := p.lock(ctx)
	if err != nil {
		return Plan{Target: p.target()}, err
	}
	defer unlock()
	plan, err := p.Plan(ctx)
	if err != nil {
		return plan, err
	}
	return plan, p.apply(ctx, plan)
}
