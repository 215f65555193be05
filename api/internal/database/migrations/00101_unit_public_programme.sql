-- +goose Up
-- A unit publishes its programme page (GET /programme/{unit_id}, issue 18)
-- only when the producer or an admin turns this on.
ALTER TABLE units ADD COLUMN public_programme boolean NOT NULL DEFAULT false;

-- +goose Down
ALTER TABLE units DROP COLUMN public_programme;
