package io.porter.imports;

/**
 * Tells whether a file may have an identifier on two rows, from a 64-bit hash of each row's identifier, so that a
 * review looks for duplicates in the database only when there can be some. Two equal identifiers always have equal
 * hashes, so "no" is certain; "maybe" is checked exactly by {@link Classifier#markDuplicates}. The hashes are kept
 * in one open-addressed array of at most 8 MB, so memory stays flat: past 524,288 identifiers it stops and answers
 * "maybe", and so larger files are checked in the database.
 */
final class IdentifierHashes {

    private final int limit;
    private long[] table = new long[1 << 12];
    private int size;
    private boolean maybe;

    IdentifierHashes() {
        this(1 << 19);
    }

    IdentifierHashes(int limit) {
        this.limit = limit;
    }

    /** A 64-bit FNV-1a hash of the identifier's characters, never 0 (0 marks an empty slot). */
    static long hash(String identifier) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < identifier.length(); i++) {
            h = (h ^ identifier.charAt(i)) * 0x100000001b3L;
        }
        return h == 0 ? 1 : h;
    }

    void addAll(long[] hashes) {
        for (long h : hashes) {
            if (maybe) {
                return;
            }
            add(h);
        }
    }

    /** Whether two identifiers added may be equal. */
    boolean mayHaveDuplicates() {
        return maybe;
    }

    private void add(long h) {
        if (size >= limit) {
            giveUp();
            return;
        }
        if (2 * (size + 1) > table.length) {
            grow();
        }
        if (!insert(table, h)) {
            giveUp();
            return;
        }
        size++;
    }

    private void giveUp() {
        maybe = true;
        table = null;
    }

    /** False when the hash is already there. */
    private static boolean insert(long[] t, long h) {
        int mask = t.length - 1;
        // the low bits of FNV-1a are weak: spread the high bits down before picking a slot
        int i = (int) (h ^ (h >>> 29) ^ (h >>> 47)) & mask;
        while (t[i] != 0) {
            if (t[i] == h) {
                return false;
            }
            i = (i + 1) & mask;
        }
        t[i] = h;
        return true;
    }

    private void grow() {
        long[] bigger = new long[table.length * 2];
        for (long h : table) {
            if (h != 0) {
                insert(bigger, h);
            }
        }
        table = bigger;
    }
}
