-- A row's errors as a list of {column, value, message}, so the rows API and the review page can show each problem
-- by its column; the error and result files join the messages with '; ', as they always said them. Errors of
-- reviews made before are kept as one message without a column.
alter table import_row alter column errors type jsonb using
    case when errors is null then null
         else jsonb_build_array(jsonb_build_object('column', null, 'value', null, 'message', errors)) end;

-- The wizard's options and mapping while they are not yet a plan (options chosen, mapping not yet accepted), so
-- another session, browser or colleague continues where the wizard stood; cleared when a plan is saved.
alter table import_job add column draft_options jsonb;
alter table import_job add column draft_mapping jsonb;

-- What a review's updates would take away from existing contacts, counted once when first asked for (a pass over
-- every updated row and its contact) and cleared whenever the plan or the review changes.
alter table import_job add column cleared_fields int;
alter table import_job add column removed_tags int;

-- Where the reviewed rows' pages start: for every status (and '' for all rows), the row number of every 100th row
-- in file order, so a deep page starts from its anchor instead of skipping every row before it. Worked out once
-- after a review, beside it, and cleared with the review.
alter table import_job add column row_anchors jsonb;
