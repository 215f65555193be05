// Command kulttuurisilta is the Kulttuurisilta API server and its admin
// tools: serve, migrate, seed and user add. It only parses the command line
// and wires the packages together.
//
//	@title						Kulttuurisilta API
//	@version					1.0
//	@description				Culture committees, the shared culture calendar and the joint budget of a care-culture programme. Errors are RFC 9457 problem+json; lists are paginated with limit/offset and filter by updated_since; single resources carry an ETag from their version, and changes honour If-Match.
//	@BasePath					/api/v1
//	@securityDefinitions.apikey	BearerAuth
//	@in							header
//	@name						Authorization
//	@description				"Bearer <access token>" from /auth/login, or "Bearer <API token>".
package main

import (
	"fmt"
	"os"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "kulttuurisilta:", err)
		os.Exit(1)
	}
}

const usage = `usage: kulttuurisilta <command>

commands:
  serve                          run migrations and serve the API
  migrate [up|down|status]       manage the database schema
  seed --demo                    load the demo data set (idempotent)
  seed --scale region            generate a region-sized data set
  user add --email E --role R [--name N] [--locale fi|sv|en] [--department ID] [--unit ID]... --password-stdin
  publish linked-events --dry-run|--apply [--batch-size N] [--retry-refused]
                                 send public activities to LINKED_EVENTS_API_URL
`

func run(args []string) error {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, usage)
		return fmt.Errorf("no command")
	}
	switch args[0] {
	case "serve":
		return serve()
	case "migrate":
		return migrate(args[1:])
	case "seed":
		return seedCmd(args[1:])
	case "user":
		return user(args[1:])
	case "publish":
		return publish(args[1:])
	case "help", "-h", "--help":
		fmt.Print(usage)
		return nil
	}
	fmt.Fprint(os.Stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}
