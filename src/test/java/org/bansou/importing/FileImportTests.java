package org.bansou.importing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.bansou.BansouTest;
import org.bansou.SignedIn;
import org.bansou.account.Account;
import org.bansou.account.AccountRow;
import org.bansou.account.Accounts;
import org.bansou.account.Contact;
import org.bansou.account.Contacts;
import org.bansou.catalog.PlanPrice;
import org.bansou.catalog.PlanPriceRow;
import org.bansou.catalog.PlanPrices;
import org.bansou.catalog.PlanRow;
import org.bansou.catalog.Plans;
import org.bansou.security.AppUsers;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.bansou.subscription.Subscription;
import org.bansou.subscription.Subscriptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.bansou.importing.TestFiles.csv;
import static org.bansou.importing.TestFiles.row;
import static org.bansou.importing.TestFiles.xlsx;

@BansouTest
class FileImportTests {

    static final String ACCOUNTS =
            "external_id,name,industry,employee_band,decision_style,owner,touch_tier,lifecycle_stage";
    static final String CONTACTS = "external_id,account_external_id,name,email,role,is_champion,is_decision_maker,"
            + "character_note,preferred_channel,left_on";
    static final String PLAN_PRICES = "external_id,plan_external_id,price_version,currency,amount,"
            + "billing_interval,interval_count,valid_from,retired_on";
    static final String SUBSCRIPTIONS = "external_id,account_external_id,plan_price_external_id,quantity,"
            + "discount_percent,discount_amount,status,started_on,ended_on,renews_on,auto_renew";

    @Autowired FileImport imports;
    @Autowired AppUsers users;
    @Autowired Accounts accounts;
    @Autowired Contacts contacts;
    @Autowired Plans plans;
    @Autowired PlanPrices planPrices;
    @Autowired AuditLog auditLog;
    @Autowired Subscriptions subscriptions;

