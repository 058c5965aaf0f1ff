package io.porter.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where an import's files live: {@code <data-dir>/imports/<workspace>/<import>/}. Paths are built from ids only;
 * the uploaded file's name is kept as data and never reaches the file system.
 */
@Component
public class ImportFiles {

    private final Path root;

    ImportFiles(@Value("${porter.data-dir}") Path dataDir) {
        this.root = dataDir.toAbsolutePath().resolve("imports");
    }

    Path dir(long ws, long id) {
        return root.resolve(Long.toString(ws)).resolve(Long.toString(id));
    }

    public Path original(long ws, long id) {
        return dir(ws, id).resolve("original.csv");
    }

    public Path result(long ws, long id) {
        return dir(ws, id).resolve("result.csv");
    }

    Path incoming() {
        try {
            Files.createDirectories(root);
            return Files.createTempFile(root, "upload-", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void keep(Path incoming, long ws, long id) {
        try {
            Files.createDirectories(dir(ws, id));
            // a database reset under a kept data directory can leave an old file under the same ids
            Files.move(incoming, original(ws, id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces a file all at once, so a crash never leaves half of one. */
    static void replace(Path tmp, Path target) {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes an import's folder once its files are gone; one that still holds something is left alone. */
    static void deleteDirIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            // another file is still there; the folder stays with it
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
