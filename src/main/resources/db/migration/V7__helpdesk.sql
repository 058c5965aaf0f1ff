-- Help-desk data: teammates, teams, companies, conversations and tickets with their parts, the knowledge base.
-- As everywhere, workspace_id leads every key and every foreign key, so the tables can be distributed by workspace.

-- Teammates are the workspace's members (V5): a name for people, and whether they are active. A teammate brought in
-- by a migration may have no password (and so cannot sign in) until someone sets one.
alter table app_user add column name text;
alter table app_user alter column password_hash drop not null;
alter table workspace_member add column active boolean not null default true;

create table team (
    workspace_id bigint not null references workspace (id) on delete cascade,
    id           bigint generated always as identity,
    name         text not null check (length(btrim(name)) > 0),
    created_at   timestamptz not null default now(),
    primary key (workspace_id, id),
    unique (workspace_id, name)
);

create table team_member (
    workspace_id bigint not null,
    team_id      bigint not null,
    user_id      bigint not null,
    primary key (workspace_id, team_id, user_id),
    foreign key (workspace_id, team_id) references team (workspace_id, id) on delete cascade,
    foreign key (workspace_id, user_id) references workspace_member (workspace_id, user_id) on delete cascade
);

create table company (
    workspace_id      bigint not null references workspace (id) on delete cascade,
    id                bigint generated always as identity,
    name              text not null,
    external_id       text,
    website           text,
    industry          text,
    size              int,
    custom_attributes jsonb not null default '{}'::jsonb,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    primary key (workspace_id, id)
);
create index company_external_idx on company (workspace_id, external_id) where external_id is not null;

create table contact_company (
    workspace_id bigint not null,
    contact_id   uuid not null,
    company_id   bigint not null,
    primary key (workspace_id, contact_id, company_id),
    foreign key (workspace_id, contact_id) references contact (workspace_id, id) on delete cascade,
    foreign key (workspace_id, company_id) references company (workspace_id, id) on delete cascade
);
create index contact_company_company_idx on contact_company (workspace_id, company_id);

create table conversation (
    workspace_id      bigint not null references workspace (id) on delete cascade,
    id                bigint generated always as identity,
    title             text,
    state             text not null default 'open' check (state in ('open', 'closed', 'snoozed')),
    snoozed_until     timestamptz,
    waiting_since     timestamptz,
    priority          boolean not null default false,
    contact_id        uuid,
    assignee_user_id  bigint,
    team_id           bigint,
    -- the channel it came through (email, chat, phone, ...) and how (customer_initiated, admin_initiated, ...)
    source_type       text,
    delivered_as      text,
    custom_attributes jsonb not null default '{}'::jsonb,
    rating            int check (rating between 1 and 5),
    rating_remark     text,
    rated_at          timestamptz,
    read              boolean not null default false,
    parts_count       int not null default 0,
    reopens_count     int not null default 0,
    assignments_count int not null default 0,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    primary key (workspace_id, id),
    foreign key (workspace_id, contact_id) references contact (workspace_id, id) on delete set null (contact_id),
    foreign key (workspace_id, assignee_user_id) references workspace_member (workspace_id, user_id) on delete set null (assignee_user_id),
    foreign key (workspace_id, team_id) references team (workspace_id, id) on delete set null (team_id)
);
create index conversation_contact_idx on conversation (workspace_id, contact_id);
create index conversation_state_idx on conversation (workspace_id, state, updated_at desc);

create table conversation_tag (
    workspace_id    bigint not null,
    conversation_id bigint not null,
    tag_id          bigint not null,
    primary key (workspace_id, conversation_id, tag_id),
    foreign key (workspace_id, conversation_id) references conversation (workspace_id, id) on delete cascade,
    foreign key (workspace_id, tag_id) references tag (workspace_id, id) on delete cascade
);

-- The parts of a conversation, in order: replies (by the contact or a teammate), private notes, and actions.
create table conversation_part (
    workspace_id     bigint not null,
    id               bigint generated always as identity,
    conversation_id  bigint not null,
    position         int not null,
    part_type        text not null check (part_type in ('comment', 'note', 'assignment', 'open', 'close', 'snooze', 'unsnooze', 'rating', 'other')),
    author_type      text not null check (author_type in ('contact', 'teammate', 'bot', 'system')),
    author_contact_id uuid,
    author_user_id   bigint,
    -- sanitised HTML; a note is private: never shown to the contact
    body_html        text,
    assigned_to_user_id bigint,
    assigned_to_team_id bigint,
    created_at       timestamptz not null default now(),
    primary key (workspace_id, id),
    unique (workspace_id, conversation_id, position),
    foreign key (workspace_id, conversation_id) references conversation (workspace_id, id) on delete cascade
);