    @BeforeEach
    void signInTheCsManager() {
        users.create("tanaka", "田中 美咲", null, Role.CSM, "secret-tanaka");
        SignedIn.in(users.create("sato", "佐藤 恵子", null, Role.MANAGER, "secret-sato"));
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    ImportOutcome importAccounts(ImportFile file) {
        return imports.importFile("accounts", file, Locale.ENGLISH);
    }

    @Test
    void an_import_with_one_bad_row_imports_nothing_and_names_the_row() {
        ImportOutcome outcome = importAccounts(csv(ACCOUNTS,
                "A-1001,小林歯科クリニック,医療,10-49,top_down,tanaka,low,onboarding",
                "A-1002,Yamada Logistics,物流,50-249,bottom_up,tanaka,platinum,adoption",
                "A-1003,Suzuki Bakery,食品,1-9,top_down,,tech,onboarding"));

        assertThat(outcome.imported()).isFalse();
        assertThat(outcome.errors()).containsExactly(
                new ImportError(3, "touch_tier", "“platinum” is not one of: high, low, tech"));
        assertThat(accounts.count()).isZero();
    }

    @Test
    void every_bad_row_is_listed_at_once_with_its_line_and_column() {
        ImportOutcome outcome = importAccounts(csv(ACCOUNTS,
                "A-1001,,医療,10-50,top_down,tanaka,low,onboarding",
                "A-1002,Yamada Logistics,物流,50-249,bottom_up,tanaka,high,adoption",
                "A-1003,Suzuki Bakery,食品,1-9,top_down,kimura,tech,onboarding",
                "A-1001,Kobayashi again,医療,10-49,top_down,tanaka,low,churned"));

        assertThat(outcome.errors())
                .extracting(ImportError::line, ImportError::column)
                .containsExactly(
                        tuple(2, "name"),
                        tuple(2, "employee_band"),
                        tuple(4, "owner"),
                        tuple(5, "external_id"),
                        tuple(5, "lifecycle_stage"));
        assertThat(outcome.errors()).extracting(ImportError::message).contains(
                "no user named “kimura”",
                "“A-1001” is already on line 2: each external id may appear once per file");
        assertThat(accounts.count()).isZero();
    }

    @Test
    void importing_the_same_file_again_changes_nothing() {
        ImportFile file = csv(ACCOUNTS,
                "A-1001,小林歯科クリニック,医療,10-49,top_down,tanaka,low,onboarding",
                "A-1002,Yamada Logistics,物流,50-249,bottom_up,sato,high,adoption",
                "A-1003,Suzuki Bakery,,,,,,");

        ImportOutcome first = importAccounts(file);
        ImportOutcome again = importAccounts(file);

        assertThat(first).extracting(ImportOutcome::inserted, ImportOutcome::updated, ImportOutcome::unchanged)
                .containsExactly(3, 0, 0);
        assertThat(again).extracting(ImportOutcome::inserted, ImportOutcome::updated, ImportOutcome::unchanged)
                .containsExactly(0, 0, 3);
        Account kobayashi = accounts.findByExternalId("A-1001").orElseThrow();
        assertThat(kobayashi.version()).isZero();
        assertThat(kobayashi.ownerName()).isEqualTo("田中 美咲");
    }

    @Test
    void a_changed_row_is_updated_and_the_others_are_left_alone() {
        importAccounts(csv(ACCOUNTS,
                "A-1001,小林歯科クリニック,医療,10-49,top_down,tanaka,low,onboarding",
                "A-1002,Yamada Logistics,物流,50-249,bottom_up,sato,high,adoption"));

        ImportOutcome outcome = importAccounts(csv(ACCOUNTS,
                "A-1001,小林歯科クリニック,医療,10-49,top_down,tanaka,low,adoption",
                "A-1002,Yamada Logistics,物流,50-249,bottom_up,sato,high,adoption",
                "A-1004,Ito Printing,印刷,10-49,,,tech,onboarding"));

        assertThat(outcome).extracting(ImportOutcome::inserted, ImportOutcome::updated, ImportOutcome::unchanged)
                .containsExactly(1, 1, 1);
        assertThat(accounts.findByExternalId("A-1001").orElseThrow().lifecycleStage()).isEqualTo("adoption");
    }

    @Test
    void a_shift_jis_csv_saved_by_japanese_excel_imports_its_japanese_names() {
        // 髙 exists only in Windows-31J (Microsoft's Shift_JIS), which is what Excel writes
        ImportOutcome outcome = importAccounts(csv(CsvTable.WINDOWS_31J, ACCOUNTS,
                "A-1001,小林歯科クリニック,医療,10-49,top_down,tanaka,low,onboarding",
                "A-1002,髙橋工務店,建設,50-249,bottom_up,tanaka,high,adoption"));

        assertThat(outcome.errors()).isEmpty();
        assertThat(accounts.findByExternalId("A-1001").orElseThrow().name()).isEqualTo("小林歯科クリニック");
        assertThat(accounts.findByExternalId("A-1002").orElseThrow().industry()).isEqualTo("建設");
        assertThat(accounts.findByExternalId("A-1002").orElseThrow().name()).isEqualTo("髙橋工務店");
    }

    @Test
    void a_utf8_csv_with_a_byte_order_mark_keeps_its_first_column() {
        ImportOutcome outcome = importAccounts(csv("\uFEFF" + ACCOUNTS,
                "A-1001,小林歯科クリニック,医療,10-49,top_down,tanaka,low,onboarding"));

        assertThat(outcome.errors()).isEmpty();
        assertThat(accounts.findByExternalId("A-1001")).isPresent();
    }

    @Test
    void columns_may_come_in_any_order_and_letter_case() {
        ImportOutcome outcome = importAccounts(csv(
                "Name,External_ID,owner,lifecycle_stage,touch_tier,industry,employee_band,decision_style",
                "小林歯科クリニック,A-1001,tanaka,adoption,low,医療,10-49,top_down"));

        assertThat(outcome.errors()).isEmpty();
        Account kobayashi = accounts.findByExternalId("A-1001").orElseThrow();
        assertThat(kobayashi.name()).isEqualTo("小林歯科クリニック");
        assertThat(kobayashi.lifecycleStage()).isEqualTo("adoption");
    }

    @Test
    void a_file_missing_columns_is_rejected_naming_each_missing_column() {
        ImportOutcome outcome = importAccounts(csv(
                "external_id,name,industry,employee_band,decision_style,touch_tier",
                "A-1001,小林歯科クリニック,医療,10-49,top_down,low"));

        assertThat(outcome.errors())
                .extracting(ImportError::line, ImportError::column)
                .containsExactly(tuple(1, "owner"), tuple(1, "lifecycle_stage"));
        assertThat(accounts.count()).isZero();
    }

    @Test
    void an_unknown_column_is_rejected_by_its_name() {
        ImportOutcome outcome = importAccounts(csv(ACCOUNTS + ",segment",
                "A-1001,小林歯科クリニック,医療,10-49,top_down,tanaka,low,onboarding,SMB"));

        assertThat(outcome.errors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(1);
            assertThat(error.column()).isEqualTo("segment");
            assertThat(error.message()).startsWith("unknown column for accounts; the columns are: external_id, name");
        });
        assertThat(accounts.count()).isZero();
    }

