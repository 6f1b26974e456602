package org.journeyplatform.api.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.journeyplatform.api.support.ApiClient;
import org.journeyplatform.api.support.DemoDataSetTest;
import org.journeyplatform.api.support.LoginForm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Bad input to the staff pages, as a careless user or an attacker sends it: a page that says so, never a 500. */
@DisplayName("The staff pages, given bad input")
class StaffPagesInputTest extends DemoDataSetTest {

    private LoginForm caseworker;
    private String participant;

    @BeforeEach
    void signIn() {
        caseworker = new LoginForm(port);
        assertThat(caseworker.signIn("caseworker", "caseworker-demo").status()).isEqualTo(302);
        participant = new ApiClient(port, "caseworker", "caseworker-demo")
                .get("/api/v1/participants?limit=1")
                .json()
                .get(0)
                .get("participantId")
                .asText();
    }

    /** Gives the session's purpose through the purpose form, as the browser does on her first participant's page. */
    private void givePurpose() {
        ApiClient.Response given = caseworker.postFromPage(
                "/participants/" + participant,
                "/purpose",
                "purpose=Casework+with+her&returnTo=%2Fparticipants%2F" + participant);
        assertThat(given.status()).isEqualTo(302);
    }

    @Nested
    @DisplayName("finding a participant")
    class Finding {

        @Test
        @DisplayName(
                "with a control character in the name is refused at the edge (400), and with nonsense filters shows "
                        + "the first page")
        void badSearches() {
            assertThat(caseworker.get("/participants?name=a%00b").status()).isEqualTo(400);
            assertThat(caseworker.get("/participants?name=a%01b").status()).isEqualTo(400);
            ApiClient.Response nonsense = caseworker.get("/participants?page=abc&status=zzz&programme=%27%3B--");
            assertThat(nonsense.status()).isEqualTo(200);
            assertThat(nonsense.body()).contains("id=\"results\"");
            assertThat(caseworker.get("/participants?page=99999999999999").status())
                    .isEqualTo(200);
        }
    }

    @Nested
    @DisplayName("her work for today")
    class Home {

        private int rows(String page, String table) {
            int start = page.indexOf("id=\"" + table + "\"");
            if (start < 0) {
                return 0;
            }
            String tbody = page.substring(page.indexOf("<tbody>", start), page.indexOf("</tbody>", start));
            return tbody.split("<tr>", -1).length - 1;
        }

        private int count(String page, String id) {
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("id=\"" + id + "\">(\\d+)<").matcher(page);
            assertThat(m.find()).as(id).isTrue();
            return Integer.parseInt(m.group(1));
        }

        @Test
        @DisplayName("shows each list's 25 most pressing rows, and the whole list behind its link; a nonsense list name"
                + " shows the first rows")
        void longListsAreCut() {
            String page = caseworker.get("/home?all=%27zzz").body();
            Map<String, String> lists = Map.of(
                    "recently-left",
                    "left",
                    "assessments-due",
                    "due",
                    "consents-expiring",
                    "consent",
                    "stalled-plans",
                    "plans");
            Map<String, String> kinds = Map.of(
                    "recently-left",
                    "left",
                    "assessments-due",
                    "due",
                    "consents-expiring",
                    "consents",
                    "stalled-plans",
                    "plans");
            boolean anyCut = false;
            for (Map.Entry<String, String> list : lists.entrySet()) {
                int total = count(page, list.getValue() + "-count");
                assertThat(rows(page, list.getKey())).as(list.getKey()).isEqualTo(Math.min(total, 25));
                if (total > 25) {
                    anyCut = true;
                    assertThat(page).contains("Show all " + total);
                    String whole = caseworker
                            .get("/home?all=" + kinds.get(list.getKey()))
                            .body();
                    assertThat(rows(whole, list.getKey()))
                            .as(list.getKey() + ", whole")
                            .isEqualTo(total);
                }
            }
            assertThat(anyCut)
                    .as("the demo data set gives the caseworker a list longer than 25")
                    .isTrue();
        }
    }

    @Nested
    @DisplayName("a participant's page")
    class ParticipantPage {

