package budget

import (
	"context"
	"strconv"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/notify"
)

// What the budget tells people (docs/notifications.md): a month approved
// by every department (the producers, who lock it), a month locked or
// unlocked (the agreement's managers), and approvals withdrawn by a
// change (each manager whose approval fell). Each is sent in the
// transaction of the change.

func (s Store) notify(ctx context.Context, tx *gorm.DB, ev notify.Event) error {
	if s.Notify == nil {
		return nil
	}
	return s.Notify.Notify(ctx, tx, ev)
}

func departmentIDs(a Agreement) []uuid.UUID {
	ids := make([]uuid.UUID, len(a.Departments))
	for i, d := range a.Departments {
		ids[i] = d.DepartmentID
	}
	return ids
}

// periodEvent is an event about a month of an agreement; the key carries
// the period's version after the change, so each change notifies once.
func periodEvent(kind notify.Kind, a Agreement, p Period, to notify.Audience, params notify.Params) notify.Event {
	month := p.Month.Format("2006-01")
	params.Agreement, params.Month = a.Name, month
	return notify.Event{
		Kind: kind, To: to, Params: params, Link: notify.PeriodLink(a.ID, month),
		Key: string(kind) + ":" + p.ID.String() + ":" + strconv.Itoa(p.Version+1),
	}
}

func except(who *access.Principal) *uuid.UUID {
	if who == nil {
		return nil
	}
	id := who.UserID
	return &id
}

// NotifySource is the budget's side of the time-based reminders.
type NotifySource struct{ DB *gorm.DB }

// WaitingMonths implements notify.MonthSource: every month of an agreement
// that ended before day and is not locked, once per party department that
// has not approved it.
func (n NotifySource) WaitingMonths(ctx context.Context, day time.Time) ([]notify.WaitingMonth, error) {
	d := day.Format("2006-01-02")
	var rows []notify.WaitingMonth
	err := n.DB.WithContext(ctx).Raw(`
		SELECT a.id AS agreement_id, a.name AS agreement, to_char(m.month, 'YYYY-MM') AS month,
			ad.department_id, dep.name AS department
		FROM agreements a
		CROSS JOIN LATERAL generate_series(date_trunc('month', a.starts_on),
			date_trunc('month', a.ends_on), interval '1 month') AS m(month)
		JOIN agreement_departments ad ON ad.agreement_id = a.id
		JOIN departments dep ON dep.id = ad.department_id
		LEFT JOIN agreement_periods p ON p.agreement_id = a.id AND p.month = m.month::date
		WHERE a.starts_on < ?::date
			AND (m.month + interval '1 month')::date <= ?::date
			AND COALESCE(p.status, 'open') <> 'locked'
			AND NOT EXISTS (SELECT 1 FROM period_approvals pa
				WHERE pa.period_id = p.id AND pa.department_id = ad.department_id)
		ORDER BY a.name, a.id, m.month, ad.position`, d, d).Scan(&rows).Error
	return rows, err
}

// costChange describes one cost entry's change for the managers whose
// approval it withdrew.
func costChange(what string, c Cost) func(string) notify.Change {
	amount := c.AmountCents
	return func(string) notify.Change {
		return notify.Change{What: what, Description: c.Description, AmountCents: &amount, IncurredOn: c.IncurredOn.String()}
	}
}

// notifyWithdrawn tells each manager whose approval a change withdrew what
// changed (change gives it for the approval's month), in the change's
// transaction.
func (s Store) notifyWithdrawn(ctx context.Context, tx *gorm.DB, a Agreement, withdrawn []WithdrawnApproval, change func(month string) notify.Change) error {
	for _, w := range withdrawn {
		c := change(w.Month)
		err := s.notify(ctx, tx, notify.Event{
			Kind: notify.KindApprovalWithdrawn,
			// One approval is withdrawn once: it is deleted with the change.
			Key:    "approval_withdrawn:" + a.ID.String() + ":" + w.Month + ":" + w.DepartmentID.String() + ":" + strconv.FormatInt(w.At.UnixMicro(), 10),
			To:     notify.Audience{Users: []uuid.UUID{w.UserID}, Except: except(access.FromContext(ctx))},
			Params: notify.Params{Agreement: a.Name, Month: w.Month, Change: &c},
			Link:   notify.PeriodLink(a.ID, w.Month),
		})
		if err != nil {
			return err
		}
	}
	return nil
}
