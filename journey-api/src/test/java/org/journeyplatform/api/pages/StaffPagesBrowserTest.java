package org.journeyplatform.api.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.journeyplatform.api.support.ApiClient;
import org.journeyplatform.api.support.DemoDataSetTest;
import org.journeyplatform.api.support.HeadlessChromium;
import org.journeyplatform.api.support.Journeys;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The staff pages in a real browser (Debian's headless Chromium): a caseworker's work for today, finding and enrolling
 * a participant, her page, and every record form, which sends JSON to the API with an idempotency key and If-Match.
 * What a page shows must be what the API answers; every page is checked against the WCAG 2.1 A and AA rules with
 * axe-core and saved as screenshots (laptop and tablet widths) under {@code journey-api/target/pages/}.
 */
@DisplayName("The staff pages, in headless Chromium")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffPagesBrowserTest extends DemoDataSetTest {

    private static final String TREATMENT = "New Dawn detox and treatment";

    private HeadlessChromium chromium;
    private WebDriver browser;
    private final Map<String, List<String>> violations = new LinkedHashMap<>();

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

    /** Saves the page's screenshots and checks it with axe-core: no violation of WCAG 2.1 A or AA rules. */
    private void checkPage(String name) throws IOException {
        chromium.screenshots(name);
        List<String> found = chromium.accessibilityViolations();
        assertThat(found).as("WCAG 2.1 A and AA violations on the page " + name).isEmpty();
    }

    private void givePurposeIfAsked() {
        if (!browser.findElements(By.cssSelector("form.stacked input[name=purpose]"))
                .isEmpty()) {
            browser.findElement(By.cssSelector("form.stacked button[type=submit]"))
                    .click();
            await().atMost(Duration.ofSeconds(15))
                    .ignoreExceptions()
                    .until(() -> browser.findElements(By.cssSelector("form.stacked input[name=purpose]"))
                            .isEmpty());
        }
    }

    private void openParticipant(String participantId) {
        chromium.open("/participants/" + participantId);
        givePurposeIfAsked();
        await().atMost(Duration.ofSeconds(15))
                .ignoreExceptions()
                .until(() -> browser.findElement(By.tagName("h1")).isDisplayed());
    }

    private void openForm(String formId) {
        List<WebElement> boxes = browser.findElements(By.id(formId + "-box"));
        if (!boxes.isEmpty() && boxes.get(0).getAttribute("open") == null) {
            boxes.get(0).findElement(By.tagName("summary")).click();
        }
    }

    /** Sets a field of a form: a select by its visible text, a date or time by its ISO value, text by typing. */
    private void fill(String formId, String field, String value) {
        WebElement input = browser.findElement(By.id(formId + "-" + field));
        switch (input.getTagName()) {
            case "select" -> new Select(input).selectByVisibleText(value);
            case "textarea" -> input.sendKeys(value);
            default -> {
                String type = input.getAttribute("type");
                if ("date".equals(type) || "time".equals(type)) {
                    chromium.script("arguments[0].value = arguments[1];", input, value);
                } else {
                    input.clear();
                    input.sendKeys(value);
                }
            }
        }
    }

    /** Sends a form and waits for the page it leads to (after a success), or for its error summary. */
    private void send(String formId) {
        chromium.script("document.documentElement.setAttribute('data-page', 'sent');");
        browser.findElement(By.cssSelector("#" + formId + " button[type=submit]"))
                .click();
        await().atMost(Duration.ofSeconds(20))
                .ignoreExceptions()
                .until(() ->
                        !"sent".equals(chromium.script("return document.documentElement.getAttribute('data-page');"))
                                || browser.findElement(By.cssSelector("#" + formId + " .error-summary"))
                                        .isDisplayed());
    }

    private void record(String formId, Map<String, String> fields) {
        openForm(formId);
        fields.forEach((field, value) -> fill(formId, field, value));
        send(formId);
        List<WebElement> errors = browser.findElements(By.cssSelector("#" + formId + " .error-summary"));
        assertThat(errors.isEmpty() || !errors.get(0).isDisplayed())
                .as(
                        "the form %s was recorded; the page says: %s",
                        formId, errors.isEmpty() ? "" : errors.get(0).getText())
                .isTrue();
        awaitTimelineCaughtUp();
    }

    /** The page's timeline holds every recorded entry (it is reloaded until it does). */
    private void awaitTimelineCaughtUp() {
        await().atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> {
                    if (!browser.findElements(By.id("catching-up")).isEmpty()) {
                        browser.navigate().refresh();
                        return false;
                    }
                    return true;
                });
    }

    private String eventIdOf(String participantId, ApiClient api, String type, int index) {
        JsonNode timeline =
                api.get("/api/v1/participants/" + participantId + "/timeline").json();
        return Journeys.rowsOfType(timeline, type).get(index).get("eventId").asText();
    }

    /** The timeline rows the page shows: event id, kind, status and date in her life. */
    private List<String> pageTimeline() {
        List<String> rows = new ArrayList<>();
        for (WebElement row : browser.findElements(By.cssSelector("#timeline-table tbody tr"))) {
            rows.add(row.getAttribute("data-event") + " " + row.getAttribute("data-type") + " "
                    + row.getAttribute("data-status") + " "
                    + row.findElement(By.className("occurred")).getText());
        }
        return rows;
    }

    private static List<String> apiTimeline(JsonNode timeline) {
        List<String> rows = new ArrayList<>();
        for (JsonNode row : timeline) {
            rows.add(row.get("eventId").asText() + " " + row.get("type").asText() + " "
                    + row.get("status").asText() + " " + row.get("occurredOn").asText());
        }
        return rows;
    }

    private int countOfType(ApiClient api, String participantId, String type) {
        return Journeys.rowsOfType(
                        api.get("/api/v1/participants/" + participantId + "/timeline")
                                .json(),
                        type)
                .size();
    }

    @Nested
    @DisplayName("for a caseworker")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ForACaseworker {

        private final ApiClient api = new ApiClient(port, "caseworker", "caseworker-demo");
        private String participantId;

        @Test
        @Order(1)
        @DisplayName("signs in to her work for today, and finds a participant by part of her chosen name")
        void findsAParticipant() throws IOException {
            chromium.signIn("/", "caseworker", "caseworker-demo");
            assertThat(browser.getCurrentUrl()).endsWith("/home");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Work for today");
            checkPage("home");

            browser.findElement(By.linkText("Find a participant")).click();
            browser.findElement(By.id("name")).sendKeys("marigold");
            browser.findElement(By.cssSelector("form[role=search] button")).click();
            await().atMost(Duration.ofSeconds(15))
                    .ignoreExceptions()
                    .until(() -> browser.getCurrentUrl().contains("name=marigold"));
            List<WebElement> found = browser.findElements(By.cssSelector("#results tbody a"));
            assertThat(found).isNotEmpty();
            for (WebElement link : found) {
                assertThat(link.getText()).containsIgnoringCase("marigold");
                String id = link.getAttribute("href").replaceAll(".*/participants/", "");
                assertThat(api.get("/api/v1/participants/" + id).status())
                        .as("every participant found is one the API lets her read")
                        .isEqualTo(200);
            }
            checkPage("find");
        }

        @Test
        @Order(2)
        @DisplayName("enrols a participant and records a multi-year journey through the forms; the page shows what the"
                + " API returns, and the as-of view shows it before a correction")
        void recordsAWholeJourney() throws IOException {
            String name = "Rosalind " + UUID.randomUUID().toString().substring(0, 6);
            chromium.open("/participants");
            record("form-enrolment", Map.of("chosenName", name, "enrolledOn", "2022-01-10"));
            givePurposeIfAsked();
            await().atMost(Duration.ofSeconds(15))
                    .ignoreExceptions()
                    .until(() -> browser.findElement(By.tagName("h1")).getText().equals(name));
            participantId = browser.getCurrentUrl().replaceAll(".*/participants/([0-9a-f-]{36}).*", "$1");
            checkPage("participant-new");

            record(
                    "form-programme-entries",
                    Map.of("programmeId", TREATMENT, "occurredOn", "2022-02-01", "note", "Settled in"));
            openForm("form-relapses");
            browser.findElement(By.id("form-relapses-supportFollowed-0")).click();
            browser.findElement(By.id("form-relapses-supportFollowed-1")).click();
            record(
                    "form-relapses",
                    Map.of("occurredOn", "2022-06-01", "kind", "Drug or alcohol use", "severity", "Moderate"));
            record("form-milestones", Map.of("occurredOn", "2022-09-01", "type", "Stable housing"));
            record("form-reunification-plans", Map.of("childPseudonym", "Sparrow", "occurredOn", "2022-10-01"));
            record(
                    "form-reunification-plans-planId-steps",
                    Map.of("step", "Supervised contact", "occurredOn", "2023-01-10"));
            record(
                    "form-reunification-plans-planId-steps",
                    Map.of("step", "Unsupervised visits", "occurredOn", "2023-03-01"));
            record(
                    "form-reunification-plans-planId-steps",
                    Map.of("step", "Supervised contact", "occurredOn", "2023-05-01"));
            record(
                    "form-assessments-ors",
                    Map.of(
                            "occurredOn", "2023-02-01",
                            "item-individually", "5",
                            "item-interpersonally", "6",
                            "item-socially", "7",
                            "item-overall", "8"));
            record("form-goals", Map.of("description", "Find a flat of my own", "occurredOn", "2023-02-15"));
            record(
                    "form-consents",
                    Map.of(
                            "kind",
                            "Service",
                            "scope",
                            "service",
                            "expiresOn",
                            "2027-01-10",
                            "occurredOn",
                            "2022-01-10"));
            record(
                    "form-programme-exits",
                    Map.of("programmeId", TREATMENT, "occurredOn", "2024-03-01", "reason", "Completed"));
            checkPage("participant");

            // corrects the milestone's date, and retracts the relapse, each with a reason
            String milestone = eventIdOf(participantId, api, "milestone-reached", 0);
            browser.findElement(By.cssSelector("tr[data-event='" + milestone + "'] a.amend"))
                    .click();
            checkPage("entry");
            WebElement date = browser.findElement(By.id("correct-occurredOn"));
            chromium.script("arguments[0].value = '2022-09-15';", date);
            browser.findElement(By.id("correct-reason")).sendKeys("The date in the notes was wrong");
            send("form-correction");
            awaitTimelineCaughtUp();
            String relapse = eventIdOf(participantId, api, "relapse-recorded", 0);
            browser.findElement(By.cssSelector("tr[data-event='" + relapse + "'] a.amend"))
                    .click();
            browser.findElement(By.id("retract-reason")).sendKeys("Recorded in the wrong participant's record");
            send("form-retraction");
            awaitTimelineCaughtUp();

            // then the page shows exactly the API's timeline and summary
            JsonNode timeline = api.get("/api/v1/participants/" + participantId + "/timeline")
                    .json();
            assertThat(pageTimeline()).isEqualTo(apiTimeline(timeline));
            assertThat(Journeys.types(timeline))
                    .contains(
                            "participant-enrolled",
                            "programme-entered",
                            "relapse-recorded",
                            "milestone-reached",
                            "reunification-plan-opened",
                            "reunification-step-recorded",
                            "assessment-recorded",
                            "goal-set",
                            "consent-given",
                            "programme-exited",
                            "event-corrected",
                            "event-retracted");
            JsonNode summary = api.get("/api/v1/participants/" + participantId + "/summary")
                    .json();
            assertThat(text("summary-relapses"))
                    .isEqualTo(summary.get("relapses").asText());
            assertThat(text("summary-milestones"))
                    .isEqualTo(summary.get("milestones").asText());
            assertThat(text("summary-programmes")).isEqualTo("None");
            assertThat(summary.get("currentProgrammes")).isEmpty();
            assertThat(text("summary-plans")).isEqualTo("Sparrow: Supervised contact");
            assertThat(text("summary-goals")).isEqualTo("“Find a flat of my own”");
            assertThat(text("summary-days-since-relapse")).isEqualTo("None recorded");
            assertThat(summary.path("daysSinceLastRelapse").isMissingNode()).isTrue();
            assertThat(browser.findElements(By.cssSelector(".plan li")))
                    .extracting(WebElement::getText)
                    .containsExactly(
                            "Plan opened on 2022-10-01",
                            "Step forward to Supervised contact on 2023-01-10",
                            "Step forward to Unsupervised visits on 2023-03-01",
                            "Step back to Supervised contact on 2023-05-01");
            assertThat(chromium.script(
                            "return document.querySelectorAll('#assessment-charts canvas[data-drawn]').length"))
                    .isEqualTo(1L);
            assertThat(browser.findElement(By.cssSelector("tr[data-event='" + milestone + "'] .occurred"))
                            .getText())
                    .isEqualTo("2022-09-15");

            // and as known before the correction, the milestone has its first date and the relapse stands
            browser.findElement(By.cssSelector("tr[data-event='" + milestone + "'] a.before-correction"))
                    .click();
            await().atMost(Duration.ofSeconds(15))
                    .ignoreExceptions()
                    .until(() -> browser.findElement(By.id("as-of-notice")).isDisplayed());
            assertThat(browser.findElement(By.cssSelector("tr[data-event='" + milestone + "'] .occurred"))
                            .getText())
                    .isEqualTo("2022-09-01");
            assertThat(browser.findElement(By.cssSelector("tr[data-event='" + relapse + "']"))
                            .getAttribute("data-status"))
                    .isEqualTo("recorded");
            assertThat(browser.findElements(By.id("record")))
                    .as("nothing is recorded in the as-of view")
                    .isEmpty();
            checkPage("participant-as-of");
        }

        private String text(String id) {
            return browser.findElement(By.id(id)).getText().strip();
        }

        @Test
        @Order(3)
        @DisplayName("a double-clicked form records once")
        void doubleClickRecordsOnce() {
            openParticipant(participantId);
            int before = countOfType(api, participantId, "milestone-reached");
            openForm("form-milestones");
            fill("form-milestones", "occurredOn", "2024-05-01");
            fill("form-milestones", "type", "Employment");
            // two submissions of the same rendered form, as a double click on a slow connection sends them
            chromium.script("const f = document.getElementById('form-milestones');"
                    + "f.requestSubmit(); f.setAttribute('data-busy', 'false'); f.requestSubmit();");
            await().atMost(Duration.ofSeconds(20))
                    .ignoreExceptions()
                    .until(() -> browser.getCurrentUrl().contains("recorded="));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> countOfType(api, participantId, "milestone-reached") == before + 1);
            assertThat(countOfType(api, participantId, "milestone-reached")).isEqualTo(before + 1);
        }

        @Test
        @Order(4)
        @DisplayName("a form opened before someone else recorded is refused, with a link to reload")
        void staleFormIsRefused() {
            openParticipant(participantId);
            String versionOnPage = browser.findElement(By.id("version")).getText();
            // someone else records a milestone after the page was opened
            int earlier = countOfType(api, participantId, "milestone-reached");
            Journeys.accepted(api.post(
                    "/api/v1/participants/" + participantId + "/milestones",
                    "{\"occurredOn\":\"2024-06-01\",\"type\":\"EDUCATION\"}"));
            int before = earlier + 1;
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> countOfType(api, participantId, "milestone-reached") == before);
            openForm("form-milestones");
            fill("form-milestones", "occurredOn", "2024-07-01");
            fill("form-milestones", "type", "Health");
            send("form-milestones");
            WebElement summary = browser.findElement(By.cssSelector("#form-milestones .error-summary"));
            assertThat(summary.isDisplayed()).isTrue();
            assertThat(summary.getText()).contains("changed since you opened");
            assertThat(countOfType(api, participantId, "milestone-reached")).isEqualTo(before);
            summary.findElement(By.cssSelector("a.reload")).click();
            await().atMost(Duration.ofSeconds(15))
                    .ignoreExceptions()
                    .until(() ->
                            !browser.findElement(By.id("version")).getText().equals(versionOnPage));
        }

        @Test
        @Order(5)
        @DisplayName("a broken rule shows its message beside the field it concerns, and records nothing")
        void brokenRuleIsShownBesideItsField() throws IOException {
            openParticipant(participantId);
            int before = countOfType(api, participantId, "milestone-reached");
            openForm("form-milestones");
            fill("form-milestones", "occurredOn", "2001-01-01");
            fill("form-milestones", "type", "Health");
            send("form-milestones");
            WebElement error = browser.findElement(By.id("form-milestones-occurredOn-error"));
            assertThat(error.isDisplayed()).isTrue();
            assertThat(error.getText()).contains("before the participant's enrolment");
            assertThat(browser.findElement(By.id("form-milestones-occurredOn")).getAttribute("aria-invalid"))
                    .isEqualTo("true");
            assertThat(browser.switchTo().activeElement().getAttribute("class")).contains("error-summary");
            assertThat(countOfType(api, participantId, "milestone-reached")).isEqualTo(before);
            checkPage("participant-with-error");

            // and once put right, the same form records
            fill("form-milestones", "occurredOn", "2024-08-01");
            send("form-milestones");
            awaitTimelineCaughtUp();
            assertThat(countOfType(api, participantId, "milestone-reached")).isEqualTo(before + 1);
        }

        @Test
        @Order(6)
        @DisplayName("cannot open a participant outside her programmes by address: the same 404 as the API")
        void outOfScopeIsNotFound() throws IOException {
            ApiClient outreach = new ApiClient(port, "outreach-worker", "outreach-demo");
            String outside = null;
            for (JsonNode p : outreach.get("/api/v1/participants?limit=200").json()) {
                String id = p.get("participantId").asText();
                if (api.get("/api/v1/participants/" + id).status() == 404) {
                    outside = id;
                    break;
                }
            }
            assertThat(outside)
                    .as("the demo data set has an outreach participant outside her programmes")
                    .isNotNull();
            chromium.open("/participants/" + outside);
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("No participant here");
            assertThat(browser.getPageSource()).doesNotContain(outside.substring(0, 8) + "\"");
            checkPage("not-found");
        }
    }

    @Nested
    @DisplayName("for a peer worker")
    class ForAPeerWorker {

        @Test
        @DisplayName("sees only the peer group's participants by chosen name, and logs a peer session")
        void logsAPeerSession() throws IOException {
            chromium.signIn("/", "peer-worker", "peer-demo");
            assertThat(browser.getCurrentUrl()).contains("/participants");
            List<WebElement> found = browser.findElements(By.cssSelector("#results tbody a"));
            assertThat(found).isNotEmpty();
            assertThat(browser.findElement(By.id("results")).getText())
                    .as("a peer worker sees chosen names only")
                    .doesNotContain("Referred by")
                    .doesNotContain("Enrolled");
            assertThat(browser.findElements(By.id("status"))).isEmpty();
            String id = found.get(0).getAttribute("href").replaceAll(".*/participants/", "");
            ApiClient peer = new ApiClient(port, "peer-worker", "peer-demo");
            assertThat(peer.get("/api/v1/participants/" + id).status()).isEqualTo(200);
            openParticipant(id);
            assertThat(browser.findElements(By.id("timeline-table"))).isEmpty();
            assertThat(browser.findElements(By.id("summary"))).isEmpty();
            assertThat(browser.findElements(By.cssSelector("form.record"))).hasSize(1);
            assertThat(browser.findElements(By.id("version"))).isEmpty();
            assertThat(browser.findElement(By.id("main")).getText()).doesNotContain("Enrolled");
            checkPage("peer-participant");
            ApiClient manager = new ApiClient(port, "manager", "manager-demo");
            int before = countOfType(manager, id, "peer-session-attended");
            WebElement form = browser.findElement(By.cssSelector("form.record"));
            String formId = form.getAttribute("id");
            fill(formId, "kind", "One to one");
            fill(formId, "occurredOn", LocalDate.now().minusDays(1).toString());
            fill(formId, "minutes", "45");
            send(formId);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> countOfType(manager, id, "peer-session-attended") == before + 1);
        }
    }

    @Nested
    @DisplayName("her work for today")
    class WorkForToday {

        private final LocalDate today = LocalDate.now();
        private final String suffix = UUID.randomUUID().toString().substring(0, 6);
        private ApiClient staff;
        private String programme;

        private String json(Object... pairs) {
            StringBuilder json = new StringBuilder("{");
            for (int i = 0; i < pairs.length; i += 2) {
                json.append(i > 0 ? "," : "").append('"').append(pairs[i]).append("\":");
                Object value = pairs[i + 1];
                json.append(
                        value instanceof String text && !text.startsWith("{") && !text.startsWith("[")
                                ? "\"" + text + "\""
                                : value);
            }
            return json.append('}').toString();
        }

        /** Enrols her two years ago and enters her into the programme on {@code enteredOn}; returns her id. */
        private String participant(String name, LocalDate enteredOn) {
            String id = Journeys.accepted(staff.post(
                            "/api/v1/participants",
                            json(
                                    "chosenName",
                                    name + " " + suffix,
                                    "enrolledOn",
                                    today.minusYears(2).toString())))
                    .get("participantId")
                    .asText();
            post(id, "programme-entries", json("programmeId", programme, "occurredOn", enteredOn.toString()));
            return id;
        }

        private JsonNode post(String participant, String what, String body) {
            return Journeys.accepted(staff.post("/api/v1/participants/" + participant + "/" + what, body));
        }

        private void reading(String participant, LocalDate on) {
            post(
                    participant,
                    "assessments",
                    json("instrument", "ors", "itemScores", Journeys.ors(24), "occurredOn", on.toString()));
        }

        private void exit(String participant, int daysAgo) {
            post(
                    participant,
                    "programme-exits",
                    json(
                            "programmeId",
                            programme,
                            "occurredOn",
                            today.minusDays(daysAgo).toString(),
                            "reason",
                            "COMPLETED"));
        }

        /** A service consent given 300 days ago that expires in {@code days}; returns its id. */
        private String consent(String participant, int days) {
            return post(
                            participant,
                            "consents",
                            json(
                                    "kind",
                                    "SERVICE",
                                    "scope",
                                    "service",
                                    "expiresOn",
                                    today.plusDays(days).toString(),
                                    "occurredOn",
                                    today.minusDays(300).toString()))
                    .get("id")
                    .asText();
        }

        /** A reunification plan opened 200 days ago whose one step was {@code stepDaysAgo} days ago. */
        private void plan(String participant, String child, int stepDaysAgo) {
            String plan = post(
                            participant,
                            "reunification-plans",
                            json(
                                    "childPseudonym",
                                    child,
                                    "occurredOn",
                                    today.minusDays(200).toString()))
                    .get("id")
                    .asText();
            post(
                    participant,
                    "reunification-plans/" + plan + "/steps",
                    json(
                            "step",
                            "SUPERVISED_CONTACT",
                            "occurredOn",
                            today.minusDays(stepDaysAgo).toString()));
        }

        @Test
        @DisplayName("lists exactly those who left in the last ten months, whose readings are due, whose consents"
                + " expire within 30 days and whose plans have stalled, each linking to her")
        void listsTheRightParticipants() throws IOException {
            // given a caseworker with a programme of her own, and participants in every case and beside every case
            ApiClient admin = new ApiClient(port, "admin", "admin-demo");
            ApiClient manager = new ApiClient(port, "manager", "manager-demo");
            String username = "home-" + suffix;
            assertThat(admin.post(
                                    "/api/v1/admin/users",
                                    json(
                                            "username",
                                            username,
                                            "password",
                                            "a-long-password-1",
                                            "roles",
                                            "[\"CASEWORKER\"]"))
                            .status())
                    .isEqualTo(201);
            programme = Journeys.accepted(manager.post(
                            "/api/v1/programmes", json("name", "Home page house " + suffix, "type", "RESIDENTIAL")))
                    .get("programmeId")
                    .asText();
            Journeys.awaitProgramme(manager, programme);
            assertThat(admin.send("PUT", "/api/v1/admin/staff/" + username + "/programmes/" + programme, null)
                            .status())
                    .isIn(200, 204);
            staff = new ApiClient(port, username, "a-long-password-1");
            LocalDate entered = today.minusYears(1);

            String leftRecently = participant("Leaver recent", entered);
            exit(leftRecently, 90);
            String leftLongAgo = participant("Leaver long ago", entered);
            exit(leftLongAgo, 330);
            String exitRetracted = participant("Leaver retracted", entered);
            reading(exitRetracted, today.minusDays(20));
            exit(exitRetracted, 60);
            String readingDue = participant("Reader due", entered);
            reading(readingDue, today.minusDays(120));
            String readingFresh = participant("Reader fresh", entered);
            reading(readingFresh, today.minusDays(20));
            String neverRead = participant("Never read", today.minusDays(100));
            String consentSoon = participant("Consent soon", entered);
            reading(consentSoon, today.minusDays(20));
            consent(consentSoon, 10);
            String consentLater = participant("Consent later", entered);
            reading(consentLater, today.minusDays(20));
            consent(consentLater, 60);
            String consentWithdrawn = participant("Consent withdrawn", entered);
            reading(consentWithdrawn, today.minusDays(20));
            post(
                    consentWithdrawn,
                    "consents/" + consent(consentWithdrawn, 5) + "/withdrawal",
                    json("occurredOn", today.minusDays(3).toString()));
            String planStalled = participant("Plan stalled", entered);
            reading(planStalled, today.minusDays(20));
            plan(planStalled, "Wren", 90);
            String planMoving = participant("Plan moving", entered);
            reading(planMoving, today.minusDays(20));
            plan(planMoving, "Robin", 10);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> countOfType(staff, exitRetracted, "programme-exited") == 1);
            String exit = eventIdOf(exitRetracted, staff, "programme-exited", 0);
            post(exitRetracted, "events/" + exit + "/retraction", json("reason", "Recorded in error"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> countOfType(staff, planMoving, "reunification-step-recorded") == 1
                            && countOfType(staff, exitRetracted, "event-retracted") == 1);

            // when she signs in
            chromium.signIn("/", username, "a-long-password-1");
            assertThat(browser.getCurrentUrl()).endsWith("/home");

            // then each list names exactly the participants it should, most pressing first
            assertThat(names("recently-left")).containsExactly("Leaver recent " + suffix);
            assertThat(names("assessments-due")).containsExactly("Reader due " + suffix, "Never read " + suffix);
            assertThat(names("consents-expiring")).containsExactly("Consent soon " + suffix);
            assertThat(names("stalled-plans")).containsExactly("Plan stalled " + suffix);
            assertThat(browser.findElement(By.cssSelector("#recently-left tbody td.num"))
                            .getText())
                    .isEqualTo("90");
            assertThat(browser.findElement(By.cssSelector("#assessments-due tbody tr:nth-child(2) td:nth-child(2)"))
                            .getText())
                    .isEqualTo("none yet");
            browser.findElement(By.linkText("Plan stalled " + suffix)).click();
            givePurposeIfAsked();
            assertThat(browser.getCurrentUrl()).endsWith("/participants/" + planStalled);
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Plan stalled " + suffix);
            assertThat(List.of(leftLongAgo, readingFresh, consentLater, neverRead, consentSoon))
                    .hasSize(5);
        }

        private List<String> names(String table) {
            return browser.findElements(By.cssSelector("#" + table + " tbody td:first-child a")).stream()
                    .map(WebElement::getText)
                    .toList();
        }
    }

    @Nested
    @DisplayName("used with the keyboard alone, and at 200 % zoom")
    class KeyboardAndZoom {

        private final ApiClient api = new ApiClient(port, "caseworker", "caseworker-demo");

        private WebElement focused() {
            return browser.switchTo().activeElement();
        }

        private void press(CharSequence... keys) {
            new Actions(browser).sendKeys(keys).perform();
        }

        /** Whether the focused element shows where the focus is: an outline or a ring around it. */
        private boolean focusShows() {
            return Boolean.TRUE.equals(chromium.script("""
                    const el = document.activeElement;
                    const style = getComputedStyle(el);
                    const box = el.getBoundingClientRect();
                    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
                    return (outline || style.boxShadow !== 'none') && box.width > 0 && box.height > 0;
                    """));
        }

        /** Presses Tab until the focus is on what {@code css} selects; every element passed shows its focus. */
        private void tabTo(String css) {
            List<String> unseen = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                press(Keys.TAB);
                WebElement now = focused();
                if (!focusShows()) {
                    unseen.add(now.getTagName() + "#" + now.getAttribute("id") + " (" + now.getAttribute("type") + ") "
                            + now.getText());
                }
                if (Boolean.TRUE.equals(chromium.script("return arguments[0].matches(arguments[1]);", now, css))) {
                    assertThat(unseen)
                            .as("elements that took the focus without showing it")
                            .isEmpty();
                    return;
                }
            }
            throw new AssertionError("the keyboard never reached " + css);
        }

        @Test
        @DisplayName("reaches the page's content past the header, opens a form, is taken to a refused field from the"
                + " error summary, and records a milestone, never touching the mouse")
        void recordsWithTheKeyboard() {
            String participantId = Journeys.accepted(api.post(
                            "/api/v1/participants",
                            "{\"chosenName\":\"Keys "
                                    + UUID.randomUUID().toString().substring(0, 6)
                                    + "\",\"enrolledOn\":\"2024-01-10\"}"))
                    .get("participantId")
                    .asText();
            chromium.signIn("/", "caseworker", "caseworker-demo");
            openParticipant(participantId);
            assertThat(chromium.script("return document.querySelectorAll('[tabindex]:not([tabindex=\"-1\"]):not("
                            + "[tabindex=\"0\"])').length;"))
                    .as("no element changes the focus order from the page's reading order")
                    .isEqualTo(0L);

            // the first Tab shows the skip link; following it puts the focus in the main content
            chromium.script("document.activeElement.blur(); window.scrollTo(0, 0);");
            press(Keys.TAB);
            assertThat(focused().getAttribute("class")).isEqualTo("skip");
            assertThat(focusShows())
                    .as("the skip link shows when it has the focus")
                    .isTrue();
            press(Keys.ENTER);
            press(Keys.TAB);
            assertThat(chromium.script("return document.activeElement.closest('main') !== null;"))
                    .as("after the skip link, the next Tab is in the main content")
                    .isEqualTo(true);

            // her milestone form opens from its summary with Enter
            tabTo("#form-milestones-box > summary");
            press(Keys.ENTER);
            assertThat(browser.findElement(By.id("form-milestones-box")).getAttribute("open"))
                    .isNotNull();

            // sent without its kind, the refusal takes the focus, and its link takes her to the field
            tabTo("#form-milestones button[type=submit]");
            press(Keys.ENTER);
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> "error-summary".equals(focused().getAttribute("class")));
            assertThat(countOfType(api, participantId, "milestone-reached")).isZero();
            press(Keys.TAB);
            assertThat(focused().getText()).startsWith("Type: ");
            press(Keys.ENTER);
            assertThat(focused().getAttribute("id")).isEqualTo("form-milestones-type");

            // she chooses the kind by typing, and sends the form again
            press("Stable");
            assertThat(new Select(focused()).getFirstSelectedOption().getText()).isEqualTo("Stable housing");
            tabTo("#form-milestones button[type=submit]");
            press(Keys.ENTER);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> countOfType(api, participantId, "milestone-reached") == 1);
        }

        @Test
        @DisplayName("at 200 % zoom every page reflows to its window: nothing needs scrolling sideways")
        void reflowsAtDoubleZoom() throws IOException {
            chromium.signIn("/", "caseworker", "caseworker-demo");
            String marigold = browser.findElements(By.cssSelector("a[href^='/participants/']")).stream()
                    .map(link -> link.getAttribute("href").replaceAll(".*/participants/", ""))
                    .filter(id -> id.matches("[0-9a-f-]{36}"))
                    .findFirst()
                    .orElseThrow();
            chromium.zoom(200);
            try {
                Map<String, List<String>> overflow = new LinkedHashMap<>();
                for (String page : List.of("/home", "/participants", "/participants/" + marigold)) {
                    chromium.open(page);
                    givePurposeIfAsked();
                    await().atMost(Duration.ofSeconds(15))
                            .ignoreExceptions()
                            .until(() -> browser.findElement(By.tagName("h1")).isDisplayed());
                    chromium.script("document.querySelectorAll('details').forEach(d => d.open = true);");
                    overflow.put(page, chromium.sidewaysOverflow());
                    chromium.screenshot(page.replaceAll("^/", "").replaceAll("s/[0-9a-f-]{36}", "") + "-zoom-200");
                }
                assertThat(overflow)
                        .allSatisfy((page, found) -> assertThat(found)
                                .as("what passes the window's right edge on " + page)
                                .isEmpty());
            } finally {
                chromium.unzoom();
            }
        }
    }

    @Nested
    @DisplayName("for an administrator")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ForAnAdministrator {

        private final ApiClient caseworker = new ApiClient(port, "caseworker", "caseworker-demo");

        @Test
        @Order(1)
        @DisplayName("verifies the audit log from her page")
        void verifiesTheAuditLog() throws IOException {
            chromium.signIn("/", "admin", "admin-demo");
            assertThat(browser.getCurrentUrl()).endsWith("/admin");
            browser.findElement(By.cssSelector("form[action='/admin'] button")).click();
            await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .until(() -> browser.findElement(By.id("verification")).isDisplayed());
            assertThat(browser.findElement(By.id("verification")).getText()).contains("The audit log is intact");
            checkPage("admin");
        }

        @Test
        @Order(2)
        @DisplayName("opens a record only under break-glass, with a reason, and reads it without recording")
        void breaksTheGlass() throws IOException {
            String id = null;
            for (JsonNode p : caseworker.get("/api/v1/participants?limit=20").json()) {
                if (!p.get("chosenName").asText().equals("erased")) {
                    id = p.get("participantId").asText();
                    break;
                }
            }
            assertThat(id).isNotNull();
            chromium.open("/participants/" + id);
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("No participant here");
            chromium.open("/admin");
            browser.findElement(By.id("form-break-glass-participant")).sendKeys(id);
            browser.findElement(By.id("form-break-glass-reason")).sendKeys("Her caseworker asked for a records check");
            send("form-break-glass");
            givePurposeIfAsked();
            await().atMost(Duration.ofSeconds(15))
                    .ignoreExceptions()
                    .until(() -> browser.findElement(By.id("timeline-table")).isDisplayed());
            assertThat(browser.getCurrentUrl()).contains("/participants/" + id);
            assertThat(browser.findElements(By.id("record")))
                    .as("an administrator records nothing")
                    .isEmpty();
            assertThat(browser.findElements(By.cssSelector("a.amend"))).isEmpty();
            ApiClient admin = new ApiClient(port, "admin", "admin-demo");
            assertThat(admin.get("/api/v1/admin/audit?limit=1000&participantId=" + id)
                            .body())
                    .contains("\"actor\":\"admin\"")
                    .contains("GET /participants/{participantId}")
                    .contains("\"breakGlass\":true");
            assertThat(new ApiClient(port, "manager", "manager-demo")
                            .get("/api/v1/break-glass-grants")
                            .body())
                    .as("managers review the grant, with its reason")
                    .contains("Her caseworker asked for a records check");
        }

        @Test
        @Order(3)
        @DisplayName("erases a participant after a confirmation that names what will be lost")
        void erases() throws IOException {
            String id = Journeys.accepted(caseworker.post(
                            "/api/v1/participants",
                            "{\"chosenName\":\"Erasable "
                                    + UUID.randomUUID().toString().substring(0, 6)
                                    + "\",\"enrolledOn\":\"2024-01-10\"}"))
                    .get("participantId")
                    .asText();
            Journeys.accepted(caseworker.post(
                    "/api/v1/participants/" + id + "/milestones",
                    "{\"occurredOn\":\"2024-02-01\",\"type\":\"HEALTH\",\"description\":\"Saw a doctor\"}"));
            chromium.open("/admin");
            browser.findElement(By.id("erase-participant")).sendKeys(id);
            browser.findElement(By.cssSelector("form[action='/admin/erasure'] button"))
                    .click();
            await().atMost(Duration.ofSeconds(15))
                    .ignoreExceptions()
                    .until(() -> browser.findElement(By.id("lost")).isDisplayed());
            assertThat(browser.findElement(By.id("lost")).getText())
                    .contains("chosen name (1 entry)")
                    .contains("description (1 entry)");
            checkPage("erasure");
            browser.findElement(By.id("form-erasure-reason")).sendKeys("Her request, ref. 2026-099");
            send("form-erasure");
            assertThat(browser.findElement(By.id("form-erasure-confirmation-error"))
                            .getText())
                    .contains("Tick");
            assertThat(caseworker
                            .get("/api/v1/participants/" + id)
                            .json()
                            .get("chosenName")
                            .asText())
                    .as("nothing is erased without the confirmation")
                    .startsWith("Erasable");
            browser.findElement(By.id("form-erasure-confirm")).click();
            send("form-erasure");
            await().atMost(Duration.ofSeconds(15))
                    .ignoreExceptions()
                    .until(() -> browser.findElement(By.id("erased-notice")).isDisplayed());
            assertThat(caseworker
                            .get("/api/v1/participants/" + id)
                            .json()
                            .get("chosenName")
                            .asText())
                    .isEqualTo("erased");
        }
    }
}
