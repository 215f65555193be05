package database

import (
	"context"

	"gorm.io/gorm"
)

// Tx runs fn in a transaction bound to ctx; it commits when fn returns nil.
func Tx(ctx context.Context, db *gorm.DB, fn func(tx *gorm.DB) error) error {
	return db.WithContext(ctx).Transaction(fn)
}
