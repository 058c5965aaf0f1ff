package io.porter.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IdentifierHashesTest {

    private static long[] hashes(String... identifiers) {
        long[] out = new long[identifiers.length];
        for (int i = 0; i < identifiers.length; i++) {
            out[i] = IdentifierHashes.hash(identifiers[i]);
        }
        return out;
    }

    @Test
    void distinctIdentifiersAreNotDuplicates() {
        IdentifierHashes h = new IdentifierHashes();
        String[] many = IntStream.range(0, 200_000).mapToObj(i -> "person" + i + "@example.com").toArray(String[]::new);
        h.addAll(hashes(many));
        assertThat(h.mayHaveDuplicates()).isFalse();
    }

    @Test
    void anIdentifierSeenTwiceMayBeADuplicateEvenInAnotherBatch() {
        IdentifierHashes h = new IdentifierHashes();
        h.addAll(hashes("a@example.com", "+34612345678"));
        assertThat(h.mayHaveDuplicates()).isFalse();
        h.addAll(hashes("b@example.com", "+34612345678"));
        assertThat(h.mayHaveDuplicates()).isTrue();
    }

    @Test
    void pastItsLimitItCannotTellAndSaysMaybe() {
        IdentifierHashes h = new IdentifierHashes(3);
        h.addAll(hashes("a", "b", "c"));
        assertThat(h.mayHaveDuplicates()).isFalse();
        h.addAll(hashes("d"));
        assertThat(h.mayHaveDuplicates()).isTrue();
    }
}
