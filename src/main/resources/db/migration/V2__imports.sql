-- An import of a file into a workspace: its file, options, mapping, review, progress and outcome.
create table import_job (
    workspace_id      bigint not null references workspace (id) on delete cascade,
    id                bigint generated always as identity,
    file_name         text not null,
    source            text not null default 'csv',
    created_by        text not null,
    created_at        timestamptz not null default now(),
    status            text not null check (status in ('uploaded', 'reviewed', 'running', 'completed', 'failed')),
    encoding          text not null,
    delimiter         text not null,
    row_count         int not null,
    size_bytes        bigint not null,
    header            jsonb not null,
    options           jsonb,
    mapping           jsonb,
    reviewed_at       timestamptz,
    review_expires_at timestamptz,
    added             int,
    updated           int,
    skipped           int,
    errors            int,
    rows_done         int not null default 0,
    started_at        timestamptz,
    finished_at       timestamptz,
    failure           text,
    result_expires_at timestamptz,
    result_purged_at  timestamptz,
    primary key (workspace_id, id)
);
-- one import at a time in a workspace
create unique index import_job_one_running on import_job (workspace_id) where status = 'running';
create index import_job_history on import_job (workspace_id, created_at desc);

-- The review's decision for every row, with its values already read and normalised: the import applies it in
-- chunks with set-based SQL. Kept (logged) until the import ends, so a crashed import resumes from it.
create table import_row (
    workspace_id  bigint not null,
    import_id     bigint not null,
    row_no        int not null,
    status        text check (status in ('imported', 'updated', 'skipped', 'error')),
    errors        text,
    ident_key     text,
    contact_id    uuid,
    match_count   int not null default 0,
    new_contact_id uuid,
    has_name      boolean not null default false,
    role          text,
    name          text,
    first_name    text,
    last_name     text,
    email         text,
    email_key     text,
    phone         text,
    user_id       text,
    signed_up_at  timestamptz,
    last_seen_at  timestamptz,
    last_ip       text,
    city          text,
    region        text,
    country       text,
    avatar_url    text,
    language      text,
    custom        jsonb,
    custom_blank  text[],
    tags          text[],
    primary key (workspace_id, import_id, row_no),
    foreign key (workspace_id, import_id) references import_job (workspace_id, id) on delete cascade
);

create table notification (
    workspace_id bigint not null references workspace (id) on delete cascade,
    id           bigint generated always as identity,
    kind         text not null,
    title        text not null,
    message      text not null,
    link         text,
    created_at   timestamptz not null default now(),
    read_at      timestamptz,
    primary key (workspace_id, id)
);
create index notification_unread on notification (workspace_id, created_at desc);

-- Domain events, written in the same transaction as the change they record: the outbox that sync reads.
create table domain_event (
    workspace_id bigint not null references workspace (id) on delete cascade,
    id           bigint generated always as identity,
    type         text not null,
    subject_id   text,
    payload      jsonb not null default '{}'::jsonb,
    occurred_at  timestamptz not null default now(),
    primary key (workspace_id, id)
);
create index domain_event_type on domain_event (workspace_id, type, id);