    @Test
    void an_empty_file_is_rejected_and_says_which_columns_line_1_needs() {
        ImportOutcome outcome = importAccounts(ImportFile.of("empty.csv", new byte[0]));

        assertThat(outcome.errors()).singleElement()
                .satisfies(error -> assertThat(error.message()).contains(ACCOUNTS));
    }

    @Test
    void a_contact_at_an_account_bansou_does_not_know_is_rejected() {
        accounts.upsertAll(List.of(new AccountRow("A-1001", "小林歯科クリニック", "医療", "10-49", "top_down",
                "tanaka", "low", "onboarding")));

        ImportOutcome outcome = imports.importFile("contacts", csv(CONTACTS,
                "C-1,A-1001,小林 健一,kobayashi@example.jp,院長,false,true,数字で話す人,meeting,",
                "C-2,A-9999,山田 花子,,事務長,yes,no,,email,2026-03-31"), Locale.ENGLISH);

        assertThat(outcome.errors()).containsExactly(
                new ImportError(3, "account_external_id", "no account with external id “A-9999”"));
        assertThat(contacts.forAccount(accounts.findByExternalId("A-1001").orElseThrow().id())).isEmpty();
    }

    @Test
    void a_price_version_given_twice_for_the_same_plan_interval_and_currency_names_both_lines() {
        plans.upsertAll(List.of(new PlanRow("standard", "Standard", false, null)));

        ImportOutcome outcome = imports.importFile("plan-prices", csv(
                PLAN_PRICES,
                "standard-m-1,standard,1,JPY,30000,month,1,2025-04-01,",
                "standard-m-1b,standard,1,JPY,32000,month,1,2025-10-01,2025-09-30"), Locale.ENGLISH);

        assertThat(outcome.errors())
                .extracting(ImportError::line, ImportError::column, ImportError::message)
                .containsExactly(
                        tuple(3, "retired_on", "2025-09-30 is before valid_from (2025-10-01)"));

        ImportOutcome twice = imports.importFile("plan-prices", csv(
                PLAN_PRICES,
                "standard-m-1,standard,1,JPY,30000,month,1,2025-04-01,",
                "standard-m-1b,standard,1,JPY,32000,month,1,2025-10-01,"), Locale.ENGLISH);

        assertThat(twice.errors()).containsExactly(new ImportError(3, "price_version",
                "plan “standard” gets price version 1 (month, JPY) twice: also as “standard-m-1” on line 2"));
        assertThat(planPrices.all()).isEmpty();
    }

    @Test
    void an_xlsx_with_real_excel_date_and_number_cells_imports_the_days_and_amounts_shown() {
        plans.upsertAll(List.of(new PlanRow("standard", "Standard", false, null)));

        ImportOutcome outcome = imports.importFile("plan-prices", xlsx(
                row("external_id", "plan_external_id", "price_version", "currency", "amount", "billing_interval",
                        "interval_count", "valid_from", "retired_on"),
                row("standard-y-1", "standard", 1, "JPY", 240000, "year", 1, LocalDate.of(2026, 4, 1), null)),
                Locale.ENGLISH);

        assertThat(outcome.errors()).isEmpty();
        PlanPrice yearly = planPrices.findByExternalId("standard-y-1").orElseThrow();
        assertThat(yearly.validFrom()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(yearly.amount()).isEqualTo(240000);
        assertThat(yearly.months()).isEqualTo(12);
    }

    @Test
    void an_xlsx_with_a_bad_cell_names_the_excel_row_and_column() {
        ImportOutcome outcome = importAccounts(xlsx(
                row("external_id", "name", "industry", "employee_band", "decision_style", "owner", "touch_tier",
                        "lifecycle_stage"),
                row("A-1001", "小林歯科クリニック", "医療", "10-49", "top_down", "tanaka", "low", "onboarding"),
                row(),
                row("A-1002", "Yamada Logistics", "物流", "50-249", "sideways", "tanaka", "high", "adoption")));

        assertThat(outcome.errors()).containsExactly(new ImportError(4, "decision_style",
                "“sideways” is not one of: top_down, bottom_up"));
        assertThat(accounts.count()).isZero();
    }

    @Test
    void an_old_xls_workbook_is_refused_with_how_to_save_it() {
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};

        ImportOutcome outcome = importAccounts(ImportFile.of("accounts.xls", ole2));

        assertThat(outcome.errors()).extracting(ImportError::message)
                .containsExactly("old Excel files (.xls) are not read: save the workbook as .xlsx or CSV");
    }

