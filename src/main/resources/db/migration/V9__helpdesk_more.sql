-- Per-workspace attachment policy: files that run code (.exe, .js, ...) are refused unless the workspace allows them,
-- and allowing them needs an explicit acknowledgement of the risk, recorded with when it was given.
create table attachment_setting (
    workspace_id         bigint primary key references workspace (id) on delete cascade,
    allow_blocked_types  boolean not null default false,
    risk_acknowledged_at timestamptz,
    updated_at           timestamptz not null default now(),
    check (not allow_blocked_types or risk_acknowledged_at is not null)
);
