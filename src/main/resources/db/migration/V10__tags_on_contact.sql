-- A contact's tags are the ids in contact.tag_ids instead of rows of a join table. An import tags every row it
-- touches (its batch and import tags, often a tags column too): as contact_tag rows that was three inserts a row,
-- each with two foreign-key checks, and it took most of an import's time; as an array it is part of the contact's
-- own insert or update. Reads always join tag by id, so an id can never name a tag of another workspace or show a
-- name that is gone. Tags are never deleted today; a delete would have to remove its id from these arrays in the
-- same transaction (array_remove over the rows the GIN index finds).
alter table contact add column tag_ids bigint[] not null default '{}';

update contact c set tag_ids = x.ids
from (select workspace_id, contact_id, array_agg(tag_id order by tag_id) as ids from contact_tag group by 1, 2) x
where c.workspace_id = x.workspace_id and c.id = x.contact_id;

drop table contact_tag;

create index contact_tags_idx on contact using gin (tag_ids);