    @Test
    void each_accepted_import_leaves_one_audit_entry_and_a_rejected_one_none() {
        importAccounts(csv(ACCOUNTS, "A-1001,小林歯科クリニック,医療,10-49,top_down,tanaka,low,onboarding"));
        importAccounts(csv(ACCOUNTS, "A-1002,Yamada Logistics,物流,50-249,bottom_up,tanaka,platinum,adoption"));

        assertThat(auditLog.latest(10))
                .filteredOn(entry -> entry.action().equals("import"))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.actor()).isEqualTo("sato");
                    assertThat(entry.entity()).isEqualTo("accounts");
                    assertThat(entry.detail()).contains("\"inserted\": 1");
                });
    }

    @Test
    void a_csm_may_not_import_because_one_file_touches_accounts_of_others() {
        SignedIn.in(users.findByUsername("tanaka").orElseThrow());

        assertThatThrownBy(() -> importAccounts(csv(ACCOUNTS,
                "A-1001,小林歯科クリニック,医療,10-49,top_down,tanaka,low,onboarding")))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(accounts.count()).isZero();
    }

    @Test
    void a_subscription_on_an_unknown_price_that_ends_before_it_starts_is_rejected_naming_both_cells() {
        accounts.upsertAll(List.of(new AccountRow("A-1001", "小林歯科クリニック", "医療", "10-49", "top_down",
                "tanaka", "low", "onboarding")));

        ImportOutcome outcome = imports.importFile("subscriptions", csv(SUBSCRIPTIONS,
                "S-1,A-1001,standard-m-9,12,0,0,active,2026-04-01,2026-03-01,,true"), Locale.ENGLISH);

        assertThat(outcome.errors()).containsExactly(
                new ImportError(2, "ended_on", "2026-03-01 is before started_on (2026-04-01)"),
                new ImportError(2, "plan_price_external_id", "no plan price with external id “standard-m-9”"));
    }

    @Test
    void a_percentage_cell_from_excel_is_the_discount_it_shows() {
        accounts.upsertAll(List.of(new AccountRow("A-1001", "小林歯科クリニック", "医療", "10-49", "top_down",
                "tanaka", "low", "onboarding")));
        plans.upsertAll(List.of(new PlanRow("standard", "Standard", false, null)));
        planPrices.upsertAll(List.of(new PlanPriceRow("standard-m-1", "standard", 1, "JPY", 3000, "month", 1,
                LocalDate.of(2025, 4, 1), null)));

        ImportOutcome outcome = imports.importFile("subscriptions", xlsx(
                row((Object[]) SUBSCRIPTIONS.split(",")),
                row("S-1", "A-1001", "standard-m-1", 12, "12.5%", 0, "active", LocalDate.of(2025, 4, 1), null,
                        LocalDate.of(2026, 4, 1), true)), Locale.ENGLISH);

        assertThat(outcome.errors()).isEmpty();
        Subscription kobayashi = subscriptions.forAccount(accounts.findByExternalId("A-1001").orElseThrow().id())
                .get(0);
        assertThat(kobayashi.discountPercent()).isEqualByComparingTo("12.5");
        assertThat(kobayashi.renewsOn()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(kobayashi.mrr()).isEqualTo(31500); // ¥3,000 × 12 seats less 12.5%
    }

    @Test
    void a_csv_saved_again_by_japanese_excel_with_slashed_dates_and_true_false_in_capitals_still_reads() {
        accounts.upsertAll(List.of(new AccountRow("A-1001", "小林歯科クリニック", "医療", "10-49", "top_down",
                "tanaka", "low", "onboarding")));

        ImportOutcome outcome = imports.importFile("contacts", csv(CsvTable.WINDOWS_31J, CONTACTS,
                "C-1,A-1001,小林 健一,kobayashi@example.jp,院長,FALSE,TRUE,数字で話す人,Meeting,2026/3/31"),
                Locale.ENGLISH);

        assertThat(outcome.errors()).isEmpty();
        Contact kobayashi = contacts.forAccount(accounts.findByExternalId("A-1001").orElseThrow().id()).get(0);
        assertThat(kobayashi.isDecisionMaker()).isTrue();
        assertThat(kobayashi.preferredChannel()).isEqualTo("meeting");
        assertThat(kobayashi.leftOn()).isEqualTo(LocalDate.of(2026, 3, 31));
    }

    @Test
    void a_semicolon_separated_file_is_told_to_use_commas() {
        ImportOutcome outcome = importAccounts(csv(ACCOUNTS.replace(',', ';'),
                "A-1001;小林歯科クリニック;医療;10-49;top_down;tanaka;low;onboarding"));

        assertThat(outcome.errors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(1);
            assertThat(error.message()).startsWith("line 1 is one cell: the values must be separated by commas");
        });
    }

    @Test
    void excels_unicode_text_is_told_apart_from_a_shift_jis_csv() {
        byte[] unicodeText = ("\uFEFF" + ACCOUNTS.replace(',', '\t') + "\r\n").getBytes(StandardCharsets.UTF_16LE);

        ImportOutcome outcome = importAccounts(ImportFile.of("accounts.txt", unicodeText));

        assertThat(outcome.errors()).extracting(ImportError::message).containsExactly(
                "this is UTF-16 text (Excel’s Unicode text), not CSV: save the sheet as \"CSV UTF-8\" or as .xlsx");
    }

    @Test
    void a_name_typed_through_a_japanese_ime_in_excel_imports_without_its_furigana() {
        byte[] workbook = TestFiles.withFurigana(TestFiles.xlsxBytes(
                row((Object[]) ACCOUNTS.split(",")),
                row("A-1001", "小林歯科クリニック", "医療", "10-49", "top_down", "tanaka", "low", "onboarding")),
                "小林歯科クリニック", "コバヤシシカクリニック");

        ImportOutcome outcome = importAccounts(ImportFile.of("accounts.xlsx", workbook));

        assertThat(outcome.errors()).isEmpty();
        assertThat(accounts.findByExternalId("A-1001").orElseThrow().name()).isEqualTo("小林歯科クリニック");
    }

    @Test
    void a_date_in_a_mac_workbook_counting_from_1904_reads_as_the_day_it_shows() throws Exception {
        plans.upsertAll(List.of(new PlanRow("standard", "Standard", false, null)));
        byte[] workbook;
        try (XSSFWorkbook mac = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var settings = mac.getCTWorkbook().isSetWorkbookPr()
                    ? mac.getCTWorkbook().getWorkbookPr() : mac.getCTWorkbook().addNewWorkbookPr();
            settings.setDate1904(true);
            Sheet sheet = mac.createSheet("prices");
            String[] header = PLAN_PRICES.split(",");
            Row names = sheet.createRow(0);
            for (int at = 0; at < header.length; at++) {
                names.createCell(at).setCellValue(header[at]);
            }
            Row price = sheet.createRow(1);
            price.createCell(0).setCellValue("standard-m-1");
            price.createCell(1).setCellValue("standard");
            price.createCell(2).setCellValue(1);
            price.createCell(3).setCellValue("JPY");
            price.createCell(4).setCellValue(3000);
            price.createCell(5).setCellValue("month");
            price.createCell(6).setCellValue(1);
            CellStyle day = mac.createCellStyle();
            day.setDataFormat(mac.createDataFormat().getFormat("yyyy/m/d"));
            // the serial number Excel for Mac stores for 2026-04-01: days since 1904-01-01
            price.createCell(7).setCellValue(DateUtil.getExcelDate(LocalDate.of(2026, 4, 1).atStartOfDay(), true));
            price.getCell(7).setCellStyle(day);
            mac.write(out);
            workbook = out.toByteArray();
        }

        ImportOutcome outcome = imports.importFile("plan-prices", ImportFile.of("prices.xlsx", workbook),
                Locale.ENGLISH);

        assertThat(outcome.errors()).isEmpty();
        assertThat(planPrices.findByExternalId("standard-m-1").orElseThrow().validFrom())
                .isEqualTo(LocalDate.of(2026, 4, 1));
    }
}
