package org.journeyplatform.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.journeyplatform.api.support.ApiClient;
import org.journeyplatform.api.support.ApiTest;
import org.journeyplatform.api.support.LoginForm;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@DisplayName("A form sent to the web pages without its CSRF token (as a page on another site would send it)")
class CrossSiteFormsTest extends ApiTest {

    @LocalServerPort
    private int port;

    @Test
    @DisplayName("is refused with 403 and the refusal page: a sign-in, a sign-out, a post to the dashboard")
    void refused() {
        LoginForm browser = new LoginForm(port);

        ApiClient.Response signIn = browser.postWithoutToken("/login", "username=manager&password=manager-demo");
        assertThat(signIn.status()).as(signIn.toString()).isEqualTo(403);
        assertThat(signIn.body()).contains("<html");

        assertThat(browser.signIn("manager", "manager-demo").status()).isEqualTo(302);
        assertThat(browser.postWithoutToken("/logout", "").status()).isEqualTo(403);
        assertThat(browser.postWithoutToken("/dashboard", "programme=x").status())
                .isEqualTo(403);
        assertThat(browser.get("/dashboard").status())
                .as("still signed in: the refused sign-out did nothing")
                .isEqualTo(200);
    }
}
