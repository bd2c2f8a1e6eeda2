// Package migrations holds the schema as goose SQL migrations, embedded in the binary: `server migrate` applies
// them (internal/database.Migrate), so an image or a deploy needs no SQL files beside it. A new one is a file named
// <timestamp>_<name>.sql with `-- +goose Up` and `-- +goose Down` sections (`goose create <name> sql` writes one).
package migrations

import "embed"

// FS is every migration, in the order of the version at the start of its name.
//
//go:embed *.sql
var FS embed.FS