create table ticket_type (
    workspace_id bigint not null references workspace (id) on delete cascade,
    id           bigint generated always as identity,
    name         text not null,
    category     text not null check (category in ('customer', 'back_office', 'tracker')),
    primary key (workspace_id, id),
    unique (workspace_id, name)
);

create table ticket (
    workspace_id        bigint not null references workspace (id) on delete cascade,
    id                  bigint generated always as identity,
    -- the number people see and say ("ticket 1042"), counted per workspace
    ticket_number       bigint not null,
    ticket_type_id      bigint,
    category            text not null default 'customer' check (category in ('customer', 'back_office', 'tracker')),
    state               text not null default 'submitted' check (state in ('submitted', 'in_progress', 'waiting_on_customer', 'resolved')),
    title               text not null,
    description         text,
    contact_id          uuid,
    assignee_user_id    bigint,
    team_id             bigint,
    snoozed_until       timestamptz,
    shared_with_contact boolean not null default true,
    custom_attributes   jsonb not null default '{}'::jsonb,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    primary key (workspace_id, id),
    unique (workspace_id, ticket_number),
    foreign key (workspace_id, ticket_type_id) references ticket_type (workspace_id, id) on delete set null (ticket_type_id),
    foreign key (workspace_id, contact_id) references contact (workspace_id, id) on delete set null (contact_id),
    foreign key (workspace_id, assignee_user_id) references workspace_member (workspace_id, user_id) on delete set null (assignee_user_id),
    foreign key (workspace_id, team_id) references team (workspace_id, id) on delete set null (team_id)
);
create index ticket_contact_idx on ticket (workspace_id, contact_id);
create index ticket_state_idx on ticket (workspace_id, state, updated_at desc);

create table ticket_part (
    workspace_id      bigint not null,
    id                bigint generated always as identity,
    ticket_id         bigint not null,
    position          int not null,
    part_type         text not null check (part_type in ('comment', 'note', 'assignment', 'state_change', 'other')),
    author_type       text not null check (author_type in ('contact', 'teammate', 'bot', 'system')),
    author_contact_id uuid,
    author_user_id    bigint,
    body_html         text,
    previous_state    text,
    new_state         text,
    created_at        timestamptz not null default now(),
    primary key (workspace_id, id),
    unique (workspace_id, ticket_id, position),
    foreign key (workspace_id, ticket_id) references ticket (workspace_id, id) on delete cascade
);

-- Files attached to a conversation or ticket part; the bytes live in the attachment store, named by storage_key.
create table attachment (
    workspace_id bigint not null references workspace (id) on delete cascade,
    id           bigint generated always as identity,
    parent_type  text not null check (parent_type in ('conversation_part', 'ticket_part')),
    parent_id    bigint not null,
    file_name    text not null,
    content_type text,
    size_bytes   bigint not null,
    sha256       text not null,
    storage_key  text not null,
    created_at   timestamptz not null default now(),
    primary key (workspace_id, id)
);
create index attachment_parent_idx on attachment (workspace_id, parent_type, parent_id);

-- The knowledge base, in three levels: category › folder › article, each article with its translations.
create table kb_category (
    workspace_id bigint not null references workspace (id) on delete cascade,
    id           bigint generated always as identity,
    name         text not null,
    description  text,
    position     int not null default 0,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    primary key (workspace_id, id)
);

create table kb_folder (
    workspace_id bigint not null,
    id           bigint generated always as identity,
    category_id  bigint not null,
    name         text not null,
    description  text,
    position     int not null default 0,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    primary key (workspace_id, id),
    foreign key (workspace_id, category_id) references kb_category (workspace_id, id) on delete cascade
);

create table kb_article (
    workspace_id   bigint not null,
    id             bigint generated always as identity,
    folder_id      bigint not null,
    author_user_id bigint,
    default_locale text not null default 'en',
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    primary key (workspace_id, id),
    foreign key (workspace_id, folder_id) references kb_folder (workspace_id, id) on delete cascade
);

create table kb_article_translation (
    workspace_id bigint not null,
    article_id   bigint not null,
    locale       text not null,
    title        text not null,
    body_html    text,
    state        text not null default 'draft' check (state in ('published', 'draft')),
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    primary key (workspace_id, article_id, locale),
    foreign key (workspace_id, article_id) references kb_article (workspace_id, id) on delete cascade
);
