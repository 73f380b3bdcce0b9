-- Publishing: what an attempt to post a candidate intends (so a crash between "Reddit accepted"
-- and "we recorded it" can be reconciled against the account's own submissions), when the
-- candidate was first approved (its place in the queue survives retries), and the credit comment.
ALTER TABLE candidates ADD COLUMN approved_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE candidates ADD COLUMN publish_kind VARCHAR(16);
ALTER TABLE candidates ADD COLUMN publish_title VARCHAR(400);
ALTER TABLE candidates ADD COLUMN publish_target VARCHAR(64);
ALTER TABLE candidates ADD COLUMN publish_started_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE candidates ADD COLUMN publish_asset_id VARCHAR(64);
ALTER TABLE candidates ADD COLUMN publish_dry_run BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE posts ADD COLUMN comment_id VARCHAR(32);
CREATE INDEX ix_posts_posted_at ON posts (posted_at);
