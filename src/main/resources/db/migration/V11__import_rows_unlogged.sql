-- import_row is a work table: a review writes every row of the file to it, the import reads it back chunk by
-- chunk, and the rows are deleted when the import completes. Unlogged, its 200,000-row writes skip the WAL. A kill
-- of Porter loses nothing (the server keeps the table); only a crash of PostgreSQL itself empties it, and then an
-- import finds its rows gone and fails cleanly, saying to review the file again (ImportRunner). Chunks applied
-- before stay whole: they were committed to the logged contact tables.
--
-- Its foreign key to import_job checked the same job row once per staged row. Jobs are deleted only before they
-- are reviewed (when they have no rows), and housekeeping deletes the rows of expired reviews, so it guarded
-- nothing that the code does not.
alter table import_row drop constraint import_row_workspace_id_import_id_fkey;
alter table import_row set unlogged;
