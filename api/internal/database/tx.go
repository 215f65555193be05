package database

import (
	"context"
	"database/sql"
	"fmt"

	"gorm.io/gorm"
)

// Tx runs fn in a transaction bound to ctx; it commits when fn returns nil.
func Tx(ctx context.Context, db *gorm.DB, fn func(tx *gorm.DB) error) error {
	return db.WithContext(ctx).Transaction(fn)
}

// SQLTx is the database/sql transaction under a GORM transaction (the
// tx of Tx's fn), so another library (River) can write in the same
// transaction. It fails when tx is not inside a transaction.
func SQLTx(tx *gorm.DB) (*sql.Tx, error) {
	if t, ok := tx.Statement.ConnPool.(*sql.Tx); ok {
		return t, nil
	}
	return nil, fmt.Errorf("database: %T is not a transaction", tx.Statement.ConnPool)
}
