package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.journeyplatform.api.support.ApiClient;
import org.journeyplatform.api.support.DemoDataSetTest;
import org.journeyplatform.api.support.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.PrintsPage;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dashboard page in a real browser: Debian's headless Chromium, driven through Debian's chromedriver (nothing is
 * downloaded). A manager signs in with the form, picks a programme, and every figure the page shows must be the one
 * the JSON API gives for the same programme and period. Screenshots (laptop and tablet widths) and a printed PDF are
 * saved under {@code journey-api/target/}.
 */
@DisplayName("The dashboard page, in headless Chromium")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardPageBrowserTest extends DemoDataSetTest {

    private static final String PROGRAMME = "New Dawn detox and treatment";

    @Autowired
    private JdbcClient jdbc;

    private HeadlessChromium chromium;
    private WebDriver browser;

    @BeforeAll
    void startBrowser() throws IOException {
        chromium = new HeadlessChromium(port);
        browser = chromium.driver();
    }

    @AfterAll
    void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    private void signIn(String username, String password) {
        chromium.signIn("/dashboard", username, password);
    }

    @Nested
    @DisplayName("for a programme manager")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ForAManager {

        @Test
        @Order(1)
        @DisplayName(
                "shows the figures of the programme she picks, exactly as the API gives them, with its charts drawn")
        void figuresMatchTheApi() throws IOException {
            // given the demo data set, fully projected
            ApiClient api = new ApiClient(port, "manager", "manager-demo");
            String programmeId = programmeId(api);
            await().atMost(Duration.ofSeconds(60)).until(() -> caughtUp());

            // when she signs in and picks the programme
            signIn("manager", "manager-demo");
            await().atMost(Duration.ofSeconds(15))
                    .ignoreExceptions()
                    .until(() -> browser.getCurrentUrl().contains("/dashboard"));
            new Select(browser.findElement(By.id("programme"))).selectByVisibleText(PROGRAMME);
            await().atMost(Duration.ofSeconds(15))
                    .ignoreExceptions()
                    .until(() -> browser.findElement(By.cssSelector("#figures .period strong"))
                            .getText()
                            .equals(PROGRAMME));
            await().atMost(Duration.ofSeconds(15))
                    .ignoreExceptions()
                    .until(() -> browser.findElements(By.cssSelector("canvas[data-drawn='true']"))
                                    .size()
                            == 4);

            // then every figure on the page is the API's figure for the same programme and period
            String from = browser.findElement(By.id("from")).getAttribute("value");
            String to = browser.findElement(By.id("to")).getAttribute("value");
            String interval = new Select(browser.findElement(By.id("interval")))
                    .getFirstSelectedOption()
                    .getAttribute("value");
            assertThat(interval).as("the page opens by quarter").isEqualTo("quarter");
            assertThat(LocalDate.parse(from))
                    .as("over the last two years")
                    .isBefore(LocalDate.parse(to).minusMonths(21))
                    .isAfter(LocalDate.parse(to).minusMonths(25));
            JsonNode dashboard = api.get("/api/v1/programmes/" + programmeId + "/dashboard?from=" + from + "&to=" + to
                            + "&interval=" + interval)
                    .json();
            Map<String, String> shown = new LinkedHashMap<>();
            for (WebElement figure : browser.findElements(By.cssSelector("[data-figure]"))) {
                shown.put(figure.getAttribute("data-figure"), figure.getText().strip());
            }
            assertThat(shown)
                    .containsKeys(
                            "headline.participants",
                            "headline.activeNow",
                            "headline.entries",
                            "headline.exits",
                            "lengthOfStay.medianDays",
                            "relapseAndReturn.shareWithin10Months",
                            "milestones.total",
                            "peerSupport.sessions");
            shown.forEach((key, text) -> assertThat(text).as(key).isEqualTo(expected(dashboard, key)));
            assertThat(dashboard.at("/headline/participants/value").asDouble())
                    .as("a demo programme has enough participants to show its figures")
                    .isGreaterThanOrEqualTo(11);
            assertThat(browser.getCurrentUrl())
                    .as("the address follows the choice, so it can be shared or reloaded")
                    .contains("programme=" + programmeId);
            Object movement = ((JavascriptExecutor) browser)
                    .executeScript("const c = Chart.getChart(document.getElementById('movement-chart'));"
                            + "return c ? c.data.labels.length : -1;");
            assertThat(((Number) movement).intValue())
                    .isEqualTo(dashboard.get("movement").size());

            // and by month, the movement has one bar group per month the period touches
            new Select(browser.findElement(By.id("interval"))).selectByValue("month");
            await().atMost(Duration.ofSeconds(15))
                    .ignoreExceptions()
                    .until(() -> browser.getCurrentUrl().contains("interval=month"));
            await().atMost(Duration.ofSeconds(15))
                    .ignoreExceptions()
                    .until(() -> ((Number) ((JavascriptExecutor) browser)
                                            .executeScript(
                                                    "const c = Chart.getChart(document.getElementById('movement-chart'));"
                                                            + "return c ? c.data.labels.length : -1;"))
                                    .intValue()
                            == api.get("/api/v1/programmes/" + programmeId + "/dashboard?interval=month&from=" + from
                                            + "&to=" + to)
                                    .json()
                                    .get("movement")
                                    .size());

            // and the page breaks no WCAG 2.1 A or AA rule, and is kept for people to look at: laptop and tablet
            // widths, and on paper
            assertThat(chromium.accessibilityViolations()).isEmpty();
            chromium.screenshots("dashboard");
            byte[] pdf = Base64.getDecoder()
                    .decode(((PrintsPage) browser).print(new PrintOptions()).getContent());
            assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("%PDF-");
            Files.write(HeadlessChromium.target("dashboard-print.pdf"), pdf);
        }

        @Test
        @Order(2)
        @DisplayName("can sign out, after which the page asks her to sign in again")
        void signsOut() {
            signIn("manager", "manager-demo");
            await().atMost(Duration.ofSeconds(15))
                    .ignoreExceptions()
                    .until(() -> browser.getCurrentUrl().contains("/dashboard"));
            browser.findElement(By.cssSelector("header form button")).click();
            await().atMost(Duration.ofSeconds(15))
                    .ignoreExceptions()
                    .until(() -> browser.getCurrentUrl().contains("/login?signedOut"));
            chromium.open("/dashboard");
            assertThat(browser.getCurrentUrl()).endsWith("/login");
        }
    }

    @Nested
    @DisplayName("for other staff")
    class ForOtherStaff {

        @Test
        @DisplayName("a caseworker who signs in is told the page is not for her role, and sees no figure")
        void caseworkerIsTurnedAway() {
            signIn("caseworker", "caseworker-demo");
            await().atMost(Duration.ofSeconds(15))
                    .ignoreExceptions()
                    .until(() -> browser.getPageSource().contains("Not for your role"));
            assertThat(browser.findElements(By.cssSelector("[data-figure]"))).isEmpty();
        }

        @Test
        @DisplayName("a wrong password is refused with a message, not a figure")
        void wrongPassword() {
            signIn("manager", "not-the-password");
            await().atMost(Duration.ofSeconds(15))
                    .ignoreExceptions()
                    .until(() -> browser.getCurrentUrl().contains("/login?error"));
            assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("do not match");
            assertThat(browser.findElement(By.id("username")).getAttribute("value"))
                    .isEqualTo("manager");
            assertThat(browser.findElement(By.id("password")).getAttribute("value"))
                    .isEmpty();
            assertThat(chromium.accessibilityViolations()).isEmpty();
        }
    }

    /**
     * The figure as the page shows it, from the API's cell: its display text, or "hidden" for a hidden figure that is
     * not a small count (the full text is its title).
     */
    private static String expected(JsonNode dashboard, String key) {
        String[] parts = key.split("\\.");
        JsonNode cell;
        if (parts[0].equals("assessments")) {
            cell = null;
            for (JsonNode assessment : dashboard.get("assessments")) {
                if (assessment.get("instrument").asText().equals(parts[1])) {
                    cell = assessment.get(parts[2]);
                }
            }
        } else {
            cell = dashboard.get(parts[0]).get(parts[1]);
        }
        assertThat(cell).as("the API has the figure " + key).isNotNull();
        String display = cell.get("display").asText();
        return cell.get("suppressed").asBoolean() && !display.startsWith("fewer than ") ? "hidden" : display;
    }

    /** The dashboard projection has handled every stored event. */
    private boolean caughtUp() {
        long position = new ApiClient(port, "admin", "admin-demo")
                .get("/api/v1/admin/projections/programme-dashboard")
                .json()
                .path("position")
                .asLong(-1);
        Long last = jdbc.sql("SELECT max(global_index) FROM domain_event_entry")
                .query(Long.class)
                .single();
        return last != null && position >= last;
    }

    private static String programmeId(ApiClient api) {
        for (JsonNode programme : api.get("/api/v1/programmes").json()) {
            if (programme.get("name").asText().equals(PROGRAMME)) {
                return programme.get("programmeId").asText();
            }
        }
        throw new AssertionError("the demo data set has no programme named " + PROGRAMME);
    }
}
