package linkedevents

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/audit"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/paging"
)

// pushed is what the remote has of one exported event (table linked_events_pushes): the id it gave
// it, the hash of the content sent, the status Linked Events stored, the times it was sent with and the
// super event it was linked to.
type pushed struct {
	database.Model
	Target         string
	LocalID        string
	ParentID       string
	Level          int
	StartsAt       *time.Time
	EndsAt         *time.Time
	RemoteID       string
	ContentHash    string
	RemoteStatus   string
	ParentRemoteID string
}

// TableName is the push state table.
func (pushed) TableName() string { return "linked_events_pushes" }

// outcomeRow is an exported event's latest outcome in the pushes to one target (table
// linked_events_outcomes).
type outcomeRow struct {
	database.Model
	Target      string
	LocalID     string
	Kind        string
	ActivityID  *uuid.UUID `gorm:"type:uuid"`
	SeriesID    *uuid.UUID `gorm:"type:uuid"`
	Name        string
	StartsAt    *time.Time
	Outcome     string
	Op          string
	Reason      string
	RemoteID    string
	ContentHash string
	Generation  int
}

// TableName is the push outcomes table.
func (outcomeRow) TableName() string { return "linked_events_outcomes" }

// load reads what the target has and the last outcomes.
func (r *run) load(ctx context.Context) error {
	db := r.p.Store.DB.WithContext(ctx)
	var rows []pushed
	if err := db.Where("target = ?", r.plan.Target).Find(&rows).Error; err != nil {
		return fmt.Errorf("linked events push state: %w", err)
	}
	r.rows = make(map[string]pushed, len(rows))
	for _, row := range rows {
		r.rows[row.LocalID] = row
	}
	var outs []outcomeRow
	if err := db.Where("target = ?", r.plan.Target).Find(&outs).Error; err != nil {
		return fmt.Errorf("linked events push outcomes: %w", err)
	}
	r.outcomes = make(map[string]outcomeRow, len(outs))
	for _, o := range outs {
		r.outcomes[o.LocalID] = o
	}
	return nil
}

type auditItem struct {
	LocalID  string `json:"local_id"`
	RemoteID string `json:"remote_id,omitempty"`
	Outcome  string `json:"outcome"`
	Reason   string `json:"reason,omitempty"`
}

type auditSummary struct {
	Target string      `json:"target"`
	Op     string      `json:"op"`
	Events []auditItem `json:"events"`
}

// outcomeOf is the outcome row an action leaves.
func (r *run) outcomeOf(a *Action) outcomeRow {
	o := r.outcomes[a.LocalID]
	o.Target, o.LocalID, o.Kind, o.ActivityID, o.SeriesID = r.plan.Target, a.LocalID, a.Kind, a.ActivityID, a.SeriesID
	if a.Name != "" {
		o.Name = a.Name
	}
	if a.StartsAt != nil {
		o.StartsAt = a.StartsAt
	}
	o.Outcome, o.Op, o.Reason = a.Outcome, a.Op, a.Reason
	if a.Hash != "" {
		o.ContentHash = a.Hash
	}
	switch a.Outcome {
	case OutcomePushed:
		o.RemoteID, o.Generation = a.remote.ID, max(a.Generation, 1)
		if a.Op == OpNone {
			o.RemoteID = a.RemoteID
		}
	case OutcomeRemoved:
		o.RemoteID, o.Generation = a.RemoteID, max(a.Generation, o.Generation, 1)
	default:
		o.Generation = max(o.Generation, a.Generation)
		if a.Op == OpCreate || a.Op == OpReplace {
			o.Generation = a.Generation - 1 // the id asked for was not taken
		}
		if row, ok := r.rows[a.LocalID]; ok {
			o.RemoteID = row.RemoteID
		} else {
			o.RemoteID = ""
		}
	}
	if o.Kind == "" {
		o.Kind = KindActivity
	}
	return o
}

func sameOutcome(a, b outcomeRow) bool {
	return a.Outcome == b.Outcome && a.Op == b.Op && a.Reason == b.Reason && a.RemoteID == b.RemoteID &&
		a.ContentHash == b.ContentHash && a.Generation == b.Generation && a.Name == b.Name &&
		sameInstant(a.StartsAt, b.StartsAt)
}

