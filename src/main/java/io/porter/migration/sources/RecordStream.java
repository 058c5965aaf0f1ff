package io.porter.migration.sources;

import java.io.Closeable;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** Records read one at a time from an export; close it when done. Memory holds one record, not the file. */
public interface RecordStream<T> extends Iterator<T>, Closeable {

    @Override
    void close();

    static <T> RecordStream<T> empty() {
        return of(List.<T>of().iterator(), () -> { });
    }

    static <T> RecordStream<T> of(Iterator<T> it, Runnable close) {
        return new RecordStream<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public T next() {
                return it.next();
            }

            @Override
            public void close() {
                close.run();
            }
        };
    }

    /** This stream with every element converted; null results are dropped. */
    default <R> RecordStream<R> map(Function<? super T, ? extends R> f) {
        RecordStream<T> self = this;
        return new RecordStream<>() {
            private R next;

            @Override
            public boolean hasNext() {
                while (next == null && self.hasNext()) {
                    next = f.apply(self.next());
                }
                return next != null;
            }

            @Override
            public R next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                R r = next;
                next = null;
                return r;
            }

            @Override
            public void close() {
                self.close();
            }
        };
    }
}
