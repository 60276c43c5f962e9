package dev.preflight.collection;

import dev.preflight.api.FactsReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The files of a collection, a folder or a {@code .zip} of one, by their path inside it
 * ({@code graph/users.json}), read whole. A zip is read defensively: no entry may leave the
 * collection ({@code ..}, absolute paths), and the entry count, each entry's and the total
 * uncompressed size, and the compression ratio are bounded, so a decompression bomb is refused
 * after reading at most the limit.
 */
public final class CollectionFiles {

    /** The most files a collection may hold. */
    public static final int MAX_ENTRIES = 10_000;
    /** The largest file, uncompressed: the facts reader's document limit. */
    public static final long MAX_ENTRY_BYTES = FactsReader.MAX_DOCUMENT_LENGTH;
    /** The most bytes of all files together, uncompressed. */
    public static final long MAX_TOTAL_BYTES = 256L * 1024 * 1024;
    /** The highest compression ratio accepted for an entry larger than {@link #RATIO_FLOOR_BYTES}. */
    public static final int MAX_RATIO = 200;
    /** Below this size an entry's ratio is not judged (tiny JSON files compress very well). */
    public static final long RATIO_FLOOR_BYTES = 1024 * 1024;

    private final String name;
    private final Map<String, byte[]> files;

    private CollectionFiles(String name, Map<String, byte[]> files) {
        this.name = name;
        this.files = files;
    }

