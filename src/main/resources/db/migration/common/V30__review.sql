-- Review: reminders, how often a candidate has been sent to review, the nearest known image
-- (filled by the dedup check when it is close but not a duplicate).
ALTER TABLE candidates ADD COLUMN review_reminded_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE candidates ADD COLUMN review_rounds INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE candidates ADD COLUMN nearest_image_id BIGINT;
ALTER TABLE candidates ADD COLUMN nearest_distance INTEGER;
CREATE INDEX ix_candidates_review_message ON candidates (review_message_id);
CREATE INDEX ix_review_decisions_reviewer ON review_decisions (reviewer, decided_at);
