-- Migrations from other help desks (Intercom, Zendesk, Freshdesk) out of their export files.

-- An export as uploaded (or a folder named on the command line), with what its scan counted.
create table migration_source (
    workspace_id   bigint not null references workspace (id) on delete cascade,
    id             bigint generated always as identity,
    system         text not null check (system in ('intercom', 'zendesk', 'freshdesk')),
    file_name      text not null,
    -- where the export is read from: a file Porter keeps (uploads) or a path given on the command line
    location       text not null,
    created_by     text not null,
    created_at     timestamptz not null default now(),
    scan           jsonb,
    -- the latest updated_at of any record in the export: the next delta run starts after it
    max_updated_at timestamptz,
    options        jsonb not null default '{}'::jsonb,
    primary key (workspace_id, id)
);
create index migration_source_history on migration_source (workspace_id, created_at desc);

-- One run over an export: a demo on a sample, the full run, or a delta.
create table migration_run (
    workspace_id  bigint not null,
    id            bigint generated always as identity,
    source_id     bigint not null,
    system        text not null,
    kind          text not null check (kind in ('demo', 'full', 'delta')),
    status        text not null check (status in ('running', 'completed', 'failed')),
    options       jsonb not null,
    demo_size     int,
    -- delta runs take records updated after this time
    since         timestamptz,
    -- the export's latest updated_at, which the next delta starts from
    high_water    timestamptz,
    stage         text,
    stage_done    int not null default 0,
    records_done  bigint not null default 0,
    records_total bigint not null default 0,
    created_by    text not null,
    created_at    timestamptz not null default now(),
    finished_at   timestamptz,
    failure       text,
    primary key (workspace_id, id),
    foreign key (workspace_id, source_id) references migration_source (workspace_id, id) on delete cascade
);
-- one migration run at a time in a workspace
create unique index migration_run_one_running on migration_run (workspace_id) where status = 'running';
create index migration_run_history on migration_run (workspace_id, created_at desc);

-- Every record a migration brought, by its id in the source: re-running updates in place, never duplicates.
create table migration_id_map (
    workspace_id      bigint not null references workspace (id) on delete cascade,
    source_system     text not null,
    record_type       text not null,
    source_id         text not null,
    porter_id         bigint,
    porter_uuid       uuid,
    -- true when the migration created the Porter record (false: matched an existing one, e.g. by email)
    created           boolean not null,
    -- true while only a demo run has brought it: 'delete demo records' removes these
    demo              boolean not null,
    source_updated_at timestamptz,
    first_run_id      bigint not null,
    last_run_id       bigint not null,
    primary key (workspace_id, source_system, record_type, source_id)
);
create index migration_id_map_demo on migration_id_map (workspace_id, source_system, demo) where demo;

-- The report of a run: one row per record (parts and translations are counted on their parent).
create table migration_report_row (
    workspace_id bigint not null,
    run_id       bigint not null,
    seq          bigint generated always as identity,
    record_type  text not null,
    source_id    text not null,
    porter_id    text,
    status       text not null check (status in ('migrated', 'failed', 'skipped')),
    reason       text,
    children     text,
    primary key (workspace_id, run_id, record_type, source_id),
    foreign key (workspace_id, run_id) references migration_run (workspace_id, id) on delete cascade
);

-- Totals per record type of a run, parts included.
create table migration_run_total (
    workspace_id bigint not null,
    run_id       bigint not null,
    record_type  text not null,
    migrated     int not null default 0,
    failed       int not null default 0,
    skipped      int not null default 0,
    primary key (workspace_id, run_id, record_type),
    foreign key (workspace_id, run_id) references migration_run (workspace_id, id) on delete cascade
);
