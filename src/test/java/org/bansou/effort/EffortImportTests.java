package org.bansou.effort;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.bansou.BansouTest;
import org.bansou.SignedIn;
import org.bansou.importing.ImportError;
import org.bansou.importing.ImportFile;
import org.bansou.importing.ImportOutcome;
import org.bansou.importing.Spreadsheets;
import org.bansou.security.AppUser;
import org.bansou.security.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Hours kept in Excel come in whole or not at all, every bad line named. */
@BansouTest
class EffortImportTests {

    @Autowired EffortWorld world;
    @Autowired TaskKinds kinds;
    @Autowired EffortImport imports;
    @Autowired JdbcClient jdbc;

    AppUser sato;
    AppUser kato;

    @BeforeEach
    void satoOwnsTwoClinics() {
        world.standardTaskKinds(kinds);
        sato = world.person("sato", "佐藤", Role.CSM);
        kato = world.person("kato", "加藤", Role.MANAGER);
        world.person("suzuki", "鈴木", Role.CSM);
        world.account("K-1", "小林歯科", "high", "sato", "10-49", "onboarding");
        world.account("Y-1", "山田クリニック", "low", "sato", "10-49", "retention");
        world.account("T-1", "田中商事", "low", "suzuki", "10-49", "adoption");
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    @Test
    void an_import_with_bad_lines_imports_nothing_and_names_each_line_and_column() {
        SignedIn.in(sato);
        String csv = """
                account,user,day,minutes,task_kind,lifecycle_stage
                K-1,sato,2026-11-02,60,onboarding_session,
                Y-1,sato,2026/11/03,ninety,qbr,
                NOPE,sato,2026-11-04,30,support,
                T-1,sato,2026-11-05,30,support,
                K-1,suzuki,2026-11-06,30,golf,
                """;

        ImportOutcome outcome = imports.importFile(ImportFile.of("hours.csv", csv.getBytes(StandardCharsets.UTF_8)),
                Locale.ENGLISH);

        assertThat(outcome.imported()).isFalse();
        assertThat(outcome.errors()).extracting(ImportError::line, ImportError::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, "minutes"),
                org.assertj.core.groups.Tuple.tuple(4, "account"),
                org.assertj.core.groups.Tuple.tuple(5, "account"),
                org.assertj.core.groups.Tuple.tuple(6, "user"),
                org.assertj.core.groups.Tuple.tuple(6, "task_kind"));
        assertThat(outcome.errors().get(1).message()).contains("NOPE");
        assertThat(outcome.errors().get(2).message()).contains("not an account you may log time on");
        assertThat(jdbc.sql("SELECT count(*) FROM effort_entry").query(Long.class).single()).isZero();
    }

    @Test
    void a_clean_xlsx_imports_every_line_with_the_accounts_current_stage_where_none_is_given() {
        SignedIn.in(kato);
        byte[] xlsx = Spreadsheets.xlsx("hours", List.of("account", "user", "day", "minutes", "task_kind", "lifecycle_stage"),
                List.of(List.of("K-1", "sato", "2026-11-02", 60, "onboarding_session", ""),
                        List.of("Y-1", "suzuki", "2026-11-03", 45, "qbr", "renewal")));

        ImportOutcome outcome = imports.importFile(ImportFile.of("hours.xlsx", xlsx), Locale.JAPANESE);

        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.inserted()).isEqualTo(2);
        assertThat(jdbc.sql("""
                        SELECT a.external_id || ':' || e.minutes || ':' || e.lifecycle_stage
                          FROM effort_entry e JOIN account a ON a.id = e.account_id
                         ORDER BY a.external_id
                        """).query(String.class).list())
                .containsExactly("K-1:60:onboarding", "Y-1:45:renewal");
    }

    @Test
    void a_file_without_the_columns_names_what_is_missing_in_japanese() {
        SignedIn.in(kato);
        ImportOutcome outcome = imports.importFile(ImportFile.of("hours.csv",
                "account,minutes\nK-1,30\n".getBytes(StandardCharsets.UTF_8)), Locale.JAPANESE);

        assertThat(outcome.errors()).extracting(ImportError::column).containsExactly("user", "day", "task_kind");
        assertThat(outcome.errors().get(0).message()).isEqualTo("この列がありません");
        assertThat(jdbc.sql("SELECT count(*) FROM effort_entry").query(Long.class).single()).isZero();
    }
}
