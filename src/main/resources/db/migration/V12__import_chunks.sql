-- Chunks of an import are applied on several connections at once, so they can commit out of order: a resumed
-- import must know which committed, not just how many rows. chunk_rows keeps the chunk size the import started
-- with, so its chunks are cut the same way when it resumes; chunks_done holds the first row of each committed one.
alter table import_job add column chunk_rows int check (chunk_rows > 0);
alter table import_job add column chunks_done int[] not null default '{}';
