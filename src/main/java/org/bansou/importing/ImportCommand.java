package org.bansou.importing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar bansou.jar import <kind> <file>}: imports as the system actor, prints the counts or
 * every problem, and exits non-zero when the file was rejected so a nightly script notices.
 */
@Component
@ConditionalOnProperty(name = "bansou.command", havingValue = "import")
class ImportCommand implements ApplicationRunner, ExitCodeGenerator {

    static final int REJECTED = 1;
    static final int USAGE = 2;

    private final FileImport imports;
    private int exitCode;

    ImportCommand(FileImport imports) {
        this.imports = imports;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> words = args.getNonOptionArgs();
        if (words.size() != 3) {
            System.err.println("usage: import <kind> <file>   kinds: " + String.join(", ", imports.kinds()));
            exitCode = USAGE;
            return;
        }
        String kind = words.get(1);
        Path path = Path.of(words.get(2));
        if (!imports.kinds().contains(kind)) {
            System.err.println("unknown kind \"" + kind + "\"; the kinds are: " + String.join(", ", imports.kinds()));
            exitCode = USAGE;
            return;
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            System.err.println("no readable file at " + path.toAbsolutePath());
            exitCode = USAGE;
            return;
        }
        ImportOutcome outcome = imports.importFile(kind, ImportFile.of(path), Locale.ENGLISH);
        if (outcome.imported()) {
            System.out.printf("Imported %s from %s: %d inserted, %d updated, %d unchanged%n", kind,
                    path.getFileName(), outcome.inserted(), outcome.updated(), outcome.unchanged());
            exitCode = 0;
            return;
        }
        System.err.printf("Nothing was imported: %d problem(s) in %s%n", outcome.errors().size(), path.getFileName());
        for (ImportError error : outcome.errors()) {
            System.err.println("  " + where(error) + error.message());
        }
        exitCode = REJECTED;
    }

    private static String where(ImportError error) {
        String line = error.line() == null ? "" : "line " + error.line();
        String column = error.column() == null ? "" : (line.isEmpty() ? "" : ", ") + "column " + error.column();
        return line.isEmpty() && column.isEmpty() ? "" : line + column + ": ";
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
