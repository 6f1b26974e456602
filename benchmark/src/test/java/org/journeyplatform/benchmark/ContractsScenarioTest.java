package org.journeyplatform.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The contracts scenario compares answers")
class ContractsScenarioTest {

    @Test
    @DisplayName("with recording instants and random ids numbered in order of appearance, and nothing else changed")
    void normalised() {
        String answer = "{\"eventId\":\"bb660a99-9e08-486a-87f4-8af944110d2d\",\"participantId\":"
                + "\"284ac783-7ee0-3756-80d6-07b327e09fa7\",\"recordedAt\":\"2026-12-06T17:06:23.512Z\","
                + "\"occurredOn\":\"2025-04-20\",\"planId\":\"d9d5410a-5713-4a9a-ba8c-4362ac9e89b0\","
                + "\"again\":\"bb660a99-9e08-486a-87f4-8af944110d2d\"}";

        assertThat(ContractsScenario.normalise(answer))
                .isEqualTo("{\"eventId\":\"<id-1>\",\"participantId\":\"284ac783-7ee0-3756-80d6-07b327e09fa7\","
                        + "\"recordedAt\":\"<instant>\",\"occurredOn\":\"2025-04-20\",\"planId\":\"<id-2>\","
                        + "\"again\":\"<id-1>\"}");
    }

    @Test
    @DisplayName("research files with the pseudonyms of things with random ids numbered, checksums hidden, and the "
            + "pseudonyms of participants, programmes and peers kept")
    void research() {
        String line = "{\"participant\":\"2mtlth5zdfv4i6mr\",\"plan\":\"plan-od5okibqcc\","
                + "\"goal\":\"goal-5varlbvbqq\",\"programme\":\"programme-am7mlce7hl\",\"again\":\"plan-od5okibqcc\","
                + "\"sha256\":\"80247fdba136408520e859d21d7c31ee57073a4c96e1983a2936ae09a0eeea4b\"}";

        assertThat(ContractsScenario.normaliseResearch(line))
                .isEqualTo("{\"participant\":\"2mtlth5zdfv4i6mr\",\"plan\":\"<plan-1>\",\"goal\":\"<goal-2>\","
                        + "\"programme\":\"programme-am7mlce7hl\",\"again\":\"<plan-1>\",\"sha256\":\"<sha256>\"}");
    }

    @Test
    @DisplayName("a list is compared as a set: its objects sorted, nothing inside them changed")
    void listsAsSets() {
        assertThat(ContractsScenario.Json.unordered("200 [{\"a\":\"}{\",\"n\":{\"x\":1}},{\"a\":\"0\"}]"))
                .isEqualTo("200 [{\"a\":\"0\"},{\"a\":\"}{\",\"n\":{\"x\":1}}]");
        assertThat(ContractsScenario.Json.unordered("404 {\"type\":\"x\"}")).isEqualTo("404 {\"type\":\"x\"}");
    }

    @Test
    @DisplayName("two answers with the same entries in their lists in another order are told apart from others")
    void unordered() {
        String a = "200 {\"consents\":[{\"id\":\"<id-1>\",\"kind\":\"SERVICE\"},{\"id\":\"<id-2>\",\"kind\":"
                + "\"RESEARCH\"}],\"n\":1.0,\"s\":\"a,]\\\"b\"}";
        String b = "200 {\"consents\":[{\"id\":\"<id-2>\",\"kind\":\"RESEARCH\"},{\"id\":\"<id-1>\",\"kind\":"
                + "\"SERVICE\"}],\"n\":1.0,\"s\":\"a,]\\\"b\"}";
        String c = b.replace("1.0", "2.0");
        assertThat(ContractsScenario.Json.unordered(a)).isEqualTo(ContractsScenario.Json.unordered(b));
        assertThat(ContractsScenario.Json.unordered(a)).isNotEqualTo(ContractsScenario.Json.unordered(c));
        assertThat(ContractsScenario.Json.unordered("401 ")).isEqualTo("401 ");
        // numbered by appearance, the same consents in another order get each other's numbers
        String renumbered =
                b.replace("<id-2>", "<id-x>").replace("<id-1>", "<id-2>").replace("<id-x>", "<id-1>");
        assertThat(ContractsScenario.Json.unordered(ContractsScenario.anyId(a)))
                .isEqualTo(ContractsScenario.Json.unordered(ContractsScenario.anyId(renumbered)));
    }
}
