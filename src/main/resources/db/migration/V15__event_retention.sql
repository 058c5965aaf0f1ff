-- Events are deleted when they are past porter.sync.keep-for (OutboxRetention), found by when they occurred. Events
-- are appended in time order, so a BRIN index (a few pages for millions of rows) finds the old ones; a b-tree on
-- occurred_at would be one more index entry for each of an import's 200,000 events.
create index domain_event_occurred on domain_event using brin (occurred_at);
