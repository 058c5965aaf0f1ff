package io.porter.contacts;

/** SQL fragments about contacts that other features' queries need too. */
public final class ContactSql {

    /**
     * The names of contact {@code c}'s tags, in byte order. It goes through {@code tag} by the ids on the contact,
     * so only tags of the contact's own workspace can appear.
     */
    public static final String TAG_NAMES = "array(select t.name from tag t where t.workspace_id = c.workspace_id "
            + "and t.id = any(c.tag_ids) order by t.name collate \"C\")";

    private ContactSql() {
    }
}
