package org.bansou.importing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A file handed in for import: from an upload, a request body or a path on disk. It can be opened more
 * than once (the CSV encoding is settled by a first pass), and whether it is CSV or XLSX is read from its
 * first bytes, not from its name: people rename files.
 */
public final class ImportFile {

    /** Opens the file's bytes from the start; called once per pass. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    enum Format { CSV, XLSX, XLS }

    private static final byte[] ZIP = {0x50, 0x4B, 0x03, 0x04};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};

    private final String name;
    private final Source source;

    private ImportFile(String name, Source source) {
        this.name = name;
        this.source = source;
    }

    public static ImportFile of(String name, byte[] bytes) {
        return new ImportFile(name, () -> new ByteArrayInputStream(bytes));
    }

    public static ImportFile of(String name, Source source) {
        return new ImportFile(name, source);
    }

    public static ImportFile of(Path path) {
        return new ImportFile(path.getFileName().toString(), () -> Files.newInputStream(path));
    }

    public String name() {
        return name;
    }

    InputStream open() throws IOException {
        return source.open();
    }

    Format format() throws IOException {
        byte[] start;
        try (InputStream in = open()) {
            start = in.readNBytes(4);
        }
        if (Arrays.equals(start, ZIP)) {
            return Format.XLSX;
        }
        return Arrays.equals(start, OLE2) ? Format.XLS : Format.CSV;
    }
}
