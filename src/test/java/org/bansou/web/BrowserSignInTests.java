package org.bansou.web;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.bansou.CleanDatabase;
import org.bansou.account.AccountProfile;
import org.bansou.account.Accounts;
import org.bansou.account.ContactRow;
import org.bansou.account.Contacts;
import org.bansou.catalog.PlanPriceRow;
import org.bansou.catalog.PlanPrices;
import org.bansou.catalog.PlanRow;
import org.bansou.catalog.Plans;
import org.bansou.security.AppUser;
import org.bansou.security.AppUsers;
import org.bansou.security.Role;
import org.bansou.subscription.SubscriptionRow;
import org.bansou.subscription.Subscriptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real browser (Debian's chromium, headless) against the running application: what a CSM does first every
 * morning. The browser and its driver are named explicitly, so nothing is ever downloaded; if they are
 * missing the test fails rather than being skipped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(CleanDatabase.class)
class BrowserSignInTests {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @LocalServerPort int port;
    @Autowired AppUsers users;
    @Autowired Accounts accounts;
    @Autowired Contacts contacts;
    @Autowired Plans plans;
    @Autowired PlanPrices planPrices;
    @Autowired Subscriptions subscriptions;

    ChromeDriver browser;
    WebDriverWait wait;
    Path profile;

    @BeforeEach
    void satoAndHerBook() {
        AppUser sato = users.create("sato", "佐藤 花子", "sato@example.jp", Role.CSM, "sato-password-1");
        accounts.create("A-1001", new AccountProfile("小林歯科クリニック", "医療", "10-49", "top_down", sato.id(),
                "low", "adoption"));
        accounts.create("A-2002", new AccountProfile("田中ロジスティクス", "物流", "250-999", "bottom_up", sato.id(),
                "high", "retention"));
        accounts.create("A-3003", new AccountProfile("山本製作所", "製造", "50-249", "top_down", null,
                "tech", "onboarding"));
        contacts.upsertAll(List.of(new ContactRow("C-1", "A-1001", "小林 健", "ken@kobayashi-dental.jp", "院長",
                true, true, "数字で説明すると納得する", "meeting", null)));
        plans.upsertAll(List.of(new PlanRow("P-STD", "Standard", false, null)));
        planPrices.upsertAll(List.of(new PlanPriceRow("STD-M", "P-STD", 1, "JPY", 2_500, "month", 1,
                LocalDate.of(2024, 4, 1), null)));
        // 8 seats at ¥2,500 a month: ¥20,000 MRR
        subscriptions.upsertAll(List.of(new SubscriptionRow("S-1", "A-1001", "STD-M", 8, BigDecimal.ZERO, 0,
                "active", LocalDate.of(2025, 4, 1), null, LocalDate.of(2026, 4, 1), true)));
    }

    @BeforeEach
    void startChromium() throws IOException {
        assertThat(CHROMIUM).as("Debian's chromium (apt install chromium)").isExecutable();
        assertThat(CHROMEDRIVER).as("Debian's chromedriver (apt install chromium-driver)").isExecutable();
        profile = Files.createTempDirectory("bansou-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-default-apps", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void stopChromium() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void a_csm_signs_in_and_opens_an_account_from_the_list() {
        browser.get("http://localhost:" + port + "/accounts");
        wait.until(ExpectedConditions.urlContains("/login"));

        signInAsSato();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("account-results")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("アカウント");
        assertThat(browser.findElement(By.id("account-results")).getText())
                .contains("小林歯科クリニック", "田中ロジスティクス", "山本製作所", "¥20,000");

        browser.findElement(By.linkText("小林歯科クリニック")).click();

        wait.until(ExpectedConditions.textToBe(By.id("account-name"), "小林歯科クリニック"));
        String page = browser.findElement(By.tagName("main")).getText();
        assertThat(page).contains("小林 健", "院長", "Standard", "¥20,000", "MRR 合計");
        assertThat(browser.findElement(By.id("profile-form")).isDisplayed())
                .as("the form stays folded until the CSM asks to edit").isFalse();
    }

    @Test
    void a_search_typed_into_the_list_narrows_it_without_reloading_the_page() {
        browser.get("http://localhost:" + port + "/accounts");
        signInAsSato();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("account-results")));
        ((JavascriptExecutor) browser).executeScript("window.stillTheSamePage = true;");

        browser.findElement(By.id("q")).sendKeys("田中");

        wait.until(ExpectedConditions.not(
                ExpectedConditions.textToBePresentInElementLocated(By.id("account-results"), "小林歯科クリニック")));
        assertThat(browser.findElement(By.id("account-results")).getText()).contains("田中ロジスティクス");
        assertThat(browser.getCurrentUrl()).as("the filtered list is a link one can share").contains("q=");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.stillTheSamePage === true;"))
                .isEqualTo(true);
    }

    private void signInAsSato() {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username"))).sendKeys("sato");
        browser.findElement(By.id("password")).sendKeys("sato-password-1");
        browser.findElement(By.id("sign-in")).click();
    }
}
