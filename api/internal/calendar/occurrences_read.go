package calendar

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/database"
)

// reader runs the calendar's read queries. Outside a transaction it holds
// one pooled connection's pgx connection in a read-only repeatable-read
// transaction (binary protocol, no database/sql conversions: rows of the
// hot path are scanned straight into fixed-size values); inside a caller's
// transaction it uses that one through database/sql.
type reader struct {
	ctx  context.Context
	pgx  pgx.Tx        // the pgx path
	pool gorm.ConnPool // the database/sql path
}

// withReader runs fn with a reader over one consistent state of the database.
func (s Store) withReader(ctx context.Context, fn func(r *reader) error) error {
	db := s.DB.WithContext(ctx)
	if database.InTx(db) {
		return fn(&reader{ctx: ctx, pool: db.Statement.ConnPool})
	}
	return database.ReadSnapshot(ctx, db, func(tx pgx.Tx) error { return fn(&reader{ctx: ctx, pgx: tx}) })
}

// query runs q with $n placeholders and calls row for every row with the
// function that scans it.
func (r *reader) query(q string, args []any, row func(scan func(dest ...any) error) error) error {
	if r.pgx != nil {
		rows, err := r.pgx.Query(r.ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		return eachRow(rows, row)
	}
	rows, err := r.pool.QueryContext(r.ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	return eachRow(rows, row)
}

// eachRow calls row for every row of rows (pgx's or database/sql's).
func eachRow(rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}, row func(scan func(dest ...any) error) error) error {
	for rows.Next() {
		if err := row(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}

// args collects query arguments and names their $n placeholders.
type args []any

func (a *args) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

// candidateSQL selects the activities that may have occurrences in the
// range: those whose span [starts_at, until_at) overlaps it (GiST index),
// and those with an occurrence moved into it from outside their span.
func candidateSQL(f OccurrenceFilter, cols string) (string, []any) {
	var a args
	from, to := a.add(f.From.UTC()), a.add(f.To.UTC())
	shift := a.add(f.From.UTC().Add(-MaxOverrideShift))
	var where []string
	if len(f.UnitIDs) > 0 {
		// Drive from the unit index when a unit is asked for: a unit has few activities.
		where = append(where, `a.id IN (SELECT au.activity_id FROM activity_units au WHERE au.unit_id = ANY(`+
			a.add(f.UnitIDs)+`::uuid[]))`)
	}
	if f.ActivityID != nil {
		where = append(where, `a.id = `+a.add(*f.ActivityID)+`::uuid`)
	}
	if f.ExcludeActivityID != nil {
		where = append(where, `a.id <> `+a.add(*f.ExcludeActivityID)+`::uuid`)
	}
	if f.only != nil {
		where = append(where, `a.id = ANY(`+a.add(f.only)+`::uuid[])`)
	}
	if len(f.PartnerIDs) > 0 {
		where = append(where, `a.id IN (SELECT ap.activity_id FROM activity_partners ap WHERE ap.partner_id = ANY(`+
			a.add(f.PartnerIDs)+`::uuid[]))`)
	}
	if len(f.Categories) > 0 {
		where = append(where, `a.category = ANY(`+a.add(f.Categories)+`::text[])`)
	}
	if len(f.Statuses) > 0 {
		cond := `a.status = ANY(` + a.add(f.Statuses) + `::text[])`
		for _, st := range f.Statuses {
			if st == StatusCancelled {
				cond = `(` + cond + ` OR EXISTS (SELECT 1 FROM occurrence_overrides o2 WHERE o2.activity_id = a.id AND o2.cancelled))`
				break
			}
		}
		where = append(where, cond)
	}
	if len(f.TargetGroups) > 0 {
		where = append(where, `a.target_groups && `+a.add(f.TargetGroups)+`::text[]`)
	}
	if f.SeriesID != nil {
		where = append(where, `a.series_id = `+a.add(*f.SeriesID)+`::uuid`)
	}
	if f.Visibility != "" {
		where = append(where, `a.visibility = `+a.add(f.Visibility))
	}
	filters := ""
	if len(where) > 0 {
		filters = ` AND ` + strings.Join(where, ` AND `)
	}
	span := `tstzrange(a.starts_at, a.until_at, '[)') && tstzrange(` + from + `, ` + to + `, '[)')`
	return `SELECT ` + cols + ` FROM activities a WHERE ` + span + filters + `
		UNION ALL
		SELECT ` + cols + ` FROM activities a
		WHERE a.id IN (SELECT o.activity_id FROM occurrence_overrides o WHERE o.starts_at < ` + to + ` AND o.starts_at > ` + shift +
		` AND o.ends_at > ` + from + `)
		AND NOT (` + span + `)` + filters, a
}

// candidates reads the candidate activities of f; light reads only
// lightColumns (enough to expand, filter, sort and count).
func (r *reader) candidates(f OccurrenceFilter, light bool) ([]candidate, error) {
	cols := candidateColumns
	if light {
		cols = lightColumns
	}
	q, a := candidateSQL(f, cols)
	out := make([]candidate, 0, 1024)
	err := r.query(q, a, func(scan func(...any) error) error {
		out = append(out, candidate{})
		return r.scanCandidate(scan, &out[len(out)-1], light)
	})
	return out, err
}

// details reads every column of the activities ids.
func (r *reader) details(ids IDs) ([]candidate, error) {
	var out []candidate
	err := r.query(`SELECT `+candidateColumns+` FROM activities a WHERE a.id = ANY($1::uuid[])`, []any{ids},
		func(scan func(...any) error) error {
			out = append(out, candidate{})
			return r.scanCandidate(scan, &out[len(out)-1], false)
		})
	return out, err
}

// scanCandidate reads one row of candidateColumns (or lightColumns) by
// position: pgx scans into fixed-size values, database/sql into scanners.
func (r *reader) scanCandidate(scan func(...any) error, c *candidate, light bool) error {
	if !light {
		c.details = &details{}
	}
	if r.pgx == nil {
		dest := []any{&c.ID, &c.StartsAt, &c.EndsAt, &c.Recurrence, &c.Exdates, &c.Status, &c.UpdatedAt}
		if !light {
			dest = append(dest, &c.Title, &c.Description, &c.Category, &c.SeriesID, &c.TargetGroups, &c.Accessibility,
				&c.Capacity, &c.Visibility, &c.Version, &c.UnitIDs, &c.PartnerIDs)
		}
		return scan(dest...)
	}
	var ex []time.Time
	id := (*[16]byte)(&c.ID)
	if light {
		if err := scan(id, &c.StartsAt, &c.EndsAt, &c.Recurrence, &ex, &c.Status, &c.UpdatedAt); err != nil {
			return err
		}
		c.Exdates = ex
		return nil
	}
	var series pgtype.UUID
	var targets []string
	var units, partners [][16]byte
	if err := scan(id, &c.StartsAt, &c.EndsAt, &c.Recurrence, &ex, &c.Status, &c.UpdatedAt,
		&c.Title, &c.Description, &c.Category, &series, &targets, &c.Accessibility,
		&c.Capacity, &c.Visibility, &c.Version, &units, &partners); err != nil {
		return err
	}
	c.Exdates, c.TargetGroups = ex, targets
	if series.Valid {
		sid := uuid.UUID(series.Bytes)
		c.SeriesID = &sid
	}
	c.UnitIDs, c.PartnerIDs = toIDs(units), toIDs(partners)
	return nil
}

func toIDs(b [][16]byte) IDs {
	out := make(IDs, len(b))
	for i := range b {
		out[i] = b[i]
	}
	return out
}

// overrides loads the overrides of occurrences that are, or were, in the
// range (of one activity, when f.ActivityID is set; of f.only's, when set).
func (r *reader) overrides(f OccurrenceFilter) ([]Override, error) {
	from, to := f.From.UTC(), f.To.UTC()
	shift := from.Add(-MaxOverrideShift)
	q := `SELECT id, created_at, updated_at, version, activity_id, original_start, starts_at, ends_at, cancelled, note
		FROM occurrence_overrides
		WHERE ((original_start >= $1 AND original_start < $2) OR (starts_at < $2 AND starts_at > $1 AND ends_at > $3))`
	a := []any{shift, to, from}
	if f.ActivityID != nil {
		q += ` AND activity_id = $4::uuid`
		a = append(a, *f.ActivityID)
	} else if f.only != nil {
		q += ` AND activity_id = ANY($4::uuid[])`
		a = append(a, f.only)
	}
	var out []Override
	err := r.query(q, a, func(scan func(...any) error) error {
		var o Override
		var id, act any = &o.ID, &o.ActivityID
		if r.pgx != nil {
			id, act = (*[16]byte)(&o.ID), (*[16]byte)(&o.ActivityID)
		}
		if err := scan(id, &o.CreatedAt, &o.UpdatedAt, &o.Version, act, &o.OriginalStart, &o.StartsAt, &o.EndsAt,
			&o.Cancelled, &o.Note); err != nil {
			return err
		}
		out = append(out, o)
		return nil
	})
	return out, err
}

// loadDetails reads every column of the page's activities that the set
// holds light, by candidate index; the set is not changed (a kept one is
// shared).
func (r *reader) loadDetails(set *occurrenceSet, page []slot) (map[int32]*candidate, error) {
	at := make(map[uuid.UUID]int32, len(page))
	ids := make(IDs, 0, len(page))
	for _, sl := range page {
		i := set.order[sl.rank]
		if c := &set.cands[i]; c.details == nil {
			if _, ok := at[c.ID]; !ok {
				at[c.ID] = i
				ids = append(ids, c.ID)
			}
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := r.details(ids)
	if err != nil {
		return nil, err
	}
	full := make(map[int32]*candidate, len(rows))
	for k := range rows {
		if i, ok := at[rows[k].ID]; ok {
			full[i] = &rows[k]
			delete(at, rows[k].ID)
		}
	}
	if len(at) > 0 {
		return nil, errors.New("activities vanished from the snapshot")
	}
	return full, nil
}
