package org.journeyplatform.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run of a scenario produced: its report (markdown, without the header common to every run) and the few key
 * figures (already formatted) that the summary table of a multi-run report lists per run.
 */
public record ScenarioResult(String markdown, Map<String, String> keyFigures) {

    public ScenarioResult {
        keyFigures = new LinkedHashMap<>(keyFigures);
    }
}
