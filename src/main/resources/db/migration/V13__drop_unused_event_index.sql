-- No query reads domain_event by type: the fan-out reads undispatched events by id (domain_event_undispatched)
-- and deliveries join events by key. The index cost every event its upkeep, and an import writes one event per
-- contact it creates or updates.
drop index domain_event_type;
