package org.bansou.importing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bansou.BansouTest;
import org.bansou.account.Accounts;
import org.bansou.security.AppUsers;
import org.bansou.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bansou.importing.FileImportTests.ACCOUNTS;
import static org.bansou.importing.TestFiles.csvText;

@BansouTest
@ExtendWith(OutputCaptureExtension.class)
class ImportCommandTests {

    @Autowired FileImport imports;
    @Autowired AppUsers users;
    @Autowired Accounts accounts;
    @Autowired ApplicationContext context;
    @TempDir Path folder;

    @BeforeEach
    void tanakaIsACsm() {
        users.create("tanaka", "田中 美咲", null, Role.CSM, "secret-tanaka");
    }

    int runImport(String... words) {
        ImportCommand command = new ImportCommand(imports);
        command.run(new DefaultApplicationArguments(words));
        return command.getExitCode();
    }

    Path accountsFile(String... rows) throws Exception {
        Path file = folder.resolve("accounts.csv");
        String[] lines = new String[rows.length + 1];
        lines[0] = ACCOUNTS;
        System.arraycopy(rows, 0, lines, 1, rows.length);
        Files.writeString(file, csvText(lines), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void a_bad_file_on_the_command_line_exits_non_zero_and_prints_the_line(CapturedOutput output) throws Exception {
        Path file = accountsFile(
                "A-1001,小林歯科クリニック,医療,10-49,top_down,tanaka,low,onboarding",
                "A-1002,Yamada Logistics,物流,50-249,bottom_up,tanaka,platinum,adoption");

        int exitCode = runImport("import", "accounts", file.toString());

        assertThat(exitCode).isNotZero();
        assertThat(output.getErr()).contains("Nothing was imported: 1 problem(s) in accounts.csv",
                "line 3, column touch_tier: “platinum” is not one of: high, low, tech");
        assertThat(accounts.count()).isZero();
    }

    @Test
    void a_clean_file_on_the_command_line_is_imported_as_the_system_and_exits_zero(CapturedOutput output)
            throws Exception {
        Path file = accountsFile("A-1001,小林歯科クリニック,医療,10-49,top_down,tanaka,low,onboarding");

        int exitCode = runImport("import", "accounts", file.toString());

        assertThat(exitCode).isZero();
        assertThat(output.getOut()).contains("Imported accounts from accounts.csv: 1 inserted, 0 updated, 0 unchanged");
        assertThat(accounts.findByExternalId("A-1001")).isPresent();
    }

    @Test
    void a_missing_file_or_unknown_kind_is_a_usage_error(CapturedOutput output) {
        assertThat(runImport("import", "accounts", folder.resolve("nowhere.csv").toString()))
                .isEqualTo(ImportCommand.USAGE);
        assertThat(runImport("import", "acounts", folder.resolve("nowhere.csv").toString()))
                .isEqualTo(ImportCommand.USAGE);
        assertThat(runImport("import", "accounts")).isEqualTo(ImportCommand.USAGE);
        assertThat(output.getErr()).contains("no readable file at", "unknown kind \"acounts\"",
                "usage: import <kind> <file>");
    }

    @Test
    void the_import_runner_is_only_started_for_the_import_command() {
        // the test context runs as bansou.command=test: a server must never start importing by itself
        assertThat(context.getBeansOfType(ImportCommand.class)).isEmpty();
    }
}
