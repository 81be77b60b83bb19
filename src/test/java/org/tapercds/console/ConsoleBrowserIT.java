package org.tapercds.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tapercds.alerts.AlertQueries;
import org.tapercds.evaluation.ChartEvidence;

/**
 * The console end to end in Debian's headless Chromium (Selenium, no Selenium Manager): a
 * pharmacist logs in, filters the queue, opens an alert, sees the chart drawn with the patient's
 * points, acknowledges with a note and is refused the audit trail; an admin then finds the action
 * in the audit trail. Skipped only where chromedriver is missing outside CI. With {@code
 * -Dscreenshot.dir=docs/screenshots} it saves the alert page as {@code alert-page.png}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "taper.console.users[0].name=pat",
            "taper.console.users[0].password={noop}" + ConsoleTestConfiguration.PASSWORD,
            "taper.console.users[0].roles=PHARMACIST",
            "taper.console.users[1].name=root",
            "taper.console.users[1].password={noop}" + ConsoleTestConfiguration.PASSWORD,
            "taper.console.users[1].roles=ADMIN"
        })
@Import(ConsoleTestConfiguration.class)
class ConsoleBrowserIT {

    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String CHROMIUM = "/usr/bin/chromium";

    /** A taper that speeds up: 35 → 20 mg within a week, then a draft to 10 mg; CIWA-B rising. */
    static final String EVIDENCE =
            """
            {"dose":[{"day":"2025-12-01","mgDe":40.0,"unknown":false,"draft":false},\
            {"day":"2025-12-15","mgDe":35.0,"unknown":false,"draft":false},\
            {"day":"2026-01-05","mgDe":30.0,"unknown":false,"draft":false},\
            {"day":"2026-01-12","mgDe":20.0,"unknown":false,"draft":false},\
            {"day":"2026-01-20","mgDe":10.0,"unknown":false,"draft":true}],\
            "scores":[{"day":"2025-12-10","instrument":"CIWA-B","value":6.0},\
            {"day":"2026-01-02","instrument":"CIWA-B","value":9.0},\
            {"day":"2026-01-14","instrument":"CIWA-B","value":18.0},\
            {"day":"2026-01-19","instrument":"CIWA-B","value":24.0}],\
            "reductions":[{"from":"2026-01-04","to":"2026-01-12","fromMgDe":35.0,"toMgDe":20.0,"percent":42.86},\
            {"from":"2026-01-11","to":"2026-01-20","fromMgDe":30.0,"toMgDe":10.0,"percent":66.67}],\
            "maxReductionPercent":25.0,"windowDays":14}""";

    private static WebDriver driver;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AlertQueries queries;

    @BeforeAll
    static void startBrowser() {
        boolean present = Files.isExecutable(Path.of(CHROMEDRIVER));
        Assumptions.assumeTrue(present || System.getenv("CI") != null, "no " + CHROMEDRIVER + " (and not CI)");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--no-first-run",
                "--window-size=1280,1360",
                "--force-device-scale-factor=1");
        driver = new ChromeDriver(options);
        driver.manage().window().setSize(new Dimension(1280, 1360));
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void pharmacistReviewsAnAlertAndAnAdminFindsTheActionInTheAuditTrail() throws Exception {
        ConsoleTestData data = new ConsoleTestData(jdbc);
        String id = data.alert(
                "patient-4711",
                "taper-rate-exceeded",
                "critical",
                "taper-rate-exceeded",
                "open",
                true,
                Instant.parse("2026-01-20T10:15:00Z"),
                "Taper too fast: the diazepam-equivalent dose falls 66.7 % within 14 days (limit 25 %)",
                EVIDENCE);
        data.feedback(
                id,
                "overridden",
                "benefits-outweigh-risks",
                "Benefits outweigh risks",
                "Patient asked for a faster taper; reviewed with her",
                Instant.parse("2026-01-20T10:17:00Z"));
        data.alert("patient-0815", "alcohol-co-use", "warning", Instant.parse("2026-01-21T08:00:00Z"));

        logIn("pat");
        assertThat(driver.findElements(By.cssSelector("tr.alert-row"))).hasSize(2);

        new Select(driver.findElement(By.id("f-category"))).selectByValue("taper-rate-exceeded");
        waitFor().until(d -> d.findElements(By.cssSelector("tr.alert-row")).size() == 1);
        assertThat(driver.findElement(By.id("total")).getText()).isEqualTo("1");
        assertThat(driver.getCurrentUrl()).contains("category=taper-rate-exceeded");

        driver.findElement(By.cssSelector("tr.alert-row a.summary")).click();
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#taper-chart canvas")));
        ChartEvidence evidence = queries.alert(id).orElseThrow().evidence();
        long recorded = evidence.dose().stream().filter(p -> !p.draft()).count();
        long drafts =
                evidence.dose().stream().filter(ChartEvidence.DosePoint::draft).count();
        // Each step line has one more point than its change points: where its last value ends.
        assertThat(seriesLength("dose")).isEqualTo(recorded + 1);
        assertThat(seriesLength("draft")).isEqualTo(drafts + 1);
        assertThat(seriesLength("score-CIWA-B")).isEqualTo(evidence.scores().size());
        assertThat(seriesLength("envelope")).isGreaterThan(1);
        assertThat(script("return document.querySelector('#taper-chart canvas').width"))
                .isNotEqualTo(0L);
        assertThat(driver.findElement(By.id("feedback")).getText()).contains("Benefits outweigh risks");
        String screenshotDir = System.getProperty("screenshot.dir");
        if (screenshotDir != null) {
            Files.createDirectories(Path.of(screenshotDir));
            Files.write(
                    Path.of(screenshotDir, "alert-page.png"),
                    ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        }

        driver.findElement(By.id("note")).sendKeys("Called the prescriber; slower steps agreed");
        driver.findElement(By.cssSelector("button[value=acknowledge]")).click();
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        assertThat(driver.findElement(By.id("actions")).getText())
                .contains("acknowledge", "pat", "Called the prescriber; slower steps agreed");

        driver.get(url("/review/audit"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed (403)");

        logOut();
        logIn("root");
        driver.get(url("/review/audit?kind=review-action"));
        List<String> rows = driver.findElements(By.cssSelector("#audit tbody tr[data-alert-id='" + id + "']")).stream()
                .map(row -> row.getText())
                .toList();
        assertThat(rows).singleElement().asString().contains("review-action", "pat", "acknowledged");
        assertThat(rows.get(0)).doesNotContain("slower steps");
    }

    private void logIn(String user) {
        driver.get(url("/review"));
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(ConsoleTestConfiguration.PASSWORD);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));
    }

    private void logOut() {
        driver.findElement(By.cssSelector("header .user button")).click();
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
    }

    private long seriesLength(String seriesId) {
        Object length = script("var chart = echarts.getInstanceByDom(document.getElementById('taper-chart'));"
                + " var s = chart.getOption().series.filter(function (x) { return x.id === arguments[0]; })[0];"
                        .replace("arguments[0]", "'" + seriesId + "'")
                + " return s ? s.data.length : -1;");
        return (Long) length;
    }

    private Object script(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private WebDriverWait waitFor() {
        return new WebDriverWait(driver, Duration.ofSeconds(10));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
