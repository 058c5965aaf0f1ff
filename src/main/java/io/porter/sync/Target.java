package io.porter.sync;

/** A destination as the worker needs it: where, and its secrets decrypted (previousSecret while a rotation lasts). */
record Target(long workspaceId, long id, String kind, String name, String url, String secret, String previousSecret) {
}
