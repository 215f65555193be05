package budget

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/notify"
	"kulttuurisilta/api/internal/paging"
	"kulttuurisilta/api/internal/versioned"
)

// monthOf returns the first day of d's month.
func monthOf(d civil.Date) civil.Date {
	return civil.Date{Time: time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)}
}

// monthsOf lists the months an agreement covers.
func monthsOf(a Agreement) []civil.Date {
	var out []civil.Date
	for m := monthOf(a.StartsOn); !m.After(a.EndsOn.Time); m = (civil.Date{Time: m.AddDate(0, 1, 0)}) {
		out = append(out, m)
	}
	return out
}

func inAgreement(a Agreement, month civil.Date) bool {
	return !month.Before(monthOf(a.StartsOn).Time) && !month.After(a.EndsOn.Time)
}

// virtualPeriod is a month nothing has happened to yet: open, version 1,
// exactly the row that would be created for it.
func virtualPeriod(agreementID uuid.UUID, month civil.Date) Period {
	return Period{Model: database.Model{Version: 1}, AgreementID: agreementID, Month: month, Status: StatusOpen}
}

func loadApprovals(tx *gorm.DB, periods []*Period) error {
	ids := make([]uuid.UUID, 0, len(periods))
	byID := map[uuid.UUID]*Period{}
	for _, p := range periods {
		if p.ID != uuid.Nil {
			ids = append(ids, p.ID)
			byID[p.ID] = p
		}
		p.Approvals = []Approval{}
	}
	if len(ids) == 0 {
		return nil
	}
	var rows []Approval
	// One query for every period's approvals, the approver's name joined in.
	err := tx.Table("period_approvals AS pa").
		Select("pa.period_id, pa.department_id, pa.user_id, pa.at, COALESCE(NULLIF(u.name, ''), u.email) AS user_name").
		Joins("JOIN users u ON u.id = pa.user_id").
		Where("pa.period_id IN ?", ids).Order("pa.at, pa.department_id").Find(&rows).Error
	if err != nil {
		return err
	}
	for _, r := range rows {
		byID[r.PeriodID].Approvals = append(byID[r.PeriodID].Approvals, r)
	}
	return nil
}

// lockPeriods locks the rows of the given months of an agreement (creating
// the missing ones), in month order so concurrent writers never deadlock,
// and returns them with their approvals. The caller holds the agreement
// row (FOR SHARE or FOR UPDATE) already.
func lockPeriods(tx *gorm.DB, agreementID uuid.UUID, months []civil.Date) ([]Period, error) {
	months = slices.Clone(months)
	slices.SortFunc(months, func(a, b civil.Date) int { return a.Compare(b.Time) })
	months = slices.CompactFunc(months, func(a, b civil.Date) bool { return a.Equal(b.Time) })
	rows := make([]Period, len(months))
	for i, m := range months {
		rows[i] = Period{Model: database.Model{ID: database.NewID(), Version: 1}, AgreementID: agreementID, Month: m, Status: StatusOpen}
	}
	if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Omit("Approvals").Create(&rows).Error; err != nil {
		return nil, err
	}
	var out []Period
	if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("agreement_id = ? AND month IN ?", agreementID, months).
		Order("month").Find(&out).Error; err != nil {
		return nil, err
	}
	list := make([]*Period, len(out))
	for i := range out {
		list[i] = &out[i]
	}
	return out, loadApprovals(tx, list)
}

// withdrawApprovals takes away the approvals of months whose costs or
// shares changed: each approved month goes back to open, and the change is
// audited (period.reopen). The periods must be locked FOR UPDATE by the
// caller's transaction. It returns the approvals that fell, in month and
// approval order: the cost and agreement writes report them to the client
// (withdrawn_approvals), and whatever must follow a withdrawal (a
// notification) hooks in here, inside the same transaction.
func withdrawApprovals(ctx context.Context, tx *gorm.DB, periods []*Period) ([]WithdrawnApproval, error) {
	out := []WithdrawnApproval{}
	for _, p := range periods {
		locked := *p
		after, err := versioned.UpdateIn(ctx, tx, versioned.Write[Period]{
			Lock: func(*gorm.DB) (Period, error) { return locked, nil },
			Apply: func(tx *gorm.DB, p *Period) error {
				if len(p.Approvals) == 0 && p.Status == StatusOpen {
					return versioned.ErrNoChange
				}
				if err := tx.Where("period_id = ?", p.ID).Delete(&Approval{}).Error; err != nil {
					return err
				}
				for _, a := range p.Approvals {
					out = append(out, WithdrawnApproval{Month: p.Month.Format("2006-01"), DepartmentID: a.DepartmentID,
						UserID: a.UserID, UserName: a.UserName, At: a.At.UTC()})
				}
				p.Approvals = []Approval{}
				p.Status = StatusOpen
				return nil
			},
			Save:   savePeriod,
			Action: "period.reopen", Entity: "agreement_period", View: versioned.View(toPeriodResponse)})
		if err != nil {
			return nil, err
		}
		*p = after
	}
	return out, nil
}

