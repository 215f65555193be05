package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"kulttuurisilta/api/internal/config"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/linkedevents"
)

// publish runs `publish linked-events --dry-run|--apply [--batch-size N]`: it sends new and changed public
// activities to the Linked Events API named by LINKED_EVENTS_API_URL (key LINKED_EVENTS_API_KEY) and
// deletes the ones that left the export. See docs/integrations.md and ADR 0045.
func publish(args []string) error {
	if len(args) == 0 || args[0] != "linked-events" {
		return errors.New("publish: say which target: publish linked-events --dry-run|--apply")
	}
	fs := flag.NewFlagSet("publish linked-events", flag.ContinueOnError)
	dry := fs.Bool("dry-run", false, "print what would be sent, send nothing")
	apply := fs.Bool("apply", false, "send the changes")
	batch := fs.Int("batch-size", linkedevents.DefaultBatchSize, "events per bulk request (1-500)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *dry == *apply {
		return errors.New("publish linked-events: say exactly one of --dry-run or --apply")
	}
	if *batch < 1 || *batch > 500 {
		return errors.New("publish linked-events: --batch-size must be from 1 to 500")
	}
	client, err := linkedevents.ClientFromEnv(*apply)
	if err != nil {
		return fmt.Errorf("publish linked-events: %w", err)
	}
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer database.Close(db)
	if err := database.MigrateUp(ctx, db); err != nil {
		return err
	}
	exportCfg := linkedevents.ConfigFromEnv()
	exportCfg.APIURL = client.BaseURL // links point into the API the events are sent to
	pub := linkedevents.Publisher{Store: linkedevents.Store{DB: db, Zone: cfg.CalendarZone, Config: exportCfg},
		Client: client, BatchSize: *batch, Log: os.Stdout}
	plan, err := pub.Run(ctx, *apply)
	plan.Print(os.Stdout)
	if err != nil {
		return fmt.Errorf("publish linked-events: %w (batches accepted before the failure are recorded; rerun to continue)", err)
	}
	if *dry {
		fmt.Println("dry run: nothing was sent")
	}
	return nil
}
