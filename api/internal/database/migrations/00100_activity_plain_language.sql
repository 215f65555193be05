-- +goose Up
-- Plain-language texts of an activity (issue 18): selkokieli in Finnish and
-- lättläst in Swedish, shown first on the public programme and the print.
-- Stored like the translations of 00040: one column per language, '' = none.
ALTER TABLE activities
    ADD COLUMN plain_language_fi text NOT NULL DEFAULT '' CHECK (length(plain_language_fi) <= 2000),
    ADD COLUMN plain_language_sv text NOT NULL DEFAULT '' CHECK (length(plain_language_sv) <= 2000);

-- +goose Down
ALTER TABLE activities DROP COLUMN plain_language_fi, DROP COLUMN plain_language_sv;