// record writes, in one transaction with one audit event, what a step did: the remote state of the
// events accepted or deleted, and the outcome of each event whose outcome changed. op names the step in
// the audit event: create, update, delete, or none (held back, refused, unchanged).
func (r *run) record(ctx context.Context, op string, actions []*Action) error {
	if len(actions) == 0 {
		return nil
	}
	summary := auditSummary{Target: r.plan.Target, Op: op}
	changed := map[string]outcomeRow{}
	err := database.Tx(ctx, r.p.Store.DB, func(tx *gorm.DB) error {
		for _, a := range actions {
			var err error
			switch {
			case a.Outcome == OutcomeRemoved:
				err = tx.Exec(`DELETE FROM linked_events_pushes WHERE target = ? AND local_id = ?`, r.plan.Target, a.LocalID).Error
			case a.Outcome == OutcomePushed && a.Op != OpNone:
				err = tx.Exec(`INSERT INTO linked_events_pushes (id, target, local_id, parent_id, level, starts_at, ends_at,
						remote_id, content_hash, remote_status, parent_remote_id)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
					ON CONFLICT (target, local_id) DO UPDATE SET parent_id = EXCLUDED.parent_id, level = EXCLUDED.level,
						starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, remote_id = EXCLUDED.remote_id,
						content_hash = EXCLUDED.content_hash, remote_status = EXCLUDED.remote_status,
						parent_remote_id = EXCLUDED.parent_remote_id, updated_at = now(), version = linked_events_pushes.version + 1`,
					database.NewID(), r.plan.Target, a.LocalID, a.ParentID, a.Level, utcPtr(a.remote.StartTime),
					utcPtr(a.remote.EndTime), a.remote.ID, a.Hash, a.remote.EventStatus, a.ParentRemote).Error
			}
			if err != nil {
				return fmt.Errorf("linked events push state: %w", err)
			}
			o := r.outcomeOf(a)
			prev, had := r.outcomes[a.LocalID]
			if had && sameOutcome(prev, o) && op == OpNone {
				continue
			}
			if err := tx.Exec(`INSERT INTO linked_events_outcomes (id, target, local_id, kind, activity_id, series_id, name,
					starts_at, outcome, op, reason, remote_id, content_hash, generation)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (target, local_id) DO UPDATE SET kind = EXCLUDED.kind, activity_id = EXCLUDED.activity_id,
					series_id = EXCLUDED.series_id, name = EXCLUDED.name, starts_at = EXCLUDED.starts_at,
					outcome = EXCLUDED.outcome, op = EXCLUDED.op, reason = EXCLUDED.reason, remote_id = EXCLUDED.remote_id,
					content_hash = EXCLUDED.content_hash, generation = EXCLUDED.generation, updated_at = now(),
					version = linked_events_outcomes.version + 1`,
				database.NewID(), o.Target, o.LocalID, o.Kind, o.ActivityID, o.SeriesID, truncate(o.Name, 1000),
				utcPtr(o.StartsAt), o.Outcome, o.Op, truncate(o.Reason, 2000), o.RemoteID, o.ContentHash, o.Generation).Error; err != nil {
				return fmt.Errorf("linked events push outcome: %w", err)
			}
			changed[a.LocalID] = o
			summary.Events = append(summary.Events, auditItem{LocalID: a.LocalID, RemoteID: o.RemoteID, Outcome: o.Outcome, Reason: o.Reason})
		}
		if len(summary.Events) == 0 {
			return nil
		}
		return audit.Record(ctx, tx, "linked_events.push."+op, "linked_events_push", [16]byte{}, nil, summary)
	})
	if err != nil {
		return err
	}
	for id, o := range changed {
		r.outcomes[id] = o
	}
	return nil
}

// prune forgets the outcomes of events that left the export without ever having been in the remote
// (e.g. occurrences held back as past that aged out of the export's window).
func (r *run) prune(ctx context.Context, current map[string]bool) error {
	if !r.apply {
		return nil
	}
	var gone []string
	for id, o := range r.outcomes {
		if _, inRemote := r.rows[id]; !current[id] && !inRemote && o.Generation == 0 && o.Outcome != OutcomePushed {
			gone = append(gone, id)
		}
	}
	if len(gone) == 0 {
		return nil
	}
	return database.Tx(ctx, r.p.Store.DB, func(tx *gorm.DB) error {
		if err := tx.Exec(`DELETE FROM linked_events_outcomes WHERE target = ? AND local_id IN ?`, r.plan.Target, gone).Error; err != nil {
			return fmt.Errorf("linked events push outcomes: %w", err)
		}
		summary := auditSummary{Target: r.plan.Target, Op: "forget"}
		for _, id := range gone {
			summary.Events = append(summary.Events, auditItem{LocalID: id, Outcome: r.outcomes[id].Outcome})
		}
		return audit.Record(ctx, tx, "linked_events.push.forget", "linked_events_push", [16]byte{}, nil, summary)
	})
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// OutcomeFilter narrows the outcome list.
type OutcomeFilter struct {
	Target     string
	ActivityID *uuid.UUID
	SeriesID   *uuid.UUID
	Outcomes   []string
}

// Outcomes lists the latest push outcomes, ordered by target, start and event id.
func (s Store) Outcomes(ctx context.Context, f OutcomeFilter, page paging.Page) ([]outcomeRow, paging.Found, error) {
	q := page.Filter(s.DB.WithContext(ctx).Model(&outcomeRow{}), "linked_events_outcomes")
	q = database.WhereText(q, "target = ?", f.Target)
	q = database.WhereSet(q, "activity_id = ?", f.ActivityID)
	q = database.WhereSet(q, "series_id = ?", f.SeriesID)
	if len(f.Outcomes) > 0 {
		q = q.Where("outcome IN ?", f.Outcomes)
	}
	return paging.Find[outcomeRow](q, page, "target, starts_at NULLS FIRST, local_id")
}
