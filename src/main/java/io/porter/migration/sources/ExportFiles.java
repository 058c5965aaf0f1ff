package io.porter.migration.sources;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The files of an export: a folder, or a zip (read in place, never extracted). Names are relative paths such as
 * {@code conversations.json} or {@code attachments/123/a.png}; a zip whose entries all sit in one top folder is
 * read as if they did not. Names never leave the export: nothing is written under them.
 */
public abstract class ExportFiles implements AutoCloseable {

    public static ExportFiles open(Path location) {
        try {
            if (Files.isDirectory(location)) {
                return new Folder(location.toAbsolutePath().normalize());
            }
            if (Files.isRegularFile(location)) {
                return new Zip(new ZipFile(location.toFile()));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the export at " + location + " as a folder or a zip: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("There is no export at " + location);
    }

    /** The first of the names that exists. */
    public Optional<String> find(List<String> names) {
        for (String n : names) {
            if (exists(n)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    public abstract boolean exists(String name);

    public abstract Optional<InputStream> open(String name) throws IOException;

    @Override
    public abstract void close();

    static boolean safe(String name) {
        return name != null && !name.isEmpty() && !name.startsWith("/") && !name.contains("\\")
                && List.of(name.split("/")).stream().noneMatch(s -> s.equals("..") || s.isEmpty());
    }

    private static final class Folder extends ExportFiles {
        private final Path root;

        Folder(Path root) {
            this.root = root;
        }

        private Optional<Path> path(String name) {
            if (!safe(name)) {
                return Optional.empty();
            }
            Path p = root.resolve(name).normalize();
            return p.startsWith(root) && Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        }

        @Override
        public boolean exists(String name) {
            return path(name).isPresent();
        }

        @Override
        public Optional<InputStream> open(String name) throws IOException {
            Optional<Path> p = path(name);
            return p.isEmpty() ? Optional.empty() : Optional.of(Files.newInputStream(p.get()));
        }

        @Override
        public void close() {
        }
    }

    private static final class Zip extends ExportFiles {
        private final ZipFile zip;
        private final String prefix;

        Zip(ZipFile zip) {
            this.zip = zip;
            this.prefix = commonTopFolder(zip);
        }

        private static String commonTopFolder(ZipFile zip) {
            String top = null;
            Enumeration<? extends ZipEntry> e = zip.entries();
            while (e.hasMoreElements()) {
                String n = e.nextElement().getName();
                int slash = n.indexOf('/');
                if (slash < 0) {
                    return "";
                }
                String t = n.substring(0, slash + 1);
                if (top == null) {
                    top = t;
                } else if (!top.equals(t)) {
                    return "";
                }
            }
            return top == null || top.equals("attachments/") ? "" : top;
        }

        private ZipEntry entry(String name) {
            if (!safe(name)) {
                return null;
            }
            ZipEntry e = zip.getEntry(prefix + name);
            return e == null || e.isDirectory() ? null : e;
        }

        @Override
        public boolean exists(String name) {
            return entry(name) != null;
        }

        @Override
        public Optional<InputStream> open(String name) throws IOException {
            ZipEntry e = entry(name);
            return e == null ? Optional.empty() : Optional.of(zip.getInputStream(e));
        }

        @Override
        public void close() {
            try {
                zip.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
