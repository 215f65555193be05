package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/auth"
	"kulttuurisilta/api/internal/config"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/seed"
)

func migrate(args []string) error {
	cmd := "up"
	if len(args) > 0 {
		cmd = args[0]
	}
	ctx := context.Background()
	return withDatabase(ctx, openDB, func(_ config.Config, db *gorm.DB) error {
		switch cmd {
		case "up":
			return database.MigrateUp(ctx, db)
		case "down":
			return database.MigrateDown(ctx, db)
		case "status":
			lines, err := database.MigrationStatus(ctx, db)
			for _, l := range lines {
				fmt.Println(l)
			}
			return err
		}
		return fmt.Errorf("migrate: unknown subcommand %q (use up, down or status)", cmd)
	})
}

func seedCmd(args []string) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	demo := fs.Bool("demo", false, "load the demo data set")
	scale := fs.String("scale", "", "generate a data set of this scale (region)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !*demo && *scale == "" {
		return errors.New("seed: say --demo or --scale region")
	}
	ctx := context.Background()
	return withDatabase(ctx, openMigrated, func(cfg config.Config, db *gorm.DB) error {
		if *demo {
			if err := seed.Demo(ctx, db, cfg.CalendarZone); err != nil {
				return err
			}
			fmt.Println("demo data loaded; logins (password " + seed.DemoPassword + "):")
			for _, l := range seed.DemoLogins {
				fmt.Printf("  %-28s %s\n", l.Email, l.Role)
			}
		}
		if *scale != "" {
			return seed.Scale(ctx, db, *scale, cfg.CalendarZone, os.Stdout)
		}
		return nil
	})
}

// multiFlag collects a repeated flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }

func user(args []string) error {
	if len(args) == 0 || args[0] != "add" {
		return errors.New("user: use `user add --email E --role R [--department ID] [--unit ID]... --password-stdin`")
	}
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	email := fs.String("email", "", "email (the login)")
	name := fs.String("name", "", "display name")
	role := fs.String("role", "", "admin, producer, manager, mentor or viewer")
	dep := fs.String("department", "", "department id (managers)")
	lang := fs.String("locale", "", "language: fi (default), sv or en")
	stdin := fs.Bool("password-stdin", false, "read the password from standard input")
	var units multiFlag
	fs.Var(&units, "unit", "unit id (mentors; repeat)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if !*stdin {
		return errors.New("user add: pass the password on standard input with --password-stdin")
	}
	pw, err := bufio.NewReader(os.Stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("user add: read password: %w", err)
	}
	in := auth.UserInput{Email: *email, Name: *name, Role: *role, Locale: *lang,
		Password: strings.TrimRight(pw, "\r\n")}
	if *dep != "" {
		id, err := uuid.Parse(*dep)
		if err != nil {
			return fmt.Errorf("user add: --department: %w", err)
		}
		in.DepartmentID = &id
	}
	for _, u := range units {
		id, err := uuid.Parse(u)
		if err != nil {
			return fmt.Errorf("user add: --unit: %w", err)
		}
		in.UnitIDs = append(in.UnitIDs, id)
	}
	ctx := context.Background()
	return withDatabase(ctx, openMigrated, func(_ config.Config, db *gorm.DB) error {
		u, err := auth.Users{DB: db}.Create(ctx, in)
		if err != nil {
			return fmt.Errorf("user add: %w", err)
		}
		fmt.Printf("created user %s (%s, %s)\n", u.ID, u.Email, u.Role)
		return nil
	})
}