    /** Whether a path is a collection: a {@code .zip}, or a folder holding a manifest or a graph or onprem folder. */
    public static boolean isCollection(Path p) {
        if (Files.isDirectory(p)) {
            return Files.isRegularFile(p.resolve("manifest.json")) || Files.isDirectory(p.resolve("graph")) || Files.isDirectory(p.resolve("onprem"));
        }
        return Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    /** Reads a folder or a zip. */
    public static CollectionFiles open(Path p) {
        if (Files.isDirectory(p)) {
            return folder(p);
        }
        if (!Files.exists(p)) {
            throw new UnusableCollectionException(p + ": no such file or folder");
        }
        return zip(p);
    }

    /** The collection's name, for messages (the path given). */
    public String name() {
        return name;
    }

    /** Path inside the collection to bytes, sorted by path. */
    Map<String, byte[]> files() {
        return files;
    }

    /**
     * Reads a folder's files. The folder itself may be reached through a link (the path given is
     * the user's choice), but a link inside it is followed only to a file inside it: a report built
     * from a customer's folder must never carry another file of the machine it runs on.
     */
    private static CollectionFiles folder(Path given) {
        Map<String, byte[]> out = new TreeMap<>();
        long total = 0;
        Path dir;
        try {
            dir = given.toRealPath();
        } catch (IOException e) {
            throw new UnusableCollectionException(given + ": cannot be read (" + e.getMessage() + ")", e);
        }
        List<Path> paths;
        try (Stream<Path> s = Files.walk(dir)) {
            paths = s.sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UnusableCollectionException(given + ": cannot be read (" + e.getMessage() + ")", e);
        }
        for (Path f : paths) {
            String rel = dir.relativize(f).toString().replace('\\', '/');
            try {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                Path source = f;
                if (a.isSymbolicLink()) {
                    Path target;
                    try {
                        target = f.toRealPath();
                    } catch (IOException e) {
                        throw new UnusableCollectionException(given + ": " + rel + " is a link to nothing that can be read; refused");
                    }
                    if (!target.startsWith(dir)) {
                        throw new UnusableCollectionException(given + ": " + rel + " is a link to " + target + ", outside the collection; refused");
                    }
                    source = target;
                    a = Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                }
                if (!a.isRegularFile()) {
                    continue;
                }
                if (out.size() >= MAX_ENTRIES) {
                    throw new UnusableCollectionException(given + ": more than " + MAX_ENTRIES + " files; not a collection");
                }
                if (a.size() > MAX_ENTRY_BYTES) {
                    throw new UnusableCollectionException(given + ": " + rel + " is larger than " + (MAX_ENTRY_BYTES >> 20) + " MiB");
                }
                byte[] bytes;
                try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS)) {
                    bytes = in.readNBytes((int) MAX_ENTRY_BYTES + 1);
                }
                if (bytes.length > MAX_ENTRY_BYTES) {
                    throw new UnusableCollectionException(given + ": " + rel + " is larger than " + (MAX_ENTRY_BYTES >> 20) + " MiB");
                }
                total += bytes.length;
                if (total > MAX_TOTAL_BYTES) {
                    throw new UnusableCollectionException(given + ": the files together exceed " + (MAX_TOTAL_BYTES >> 20) + " MiB");
                }
                out.put(rel, bytes);
            } catch (IOException e) {
                throw new UnusableCollectionException(given + ": " + rel + " cannot be read (" + e.getMessage() + ")", e);
            }
        }
        return new CollectionFiles(given.toString(), out);
    }

    private static CollectionFiles zip(Path zipPath) {
        Map<String, byte[]> out = new TreeMap<>();
        long total = 0;
        try (ZipFile zip = new ZipFile(zipPath.toFile())) {
            int count = 0;
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                if (++count > MAX_ENTRIES) {
                    throw new UnusableCollectionException(zipPath + ": more than " + MAX_ENTRIES + " entries; refused");
                }
                // Windows PowerShell 5.1's Compress-Archive writes backslashes.
                String entry = e.getName().replace('\\', '/');
                if (entry.startsWith("/") || entry.matches("^[A-Za-z]:.*") || ("/" + entry + "/").contains("/../")) {
                    throw new UnusableCollectionException(zipPath + ": entry \"" + e.getName() + "\" points outside the collection; refused");
                }
                if (e.isDirectory() || entry.endsWith("/")) {
                    continue;
                }
                if (e.getSize() > MAX_ENTRY_BYTES) {
                    throw new UnusableCollectionException(zipPath + ": entry " + entry + " unpacks to more than " + (MAX_ENTRY_BYTES >> 20) + " MiB; refused");
                }
                byte[] bytes = readBounded(zip, e, zipPath, entry);
                total += bytes.length;
                if (total > MAX_TOTAL_BYTES) {
                    throw new UnusableCollectionException(zipPath + ": unpacks to more than " + (MAX_TOTAL_BYTES >> 20) + " MiB; refused");
                }
                long compressed = Math.max(1, e.getCompressedSize());
                if (bytes.length > RATIO_FLOOR_BYTES && bytes.length / compressed > MAX_RATIO) {
                    throw new UnusableCollectionException(zipPath + ": entry " + entry + " is compressed " + (bytes.length / compressed)
                            + " to 1 (more than " + MAX_RATIO + " to 1): a decompression bomb? refused");
                }
                out.put(entry, bytes);
            }
        } catch (NoSuchFileException e) {
            throw new UnusableCollectionException(zipPath + ": no such file");
        } catch (ZipException e) {
            throw new UnusableCollectionException(zipPath + ": not a readable zip file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UnusableCollectionException(zipPath + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return new CollectionFiles(zipPath.toString(), stripSingleTopFolder(out));
    }

    /** Reads an entry, counting what actually comes out rather than trusting the declared size. */
    private static byte[] readBounded(ZipFile zip, ZipEntry e, Path zipPath, String entry) throws IOException {
        try (InputStream in = zip.getInputStream(e)) {
            byte[] bytes = in.readNBytes((int) MAX_ENTRY_BYTES + 1);
            if (bytes.length > MAX_ENTRY_BYTES) {
                throw new UnusableCollectionException(zipPath + ": entry " + entry + " unpacks to more than " + (MAX_ENTRY_BYTES >> 20) + " MiB; refused");
            }
            return bytes;
        }
    }

    /** A zip of the collection folder itself ({@code Preflight-contoso/graph/...}) reads as the folder's contents. */
    private static Map<String, byte[]> stripSingleTopFolder(Map<String, byte[]> in) {
        String top = null;
        for (String k : in.keySet()) {
            int slash = k.indexOf('/');
            if (slash < 0) {
                return in;
            }
            String first = k.substring(0, slash);
            if (first.equals("graph") || first.equals("onprem") || top != null && !top.equals(first)) {
                return in;
            }
            top = first;
        }
        if (top == null) {
            return in;
        }
        Map<String, byte[]> out = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : in.entrySet()) {
            out.put(e.getKey().substring(top.length() + 1), e.getValue());
        }
        return out;
    }

    /** A collection held in memory, for tests and embedding applications. */
    public static CollectionFiles of(String name, Map<String, byte[]> files) {
        return new CollectionFiles(name, new TreeMap<>(files));
    }
}
