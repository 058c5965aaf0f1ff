-- Sync: destinations a workspace's domain events are delivered to (webhooks, Klaviyo), and one delivery per
-- event and destination with its state. Fan-out marks each domain_event once; deliveries are claimed with
-- FOR UPDATE SKIP LOCKED.

-- null until the sync worker has fanned the event out to the destinations that existed then
alter table domain_event add column dispatched_at timestamptz;
-- events written before sync existed are history: nothing was subscribed to them
update domain_event set dispatched_at = occurred_at;
create index domain_event_undispatched on domain_event (id) where dispatched_at is null;

create table sync_destination (
    workspace_id  bigint not null references workspace (id) on delete cascade,
    id            bigint generated always as identity,
    kind          text not null check (kind in ('webhook', 'klaviyo')),
    name          text not null,
    -- the webhook's endpoint, or Klaviyo's base URL
    url           text not null,
    -- event types ('contact.created') or families ('contact.*'); checked against the known types when set
    events        text[] not null,
    -- AES-GCM: the webhook's whsec_ secret or Klaviyo's private API key
    secret        bytea not null,
    -- a rotated-out webhook secret, still signed with until previous_secret_until
    previous_secret       bytea,
    previous_secret_until timestamptz,
    status        text not null default 'active' check (status in ('active', 'paused', 'disabled')),
    status_reason text,
    -- since when every attempt failed (null after a success): long failure pauses the destination
    failing_since timestamptz,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    primary key (workspace_id, id)
);

create table sync_delivery (
    workspace_id    bigint not null,
    destination_id  bigint not null,
    event_id        bigint not null,
    -- events with the same key (a contact) reach a destination in event order
    ordering_key    text not null,
    status          text not null check (status in ('pending', 'retrying', 'delivered', 'dead')),
    attempts        int not null default 0,
    next_attempt_at timestamptz not null,
    last_attempt_at timestamptz,
    last_status     int,
    last_response   text,
    delivered_at    timestamptz,
    created_at      timestamptz not null default now(),
    primary key (workspace_id, destination_id, event_id),
    foreign key (workspace_id, destination_id) references sync_destination (workspace_id, id) on delete cascade,
    foreign key (workspace_id, event_id) references domain_event (workspace_id, id) on delete cascade
);
-- the work queue: what is due
create index sync_delivery_due on sync_delivery (next_attempt_at, event_id) where status in ('pending', 'retrying');
-- per-contact order: is an earlier delivery of the same key still open?
create index sync_delivery_open_key on sync_delivery (workspace_id, destination_id, ordering_key, event_id)
    where status in ('pending', 'retrying');
create index sync_delivery_log on sync_delivery (workspace_id, destination_id, event_id desc);
create index sync_delivery_event on sync_delivery (workspace_id, event_id);
