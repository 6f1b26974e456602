package org.journeyplatform.api.problems;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.web.MockHttpServletResponse;

@DisplayName("A problem written by hand")
class ProblemResponsesTest {

    /** Jackson as Spring MVC sets it up for problem details (with its mix-in for ProblemDetail). */
    private final ObjectMapper mvc = Jackson2ObjectMapperBuilder.json().build();

    @Test
    @DisplayName("is the same JSON, byte for byte, as Spring MVC writes for the same problem")
    void sameAsMvc() throws Exception {
        String detail = "You sent \"x\" \\ with a tab\tand ünïcode,\r\na bell \u0007 and \u001f.";
        ProblemDetail problem = ProblemResponses.detail(ProblemType.LOGIN_THROTTLED, detail);
        problem.setProperty("retryAfterSeconds", 42L);

        String byHand = ProblemResponses.json(
                ProblemType.LOGIN_THROTTLED.uri(),
                ProblemType.LOGIN_THROTTLED.title(),
                ProblemType.LOGIN_THROTTLED.status().value(),
                detail,
                Map.of("retryAfterSeconds", 42L));

        assertThat(byHand).isEqualTo(mvc.writeValueAsString(problem));
    }

    @Test
    @DisplayName("names the path of an addressed response as its instance, where Spring MVC puts it")
    void instanceAsMvc() throws Exception {
        org.springframework.mock.web.MockHttpServletRequest request =
                new org.springframework.mock.web.MockHttpServletRequest("POST", "/api/v1/participants/x/relapses");
        MockHttpServletResponse response = new MockHttpServletResponse();
        ProblemDetail problem = ProblemResponses.detail(ProblemType.LOGIN_THROTTLED, "Wait.");
        problem.setInstance(java.net.URI.create("/api/v1/participants/x/relapses"));
        problem.setProperty("retryAfterSeconds", 42L);

        // a wrapper of its own in between, as later filters add them
        ProblemResponses.write(
                new jakarta.servlet.http.HttpServletResponseWrapper(ProblemResponses.addressed(request, response)),
                ProblemType.LOGIN_THROTTLED,
                "Wait.",
                Map.of("retryAfterSeconds", 42L));

        assertThat(response.getContentAsString()).isEqualTo(mvc.writeValueAsString(problem));
    }

    @Test
    @DisplayName("is the whole response: status, media type and body, with what was buffered dropped")
    void wholeResponse() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.getOutputStream().write("half an answer".getBytes());
        response.setHeader("Retry-After", "5");

        ProblemResponses.write(response, ProblemType.UNAVAILABLE);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(mvc.readTree(response.getContentAsByteArray()))
                .isEqualTo(mvc.readTree(mvc.writeValueAsString(
                        ProblemResponses.detail(ProblemType.UNAVAILABLE, ProblemType.UNAVAILABLE.description()))));
    }

    @Test
    @DisplayName("is not written over an answer already sent")
    void notOverACommittedAnswer() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setStatus(200);
        response.getOutputStream().write("{}".getBytes());
        response.flushBuffer();

        ProblemResponses.write(response, ProblemType.INTERNAL_ERROR);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).isEqualTo("{}");
    }
}
