package budget

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/paging"
)

// CostChange is one change of a month's costs, read from the audit log.
type CostChange struct {
	CostID uuid.UUID `json:"cost_id"`
	Action string    `json:"action" enums:"created,updated,deleted"`
	At     time.Time `json:"at"`
	// By is the user (or API token's owner) who made the change; null for
	// the system.
	By     *uuid.UUID `json:"by" extensions:"x-nullable"`
	ByName string     `json:"by_name"`
	// Before and After are the entry with its allocations before and
	// after the change (null for created / deleted).
	Before *CostEntry `json:"before" extensions:"x-nullable"`
	After  *CostEntry `json:"after" extensions:"x-nullable"`
}

// ChangesResponse lists a month's cost changes since a point in time.
type ChangesResponse struct {
	Items []CostChange `json:"items"`
	// As paging.ListDoc: on the first page unless ?total=false.
	Total *int64 `json:"total,omitempty" validate:"optional"`
	// As paging.ListDoc: true when total is the database's estimate.
	TotalIsEstimate *bool `json:"total_is_estimate,omitempty" validate:"optional"`
	// As paging.ListDoc: the next page's ?cursor=, null on the last.
	NextCursor *string `json:"next_cursor" extensions:"x-nullable"`
	// Since is where the list starts: the ?since= given, else the
	// caller's department's last approval of the month (a manager), else
	// the month's last approval by anyone; null: from the beginning.
	Since *time.Time `json:"since" extensions:"x-nullable"`
	// SinceApprovalBy names whose approval "since" is, when it is one.
	SinceApprovalBy string `json:"since_approval_by"`
}

var changeActions = map[string]string{"cost.create": "created", "cost.import": "created", "cost.update": "updated", "cost.delete": "deleted"}

// lastApproval finds when the month was last approved, from the audit
// log (approvals themselves are deleted when withdrawn): by the
// department when dep is set, else by anyone. It returns the time and the
// approver's name.
func (s Store) lastApproval(ctx context.Context, periodID uuid.UUID, dep *uuid.UUID) (*time.Time, string, error) {
	q := s.DB.WithContext(ctx).Table("audit_events e").
		Select("e.created_at, COALESCE(NULLIF(u.name, ''), u.email, '') AS name").
		Joins("LEFT JOIN users u ON u.id = e.actor_id").
		Where("e.entity_type = 'agreement_period' AND e.entity_id = ? AND e.action = 'period.approve'", periodID)
	if dep != nil {
		// The event whose approval list gained the department.
		d, _ := json.Marshal([]map[string]string{{"department_id": dep.String()}})
		q = q.Where("e.after -> 'approvals' @> ?::jsonb AND NOT COALESCE(e.before -> 'approvals' @> ?::jsonb, false)", string(d), string(d))
	}
	var rows []struct {
		CreatedAt time.Time
		Name      string
	}
	if err := q.Order("e.created_at DESC, e.id DESC").Limit(1).Scan(&rows).Error; err != nil {
		return nil, "", err
	}
	if len(rows) == 0 {
		return nil, "", nil
	}
	t := rows[0].CreatedAt.UTC()
	return &t, rows[0].Name, nil
}

// changeRow is an audit event of a cost as the changes list reads it.
type changeRow struct {
	ID        uuid.UUID
	EntityID  uuid.UUID
	Action    string
	CreatedAt time.Time
	ActorID   *uuid.UUID
	Name      string
	Before    []byte
	After     []byte
}

// Changes lists the cost changes of a month of an agreement after since
// (default: the last approval, see ChangesResponse.Since), oldest first.
func (s Store) Changes(ctx context.Context, agreementID uuid.UUID, month civil.Date, since *time.Time, who *access.Principal,
	page paging.Page) (ChangesResponse, error) {
	out := ChangesResponse{Items: []CostChange{}}
	p, _, err := s.GetPeriod(ctx, agreementID, month)
	if err != nil {
		return out, err
	}
	if since != nil {
		t := since.UTC()
		out.Since = &t
	} else if p.ID != uuid.Nil {
		if out.Since, out.SinceApprovalBy, err = s.lastApproval(ctx, p.ID, approverDepartment(who)); err != nil {
			return out, err
		}
	}
	m, aid := month.Format("2006-01"), agreementID.String()
	q := s.DB.WithContext(ctx).Table("audit_events e").
		Where("e.entity_type = 'cost' AND e.action IN ('cost.create', 'cost.import', 'cost.update', 'cost.delete')").
		Where("((e.after ->> 'agreement_id') = ? AND left(e.after ->> 'incurred_on', 7) = ?) OR ((e.before ->> 'agreement_id') = ? AND left(e.before ->> 'incurred_on', 7) = ?)",
			aid, m, aid, m)
	if out.Since != nil {
		q = q.Where("e.created_at > ?", *out.Since)
	}
	rows, found, err := paging.Find[changeRow](q.Select("e.id, e.entity_id, e.action, e.created_at, e.actor_id, COALESCE(NULLIF(u.name, ''), u.email, '') AS name, e.before, e.after").
		Joins("LEFT JOIN users u ON u.id = e.actor_id"), page, "e.created_at, e.id")
	if err != nil {
		return out, err
	}
	out.Total, out.TotalIsEstimate, out.NextCursor = found.TotalPtr(), found.EstimatePtr(), found.NextPtr()
	for _, r := range rows {
		ch := CostChange{CostID: r.EntityID, Action: changeActions[r.Action], At: r.CreatedAt.UTC(), By: r.ActorID, ByName: r.Name}
		if len(r.Before) > 0 && string(r.Before) != "null" {
			ch.Before = &CostEntry{}
			if err := json.Unmarshal(r.Before, ch.Before); err != nil {
				return out, err
			}
		}
		if len(r.After) > 0 && string(r.After) != "null" {
			ch.After = &CostEntry{}
			if err := json.Unmarshal(r.After, ch.After); err != nil {
				return out, err
			}
		}
		out.Items = append(out.Items, ch)
	}
	return out, nil
}