        @Test
        @DisplayName("for anything that is not her id is the same 404; break-glass is offered only for an id")
        void notFound() {
            ApiClient.Response junk = caseworker.get("/participants/not-an-id");
            assertThat(junk.status()).isEqualTo(404);
            assertThat(junk.body()).contains("No participant here").doesNotContain("break-glass");
            String probed = UUID.randomUUID().toString();
            ApiClient.Response nobody = caseworker.get("/participants/" + probed);
            assertThat(nobody.status()).isEqualTo(404);
            assertThat(nobody.body()).contains("No participant here").contains("form-break-glass");
            assertThat(new ApiClient(port, "admin", "admin-demo")
                            .get("/api/v1/admin/audit?participantId=" + probed)
                            .body())
                    .as("a refused page read is written in the audit log, as the API's refusals are")
                    .contains("\"outcome\":\"REFUSED\"")
                    .contains("\"actor\":\"caseworker\"");
        }

        @Test
        @DisplayName("as known on a date that is not one says so; a kind that is not one is ignored")
        void badAsOfAndKind() {
            givePurpose();
            assertThat(caseworker
                            .get("/participants/" + participant + "?asOf=a%00b")
                            .status())
                    .isEqualTo(400);
            for (String asOf : new String[] {"garbage", "99999-01-01", "0001-01-01", "2026-13-45", "%3Cb%3E"}) {
                ApiClient.Response page = caseworker.get("/participants/" + participant + "?asOf=" + asOf);
                assertThat(page.status()).as(asOf).isEqualTo(200);
                assertThat(page.body()).as(asOf).contains("must be a date like");
            }
            ApiClient.Response later = caseworker.get("/participants/" + participant + "?asOf="
                    + java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(2));
            assertThat(later.status()).as("as known on a day to come").isEqualTo(200);
            assertThat(later.body()).contains("cannot be a day to come");
            ApiClient.Response today = caseworker.get(
                    "/participants/" + participant + "?asOf=" + java.time.LocalDate.now(java.time.ZoneOffset.UTC));
            assertThat(today.status()).isEqualTo(200);
            assertThat(today.body()).doesNotContain("cannot be a day to come").doesNotContain("must be a date like");
            ApiClient.Response before = caseworker.get("/participants/" + participant + "?asOf=1990-01-01");
            assertThat(before.status()).as("as known before she was enrolled").isEqualTo(200);
            assertThat(before.body()).contains("Her enrolment was not recorded yet");
            ApiClient.Response kind = caseworker.get("/participants/" + participant + "?kind=%3Cscript%3E");
            assertThat(kind.status()).isEqualTo(200);
            assertThat(kind.body()).doesNotContain("<script>");
        }
    }

    @Nested
    @DisplayName("the purpose form")
    class PurposeForm {

        @Test
        @DisplayName("from another site (no CSRF token) is refused; it never sends her elsewhere; an empty purpose is "
                + "asked again")
        void purpose() {
            assertThat(caseworker
                            .postWithoutToken("/purpose", "purpose=x&returnTo=%2Fparticipants")
                            .status())
                    .isEqualTo(403);
            ApiClient.Response away = caseworker.postFromPage(
                    "/participants/" + participant,
                    "/purpose",
                    "purpose=Casework&returnTo=https%3A%2F%2Fevil.example%2F");
            assertThat(away.status()).isEqualTo(302);
            assertThat(away.header("Location")).endsWith("/participants");
            ApiClient.Response control = caseworker.postFromPage(
                    "/participants/" + participant,
                    "/purpose",
                    "purpose=other&other=+&returnTo=%2Fparticipants%2F" + participant);
            assertThat(control.header("Location")).contains("purposeMissing");
        }
    }

    @Nested
    @DisplayName("administration")
    class Administration {

        @Test
        @DisplayName("is not for a caseworker; an erasure asked for an id that names no one says so")
        void admin() {
            assertThat(caseworker.get("/admin").status()).isEqualTo(403);
            LoginForm admin = new LoginForm(port);
            assertThat(admin.signIn("admin", "admin-demo").status()).isEqualTo(302);
            ApiClient.Response junk = admin.get("/admin/erasure?participant=%27%3B--");
            assertThat(junk.status()).isEqualTo(200);
            assertThat(junk.body()).contains("No participant has this id");
            assertThat(admin.get("/home").header("Location")).endsWith("/admin");
            LoginForm researcher = new LoginForm(port);
            assertThat(researcher.signIn("researcher", "researcher-demo").status())
                    .isEqualTo(302);
            assertThat(researcher.get("/home").status()).isEqualTo(403);
        }
    }
}
