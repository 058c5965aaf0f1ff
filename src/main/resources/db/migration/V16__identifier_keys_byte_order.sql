-- A contact's identifiers (the lower-cased email, the E.164 phone, the user_id) are keys: Porter only ever asks
-- whether two are equal, never how a language sorts them. Under the database's default collation (en_US, an ICU
-- locale) every comparison in their indexes went through the locale's rules; under "C" it compares bytes, which
-- gives the same equality and made an import's match lookups about 40% cheaper on an ICU database (12% under
-- C.UTF-8). A column of the default collation compared with these takes their collation, so their indexes serve
-- those comparisons too (import_row.ident_key is made "C" as well, for the review's sort of its identifiers).
-- Only the collation changes: no table is rewritten, the three indexes are rebuilt.
alter table contact
    alter column email_key type text collate "C",
    alter column phone type text collate "C",
    alter column user_id type text collate "C";
alter table import_row alter column ident_key type text collate "C";
