-- the language a review wrote its rows' errors in: a start that re-decides rows (the workspace changed after the
-- review) says why in the same language
alter table import_job add column review_language text;