// savePeriod writes a month's row (its approvals are rows of their own).
func savePeriod(tx *gorm.DB, p *Period) error { return tx.Omit("Approvals").Save(p).Error }

// touchMonths is called by every change to costs: it refuses the change
// when one of the months is locked (409) and withdraws their approvals,
// returning those that fell.
//
// A month that is open without approvals (nearly always, while costs are
// being written) is locked FOR SHARE, so concurrent writers of one month
// share its row and none waits for another; an approval, a lock or an
// unlock takes the row FOR UPDATE and so still waits for the writers in
// flight, and they for it (ADR 0032). Only when approvals must be withdrawn
// does a writer take the rows FOR UPDATE, as those steps do.
func touchMonths(ctx context.Context, tx *gorm.DB, agreementID uuid.UUID, dates ...civil.Date) ([]WithdrawnApproval, error) {
	months := make([]civil.Date, len(dates))
	for i, d := range dates {
		months[i] = monthOf(d)
	}
	slices.SortFunc(months, func(a, b civil.Date) int { return a.Compare(b.Time) })
	months = slices.CompactFunc(months, func(a, b civil.Date) bool { return a.Equal(b.Time) })
	ids := make(database.Array[uuid.UUID], len(months))
	days := make(database.Array[string], len(months))
	for i, m := range months {
		ids[i], days[i] = database.NewID(), m.String()
	}
	type state struct {
		ID       uuid.UUID
		Version  int
		Status   string
		Approved bool
	}
	// Create the months' rows (a new one is open without approvals) and read them, without locking.
	var seen []state
	if err := tx.Raw(`WITH created AS (
			INSERT INTO agreement_periods (id, agreement_id, month) SELECT x.id, ?, x.month
			FROM unnest(?::uuid[], ?::date[]) AS x(id, month) ON CONFLICT (agreement_id, month) DO NOTHING)
		SELECT p.id, p.version, p.status, EXISTS (SELECT 1 FROM period_approvals a WHERE a.period_id = p.id) AS approved
		FROM agreement_periods p WHERE p.agreement_id = ? AND p.month = ANY (?::date[])`,
		agreementID, ids, days, agreementID, days).Scan(&seen).Error; err != nil {
		return nil, err
	}
	quiet := true
	for _, p := range seen {
		quiet = quiet && p.Status == StatusOpen && !p.Approved
	}
	if quiet {
		// The share lock is taken under a savepoint: when the months turn out
		// to have changed, rolling back to it releases the share lock before
		// the rows are taken FOR UPDATE. Upgrading a held share lock would
		// deadlock two writers that both saw a change (each waits for the
		// other's share).
		if err := tx.SavePoint("touch_months").Error; err != nil {
			return nil, err
		}
		var locked []state
		if err := tx.Raw(`SELECT id, version, status FROM agreement_periods WHERE agreement_id = ? AND month = ANY (?::date[])
			ORDER BY month FOR SHARE`, agreementID, days).Scan(&locked).Error; err != nil {
			return nil, err
		}
		// Unchanged since read (an approval or a step would have raised the version) and none created meanwhile
		// by another writer that could hold approvals: nothing to withdraw.
		unchanged := len(locked) == len(months)
		for _, l := range locked {
			i := slices.IndexFunc(seen, func(s state) bool { return s.ID == l.ID })
			unchanged = unchanged && l.Status == StatusOpen && (i >= 0 && seen[i].Version == l.Version || i < 0 && l.Version == 1)
		}
		if unchanged {
			return []WithdrawnApproval{}, nil
		}
		if err := tx.RollbackTo("touch_months").Error; err != nil {
			return nil, err
		}
	}
	periods, err := lockPeriods(tx, agreementID, months)
	if err != nil {
		return nil, err
	}
	for _, p := range periods {
		if p.Status == StatusLocked {
			return nil, lockedConflict(p.Month)
		}
	}
	list := make([]*Period, len(periods))
	for i := range periods {
		list[i] = &periods[i]
	}
	return withdrawApprovals(ctx, tx, list)
}

// lockedConflict is the 409 of a change to a locked month.
func lockedConflict(month civil.Date) error {
	return conflictCode(CodeMonthLocked, "%s is locked; its costs cannot change (an admin can unlock it with a reason)", month.Format("2006-01"))
}

