-- What a start needs to check a review again (imports.ReviewRecheck, contacts.IdentifierChanges): the language
-- the review wrote its rows' errors in, and the workspace's contact version when the review began. Every change
-- of contacts' identifiers moves the version, so a chunk that finds it where its own import left it skips the check.
alter table import_job add column review_language text;
alter table import_job add column review_version bigint;

create table contact_version (
    workspace_id bigint primary key references workspace (id) on delete cascade,
    version      bigint not null
);
