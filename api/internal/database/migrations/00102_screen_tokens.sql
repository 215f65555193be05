-- +goose Up
-- Screen tokens (issue 18): a unit's lobby info screen opens with a token in
-- its URL. They are feed tokens of another purpose (one home for random
-- secrets stored as hashes, revocation and last use): always for one unit,
-- never accepted by the .ics feed, and a feed token never opens a screen.
ALTER TABLE feed_tokens ADD COLUMN purpose text NOT NULL DEFAULT 'feed'
    CONSTRAINT feed_tokens_purpose_check CHECK (purpose IN ('feed', 'screen'));
ALTER TABLE feed_tokens ADD CONSTRAINT feed_tokens_screen_unit CHECK (purpose <> 'screen' OR scope = 'unit');
CREATE INDEX feed_tokens_screen_unit_idx ON feed_tokens (unit_id, created_at DESC) WHERE purpose = 'screen';

-- +goose Down
DROP INDEX feed_tokens_screen_unit_idx;
ALTER TABLE feed_tokens DROP CONSTRAINT feed_tokens_screen_unit;
ALTER TABLE feed_tokens DROP COLUMN purpose;