// reopenAll withdraws the approvals of every month of an agreement (its
// shares changed) and returns them. The caller has made sure no month is
// locked.
func reopenAll(ctx context.Context, tx *gorm.DB, agreementID uuid.UUID) ([]WithdrawnApproval, error) {
	var periods []Period
	if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("agreement_id = ?", agreementID).Order("month").Find(&periods).Error; err != nil {
		return nil, err
	}
	list := make([]*Period, len(periods))
	for i := range periods {
		list[i] = &periods[i]
	}
	if err := loadApprovals(tx, list); err != nil {
		return nil, err
	}
	return withdrawApprovals(ctx, tx, list)
}

// GetPeriod returns a month of an agreement, with the agreement.
func (s Store) GetPeriod(ctx context.Context, agreementID uuid.UUID, month civil.Date) (Period, Agreement, error) {
	db := s.DB.WithContext(ctx)
	a, err := loadAgreement(db, agreementID, lockNone)
	if err != nil {
		return Period{}, a, err
	}
	if !inAgreement(a, month) {
		return Period{}, a, apperr.NotFound("period")
	}
	var rows []Period
	if err := db.Where("agreement_id = ? AND month = ?", agreementID, month).Find(&rows).Error; err != nil {
		return Period{}, a, err
	}
	p := virtualPeriod(agreementID, month)
	if len(rows) == 1 {
		p = rows[0]
	}
	return p, a, loadApprovals(db, []*Period{&p})
}

// ListPeriods returns the months of an agreement in order, with the agreement.
func (s Store) ListPeriods(ctx context.Context, agreementID uuid.UUID, page paging.Page) ([]Period, Agreement, paging.Found, error) {
	db := s.DB.WithContext(ctx)
	a, err := loadAgreement(db, agreementID, lockNone)
	if err != nil {
		return nil, a, paging.Found{}, err
	}
	var rows []Period
	if err := page.Filter(db.Where("agreement_id = ?", agreementID), "agreement_periods").Find(&rows).Error; err != nil {
		return nil, a, paging.Found{}, err
	}
	byMonth := map[string]Period{}
	for _, r := range rows {
		byMonth[r.Month.String()] = r
	}
	var all []Period
	for _, m := range monthsOf(a) {
		if r, ok := byMonth[m.String()]; ok {
			all = append(all, r)
		} else if page.UpdatedSince == nil {
			all = append(all, virtualPeriod(agreementID, m))
		}
	}
	all, total, err := paging.Slice(all, page)
	if err != nil {
		return nil, a, total, err
	}
	list := make([]*Period, len(all))
	for i := range all {
		list[i] = &all[i]
	}
	return all, a, total, loadApprovals(db, list)
}

// periodStep is the versioned write of a month: it locks the agreement
// (FOR SHARE) and the month, and runs step on it, audited as action (with
// reason, if any, beside the month's representation after). step returns
// versioned.ErrNoChange when the month stays as it is.
func (s Store) periodStep(ctx context.Context, agreementID uuid.UUID, month civil.Date, ifMatch *int, action string, reason any,
	step func(tx *gorm.DB, a Agreement, p *Period) error) (Period, Agreement, error) {
	var a Agreement
	w := versioned.Write[Period]{IfMatch: ifMatch,
		Lock: func(tx *gorm.DB) (Period, error) {
			var err error
			if a, err = loadAgreement(tx, agreementID, lockShare); err != nil {
				return Period{}, err
			}
			if !inAgreement(a, month) {
				return Period{}, apperr.NotFound("period")
			}
			periods, err := lockPeriods(tx, agreementID, []civil.Date{month})
			if err != nil {
				return Period{}, err
			}
			return periods[0], nil
		},
		Apply:  func(tx *gorm.DB, p *Period) error { return step(tx, a, p) },
		Save:   savePeriod,
		After:  func(tx *gorm.DB, _ Period, p *Period) error { return loadApprovals(tx, []*Period{p}) },
		Action: action, Entity: "agreement_period", View: versioned.View(toPeriodResponse)}
	if reason != nil {
		w.AfterView = func(p Period) (any, error) {
			return map[string]any{"period": toPeriodResponse(p), "reason": reason}, nil
		}
	}
	p, err := versioned.Update(ctx, s.DB, w)
	return p, a, err
}

