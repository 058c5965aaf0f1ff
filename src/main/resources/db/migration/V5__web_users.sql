-- People who sign in to the web pages. A user belongs to workspaces with a role in each; the API keeps its tokens.
create table app_user (
    id            bigint generated always as identity primary key,
    -- lower-cased by Porter, so signing in does not depend on the server's locale
    email         text not null unique,
    password_hash text not null,
    created_at    timestamptz not null default now()
);

create table workspace_member (
    workspace_id bigint not null references workspace (id) on delete cascade,
    user_id      bigint not null references app_user (id) on delete cascade,
    role         text not null check (role in ('owner', 'admin', 'agent')),
    created_at   timestamptz not null default now(),
    primary key (workspace_id, user_id)
);
create index workspace_member_user on workspace_member (user_id);
