package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"gorm.io/gorm"

	"kulttuurisilta/api/internal/app"
	"kulttuurisilta/api/internal/auth"
	"kulttuurisilta/api/internal/config"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/linkedevents"
	"kulttuurisilta/api/internal/notify"
)

func newLogger(format string) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(os.Stdout, nil))
	}
	return slog.New(slog.NewTextHandler(os.Stdout, nil))
}

func openDB(ctx context.Context, cfg config.Config) (*gorm.DB, error) {
	return database.Open(ctx, cfg.DatabaseURL, database.Options{
		MaxOpenConns: cfg.DBMaxConns, StatementTimeout: cfg.StatementTimeout})
}

// openMigrated opens the database of cfg and brings its schema up to date;
// the caller closes it.
func openMigrated(ctx context.Context, cfg config.Config) (*gorm.DB, error) {
	db, err := openDB(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := database.MigrateUp(ctx, db); err != nil {
		database.Close(db)
		return nil, err
	}
	return db, nil
}

// withDatabase loads the configuration, opens its database with open
// (openDB, or openMigrated to bring the schema up to date first), runs fn
// with both and closes the database: the frame of every command that works
// on the database.
func withDatabase(ctx context.Context, open func(context.Context, config.Config) (*gorm.DB, error),
	fn func(config.Config, *gorm.DB) error) error {
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	db, err := open(ctx, cfg)
	if err != nil {
		return err
	}
	defer database.Close(db)
	return fn(cfg, db)
}

func serve() error {
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	if err := linkedevents.CheckEnv(); err != nil {
		return err
	}
	log := newLogger(cfg.LogFormat)
	slog.SetDefault(log)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	db, err := openMigrated(ctx, cfg)
	if err != nil {
		return err
	}
	defer database.Close(db)
	authCfg := auth.DefaultConfig([]byte(cfg.JWTSecret))
	notifier, err := app.NewNotifier(db, cfg.CalendarZone, notify.Config{SMTPURL: cfg.SMTPURL, MailFrom: cfg.MailFrom,
		PublicBaseURL: cfg.PublicBaseURL, Secret: authCfg.Secret, Logger: log})
	if err != nil {
		return err
	}
	log.Info("notifications: " + notifier.Describe())
	// The job workers run until shutdown, on a context of their own so
	// SIGTERM stops them after the HTTP server drained (Stop below).
	if err := notifier.Start(context.WithoutCancel(ctx)); err != nil {
		return err
	}
	e := app.New(app.Deps{DB: db, Logger: log, Auth: authCfg, Notify: notifier, CalendarZone: cfg.CalendarZone,
		CORSOrigins: cfg.CORSOrigins, TrustedProxies: cfg.TrustedProxies, SPADir: cfg.SPADir})
	srv := httpapi.Server(cfg.ListenAddr, e)

	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	log.Info("serving", "addr", "http://"+cfg.ListenAddr, "env", cfg.AppEnv)

	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	// SIGTERM: stop accepting, let requests in flight finish, then exit.
	log.Info("shutting down", "timeout", cfg.ShutdownTimeout.String())
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	// Running jobs finish within the same timeout; one still running then
	// is cancelled: its transaction rolls back and River retries it.
	if err := notifier.Stop(shutdownCtx); err != nil {
		log.Warn("notification jobs stopped", "error", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}
