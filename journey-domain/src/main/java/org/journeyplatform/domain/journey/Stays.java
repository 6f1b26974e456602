package org.journeyplatform.domain.journey;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.journey.event.ModuleAttendedEvent;
import org.journeyplatform.domain.journey.event.ModuleCompletedEvent;
import org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent;
import org.journeyplatform.domain.journey.event.ProgrammeExitedEvent;
import org.journeyplatform.domain.programme.CurriculumModule;
import org.journeyplatform.domain.programme.ProgrammeDirectory;
import org.journeyplatform.domain.shared.JourneyRuleException;
import org.journeyplatform.domain.shared.ModuleId;
import org.journeyplatform.domain.shared.ProgrammeId;
import org.journeyplatform.domain.shared.RuleViolation;

/** Her stays in programmes: entries, exits, and the curriculum modules she attends and completes while in one. */
final class Stays extends Concern<Stays> {

    private final ProgrammeStays<ProgrammeId> stays;

    Stays() {
        this(new ProgrammeStays<>());
    }

    private Stays(ProgrammeStays<ProgrammeId> stays) {
        this.stays = stays;
    }

    @Override
    Set<Class<? extends JourneyEvent>> events() {
        return Set.of(
                ProgrammeEnteredEvent.class,
                ProgrammeExitedEvent.class,
                ModuleAttendedEvent.class,
                ModuleCompletedEvent.class);
    }

    @Override
    void checkFields(JourneyEvent event, Clock clock, Directories directories) {
        if (event instanceof ProgrammeEnteredEvent e) {
            requireRegistered(e.programmeId(), directories.programmes());
        } else if (event instanceof ProgrammeExitedEvent e) {
            requireRegistered(e.programmeId(), directories.programmes());
        } else if (event instanceof ModuleAttendedEvent e) {
            requireModule(e.programmeId(), e.moduleId(), directories.programmes());
        } else if (event instanceof ModuleCompletedEvent e) {
            requireModule(e.programmeId(), e.moduleId(), directories.programmes());
        }
    }

    @Override
    void check(JourneyEvent event, LocalDate on) {
        if (event instanceof ProgrammeEnteredEvent e) {
            LocalDate since = stays.inSince(e.programmeId());
            if (since != null) {
                throw rule(
                        RuleViolation.ALREADY_IN_PROGRAMME,
                        "On " + on + " she had been in programme " + e.programmeId() + " since " + since + ".");
            }
        } else if (event instanceof ProgrammeExitedEvent e) {
            requireInProgramme(e.programmeId(), on);
        } else if (event instanceof ModuleAttendedEvent e) {
            requireInProgramme(e.programmeId(), on);
        } else if (event instanceof ModuleCompletedEvent e) {
            requireInProgramme(e.programmeId(), on);
        }
    }

    @Override
    void apply(JourneyEvent event, LocalDate on) {
        if (event instanceof ProgrammeEnteredEvent e) {
            stays.entered(e.programmeId(), on);
        } else if (event instanceof ProgrammeExitedEvent e) {
            stays.exited(
                    e.programmeId(), on, e.reason() == null ? null : e.reason().name());
        }
        // module records change nothing a rule depends on
    }

    @Override
    Stays copy() {
        return new Stays(stays.copy());
    }

    Map<ProgrammeId, LocalDate> current() {
        return java.util.Collections.unmodifiableMap(stays.current());
    }

    boolean hasBeenIn(ProgrammeId programme) {
        return stays.hasBeenIn(programme);
    }

    LocalDate latestExitFrom(ProgrammeId programme) {
        return stays.latestExitFrom(programme);
    }

    private void requireInProgramme(ProgrammeId programme, LocalDate on) {
        LocalDate since = stays.inSince(programme);
        if (since == null) {
            throw rule(RuleViolation.NOT_IN_PROGRAMME, "On " + on + " she is not in programme " + programme + ".");
        }
        if (on.isBefore(since)) {
            throw rule(RuleViolation.EXIT_BEFORE_ENTRY, "Dated " + on + ", before her entry on " + since + ".");
        }
    }

    static void requireRegistered(ProgrammeId programme, ProgrammeDirectory programmes) {
        if (!programmes.isRegistered(programme)) {
            throw new JourneyRuleException(
                    RuleViolation.UNKNOWN_PROGRAMME, "No programme is registered with id " + programme + ".");
        }
    }

    private static void requireModule(ProgrammeId programme, ModuleId module, ProgrammeDirectory programmes) {
        List<CurriculumModule> curriculum = programmes
                .curriculumOf(programme)
                .orElseThrow(() -> new JourneyRuleException(
                        RuleViolation.UNKNOWN_PROGRAMME, "No programme is registered with id " + programme + "."));
        if (curriculum.stream().noneMatch(m -> m.moduleId().equals(module))) {
            throw new JourneyRuleException(
                    RuleViolation.UNKNOWN_MODULE, "Programme " + programme + " has no module '" + module + "'.");
        }
    }
}
