package org.bansou.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.springframework.context.annotation.Configuration;

/**
 * Streaming XLSX exports spill sheets to temporary files. POI's default folder, {@code /tmp/poifiles}, is
 * shared by every user of the machine, so a second user (another service account, a CI user) could not
 * write there; each bansou process uses a folder of its own instead.
 */
@Configuration(proxyBeanMethods = false)
class SpreadsheetTempFiles {

    SpreadsheetTempFiles() {
        try {
            File folder = Files.createTempDirectory("bansou-xlsx-").toFile();
            folder.deleteOnExit();
            TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy(folder));
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a folder for spreadsheet exports", e);
        }
    }
}
