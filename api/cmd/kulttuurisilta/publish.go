package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"gorm.io/gorm"

	"kulttuurisilta/api/internal/config"
	"kulttuurisilta/api/internal/linkedevents"
)

// publish runs `publish linked-events --dry-run|--apply [--batch-size N] [--retry-refused]`: it sends new
// and changed public activities to the Linked Events API named by LINKED_EVENTS_API_URL (key
// LINKED_EVENTS_API_KEY, publisher LINKED_EVENTS_PUBLISHER) and deletes the ones that left the export.
// Events that break Linked Events' rules are held back and events it refuses are recorded as refused;
// neither stops the others. See docs/integrations.md and ADRs 0045 and 0049.
func publish(args []string) error {
	if len(args) == 0 || args[0] != "linked-events" {
		return errors.New("publish: say which target: publish linked-events --dry-run|--apply")
	}
	fs := flag.NewFlagSet("publish linked-events", flag.ContinueOnError)
	dry := fs.Bool("dry-run", false, "print what would be sent, held back or refused, and why; send nothing")
	apply := fs.Bool("apply", false, "send the changes")
	batch := fs.Int("batch-size", linkedevents.DefaultBatchSize, "events per bulk request (1-500)")
	retry := fs.Bool("retry-refused", false, "send again the events Linked Events refused even if they have not changed")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *dry == *apply {
		return errors.New("publish linked-events: say exactly one of --dry-run or --apply")
	}
	if *batch < 1 || *batch > 500 {
		return errors.New("publish linked-events: --batch-size must be from 1 to 500")
	}
	client, exportCfg, err := linkedevents.ClientFromEnv(*apply)
	if err != nil {
		return fmt.Errorf("publish linked-events: %w", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	return withDatabase(ctx, openMigrated, func(cfg config.Config, db *gorm.DB) error {
		pub := linkedevents.Publisher{Store: linkedevents.Store{DB: db, Zone: cfg.CalendarZone, Config: exportCfg},
			Client: client, BatchSize: *batch, RetryRefused: *retry, Log: os.Stdout}
		plan, err := pub.Run(ctx, *apply)
		plan.Print(os.Stdout)
		if err != nil {
			return fmt.Errorf("publish linked-events: %w (what was accepted before is recorded; rerun to continue)", err)
		}
		if *dry {
			fmt.Println("dry run: nothing was sent")
		}
		return nil
	})
}
