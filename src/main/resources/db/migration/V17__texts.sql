-- a notification's title and message as texts (io.porter.texts.Text), so a page says them in its reader's
-- language; title and message stay, in English, for the API and for notifications written before
alter table notification add column texts jsonb;

-- why an import failed, as a text beside its English failure, for the import's page
alter table import_job add column failure_text jsonb;
