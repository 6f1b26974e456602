package org.journeyplatform.api.pages;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The words the page templates put on values, as a bean the templates call ({@code ${@pageText.constant(x)}}). A
 * static call ({@code T(SomeClass).method(x)}) made Spring's expression language look the class up in the jar on every
 * evaluation: with a row per participant or per timeline entry that was nearly all of a page's server time.
 */
@Component("pageText")
public class PageText {

    /** {@code STABLE_HOUSING} becomes "Stable housing". */
    public String constant(String constant) {
        return constant == null || constant.isEmpty() ? "" : DashboardPageController.words(constant);
    }

    /** {@code occurredOn} becomes "Occurred on"; {@code relapse-recorded} "Relapse recorded". */
    public String name(String name) {
        return name == null ? "" : RecordForms.words(name);
    }

    /** A detail of a timeline entry in words ({@link JourneyPage#shown}). */
    public String shown(Object value) {
        return JourneyPage.shown(value);
    }

    /** Whether a form's path asks for a choice of which there is none yet ({@link JourneyPage#missingChoice}). */
    public boolean missingChoice(RecordForms.Form form, Map<String, List<JourneyPage.Choice>> choices) {
        return JourneyPage.missingChoice(form, choices);
    }
}
