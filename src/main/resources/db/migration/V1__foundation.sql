-- Every table but workspace is keyed by workspace_id first, and every query names one workspace, so the
-- schema can be distributed by workspace (Citus) later without a redesign.

create table workspace (
    id              bigint generated always as identity primary key,
    name            text not null unique,
    default_country text check (default_country ~ '^[A-Z]{2}$'),
    created_at      timestamptz not null default now()
);

-- Tokens are random and long, so a fast hash (SHA-256) is enough; the secret itself is never stored.
create table api_token (
    workspace_id bigint not null references workspace (id) on delete cascade,
    id           bigint generated always as identity,
    token_hash   bytea not null,
    label        text,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz,
    primary key (workspace_id, id),
    unique (workspace_id, token_hash)
);

create table contact (
    workspace_id  bigint not null references workspace (id) on delete cascade,
    id            uuid not null default gen_random_uuid(),
    role          text not null default 'user' check (role in ('user', 'lead')),
    name          text,
    first_name    text,
    last_name     text,
    email         text,
    -- the email as it is matched: lower-cased by Porter itself, so matching does not depend on the server's locale
    email_key     text,
    phone         text check (phone ~ '^\+[1-9][0-9]{6,14}$'),
    user_id       text,
    signed_up_at  timestamptz,
    last_seen_at  timestamptz,
    last_ip       text,
    city          text,
    region        text,
    country       text,
    avatar_url    text,
    language      text,
    custom_attributes jsonb not null default '{}'::jsonb,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    primary key (workspace_id, id)
);
create index contact_email_idx on contact (workspace_id, email_key) where email_key is not null;
create index contact_phone_idx on contact (workspace_id, phone) where phone is not null;
create index contact_user_id_idx on contact (workspace_id, user_id) where user_id is not null;
create index contact_created_idx on contact (workspace_id, created_at, id);

create table custom_field (
    workspace_id bigint not null references workspace (id) on delete cascade,
    id           bigint generated always as identity,
    key          text not null check (key ~ '^[a-z][a-z0-9_]{0,62}$'),
    label        text not null,
    type         text not null check (type in ('text', 'number', 'boolean', 'date')),
    created_at   timestamptz not null default now(),
    primary key (workspace_id, id),
    unique (workspace_id, key)
);

create table tag (
    workspace_id bigint not null references workspace (id) on delete cascade,
    id           bigint generated always as identity,
    name         text not null check (length(btrim(name)) > 0),
    created_at   timestamptz not null default now(),
    primary key (workspace_id, id),
    unique (workspace_id, name)
);

create table contact_tag (
    workspace_id bigint not null,
    contact_id   uuid not null,
    tag_id       bigint not null,
    created_at   timestamptz not null default now(),
    primary key (workspace_id, contact_id, tag_id),
    foreign key (workspace_id, contact_id) references contact (workspace_id, id) on delete cascade,
    foreign key (workspace_id, tag_id) references tag (workspace_id, id) on delete cascade
);
create index contact_tag_tag_idx on contact_tag (workspace_id, tag_id);

create table contact_event (
    workspace_id bigint not null,
    id           bigint generated always as identity,
    contact_id   uuid not null,
    name         text not null,
    occurred_at  timestamptz not null,
    metadata     jsonb not null default '{}'::jsonb,
    created_at   timestamptz not null default now(),
    primary key (workspace_id, id),
    foreign key (workspace_id, contact_id) references contact (workspace_id, id) on delete cascade
);
create index contact_event_contact_idx on contact_event (workspace_id, contact_id, occurred_at desc);
