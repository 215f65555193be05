-- +goose Up
-- Each user's language (issue 18): the SPA starts in it, and emails and PDFs
-- made for the user are written in it. ISO 639-1, Finnish by default.
ALTER TABLE users ADD COLUMN locale text NOT NULL DEFAULT 'fi'
    CONSTRAINT users_locale_check CHECK (locale IN ('fi', 'sv', 'en'));

-- +goose Down
ALTER TABLE users DROP COLUMN locale;
