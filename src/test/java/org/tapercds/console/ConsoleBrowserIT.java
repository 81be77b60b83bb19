package org.tapercds.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.tapercds.alerts.AlertFilter;
import org.tapercds.alerts.AlertQueries;
import org.tapercds.evaluation.ChartEvidence;

/**
 * The console end to end in Debian's headless Chromium (Selenium, no Selenium Manager): a
 * pharmacist logs in (alerts made by real CDS Hooks calls), filters the queue, opens an alert, sees the chart drawn with the patient's
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
                "--window-size=1280,1480",
                "--force-device-scale-factor=1");
        driver = new ChromeDriver(options);
        driver.manage().window().setSize(new Dimension(1280, 1480));
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void pharmacistReviewsAnAlertAndAnAdminFindsTheActionInTheAuditTrail() throws Exception {
        CdsHooksCalls calls = new CdsHooksCalls(port, jdbc);
        List<String> cards = calls.orderSign(CdsHooksCalls.clonazepamHalvedWithCiwaB());
        calls.orderSign(CdsHooksCalls.request("docs/examples/order-sign-diazepam-20-to-10.json"));
        String id = cards.stream()
                .filter(uuid -> queries.alert(uuid).orElseThrow().category().equals("taper-rate-exceeded"))
                .findFirst()
                .orElseThrow();
        long stored = queries.alerts(AlertFilter.NONE, 0, 50).total();
        long taperRate = queries.alerts(
                        new AlertFilter(null, null, "taper-rate-exceeded", "pat-example", null, null), 0, 50)
                .total();
        // The EHR's feedback is seeded until the feedback store is merged (another branch).
        new ConsoleTestData(jdbc)
                .feedback(
                        id,
                        "overridden",
                        "benefits-outweigh-risks",
                        "Benefits outweigh risks",
                        "Patient asked for a faster taper; reviewed with her",
                        ConsoleTestConfiguration.NOW.plusSeconds(120));

        logIn("pat");
        assertThat(driver.findElements(By.cssSelector("tr.alert-row"))).hasSize((int) stored);

        new Select(driver.findElement(By.id("f-category"))).selectByValue("taper-rate-exceeded");
        driver.findElement(By.id("f-patient")).sendKeys("pat-example\n");
        // The category's change, the Enter and the typed text (400 ms after the last key) each
        // swap the results; read them only once all three have landed.
        List<Object> results = settledResults();
        assertThat(results.get(0)).asString().contains("category=taper-rate-exceeded", "patient=pat-example");
        assertThat(results.get(1)).isEqualTo(taperRate);
        assertThat(results.get(2)).isEqualTo(String.valueOf(taperRate));

        driver.findElement(By.cssSelector("tr.alert-row[data-alert-id='" + id + "'] a.summary"))
                .click();
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#taper-chart canvas")));
        ChartEvidence evidence = queries.alert(id).orElseThrow().evidence();
        long recorded = evidence.dose().stream().filter(p -> !p.draft()).count();
        long drafts =
                evidence.dose().stream().filter(ChartEvidence.DosePoint::draft).count();
        // Each step line has one more point than its change points: where its last value ends.
        assertThat(seriesLength("dose")).isEqualTo(recorded + 1);
        assertThat(seriesLength("draft")).isEqualTo(drafts + 1);
        assertThat(evidence.scores()).isNotEmpty();
        assertThat(script("return echarts.getInstanceByDom(document.getElementById('taper-chart')).getOption()"
                        + ".series.filter(function (s) { return s.id.indexOf('score-') === 0 && s.yAxisIndex === 1; })"
                        + ".reduce(function (n, s) { return n + s.data.length; }, 0);"))
                .isEqualTo((long) evidence.scores().size());
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

    /**
     * The query string, the row count and the shown total once htmx has had no request in flight
     * and the results have stayed the same for a second, read in one script so no swap falls in
     * between.
     */
    @SuppressWarnings("unchecked")
    private List<Object> settledResults() {
        String read = "if (document.querySelector('.htmx-request')) { return null; }"
                + " return [location.search, document.querySelectorAll('tr.alert-row').length,"
                + " document.getElementById('total').textContent];";
        Object[] seen = {null};
        long[] since = {0};
        return waitFor().pollingEvery(Duration.ofMillis(100)).until(d -> {
            Object now = script(read);
            long at = System.nanoTime();
            if (now == null || !now.equals(seen[0])) {
                seen[0] = now;
                since[0] = at;
                return null;
            }
            return at - since[0] >= Duration.ofSeconds(1).toNanos() ? (List<Object>) now : null;
        });
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