// Approve records the manager's approval of a month for their department;
// when every department of the agreement has approved, the month becomes
// approved. Approving again changes nothing.
func (s Store) Approve(ctx context.Context, agreementID uuid.UUID, month civil.Date, ifMatch *int, who *access.Principal) (Period, Agreement, error) {
	return s.periodStep(ctx, agreementID, month, ifMatch, "period.approve", nil, func(tx *gorm.DB, a Agreement, p *Period) error {
		if a.position(*who.DepartmentID) < 0 {
			return apperr.Forbidden("your department is not part of this agreement")
		}
		if p.Status == StatusLocked {
			return conflictCode(CodeMonthLocked, "%s is locked already", p.Month.Format("2006-01"))
		}
		if from := approvableFrom(p.Month); s.today().Before(from.Time) {
			return conflictCode(CodeMonthNotEnded, "%s has not ended yet: a month can be approved from the first day after it, %s",
				p.Month.Format("2006-01"), from).With("approvable_from", from.String())
		}
		for _, ap := range p.Approvals {
			if ap.DepartmentID == *who.DepartmentID {
				return versioned.ErrNoChange
			}
		}
		now := time.Now().UTC().Truncate(time.Microsecond)
		if err := tx.Create(&Approval{PeriodID: p.ID, DepartmentID: *who.DepartmentID, UserID: who.UserID, At: now}).Error; err != nil {
			return err
		}
		if len(p.Approvals)+1 == len(a.Departments) {
			p.Status = StatusApproved
			ev := periodEvent(notify.KindMonthApproved, a, *p, notify.Audience{Roles: []access.Role{access.RoleProducer}}, notify.Params{})
			return s.notify(ctx, tx, ev)
		}
		return nil
	})
}

// Lock locks an approved month: from then on its costs and the
// agreement's shares cannot change.
func (s Store) Lock(ctx context.Context, agreementID uuid.UUID, month civil.Date, ifMatch *int, who *access.Principal) (Period, Agreement, error) {
	return s.periodStep(ctx, agreementID, month, ifMatch, "period.lock", nil, func(tx *gorm.DB, a Agreement, p *Period) error {
		switch p.Status {
		case StatusLocked:
			return conflictCode(CodeMonthLocked, "%s is locked already", p.Month.Format("2006-01"))
		case StatusOpen:
			return conflictCode(CodeMonthNotApproved, "%s is not approved by every department yet: waiting for %s",
				p.Month.Format("2006-01"), strings.Join(waitingNames(a, *p), ", "))
		}
		now := time.Now().UTC().Truncate(time.Microsecond)
		uid := who.UserID
		p.Status, p.LockedAt, p.LockedBy = StatusLocked, &now, &uid
		// The lock freezes the month into its next invoicing basis.
		if _, err := buildBasis(ctx, tx, a, *p); err != nil {
			return err
		}
		return s.notify(ctx, tx, periodEvent(notify.KindMonthLocked, a, *p,
			notify.Audience{DepartmentManagers: departmentIDs(a), Except: except(who)}, notify.Params{}))
	})
}

// Unlock reopens a locked month; its approvals are withdrawn and the
// reason is kept in the audit log.
func (s Store) Unlock(ctx context.Context, agreementID uuid.UUID, month civil.Date, ifMatch *int, reason string) (Period, Agreement, error) {
	return s.periodStep(ctx, agreementID, month, ifMatch, "period.unlock", reason, func(tx *gorm.DB, a Agreement, p *Period) error {
		if p.Status != StatusLocked {
			return conflictCode(CodeMonthNotLocked, "%s is not locked", p.Month.Format("2006-01"))
		}
		if err := tx.Where("period_id = ?", p.ID).Delete(&Approval{}).Error; err != nil {
			return err
		}
		p.Status, p.LockedAt, p.LockedBy = StatusOpen, nil, nil
		return s.notify(ctx, tx, periodEvent(notify.KindMonthUnlocked, a, *p, notify.Audience{DepartmentManagers: departmentIDs(a),
			Except: except(access.FromContext(ctx))}, notify.Params{Reason: reason}))
	})
}

// LockedMonths returns which of the entries' months are locked, by entry.
func (s Store) LockedMonths(ctx context.Context, rows []Cost) (map[uuid.UUID]bool, error) {
	out := map[uuid.UUID]bool{}
	if len(rows) == 0 {
		return out, nil
	}
	ids := map[uuid.UUID]bool{}
	var agreements []uuid.UUID
	for _, c := range rows {
		if !ids[c.AgreementID] {
			ids[c.AgreementID] = true
			agreements = append(agreements, c.AgreementID)
		}
	}
	var locked []Period
	if err := s.DB.WithContext(ctx).Select("agreement_id", "month").
		Where("agreement_id IN ? AND status = ?", agreements, StatusLocked).Find(&locked).Error; err != nil {
		return nil, err
	}
	for _, c := range rows {
		m := monthOf(c.IncurredOn)
		out[c.ID] = slices.ContainsFunc(locked, func(p Period) bool { return p.AgreementID == c.AgreementID && p.Month.Equal(m.Time) })
	}
	return out, nil
}
