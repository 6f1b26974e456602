package org.journeyplatform.domain.journey;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import org.journeyplatform.domain.journey.event.JourneyEvent;
import org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent;
import org.journeyplatform.domain.journey.event.ProfileDetailsUpdatedEvent;

/** Who she is: her enrolment and the details of her profile. */
final class Profile extends Concern<Profile> {

    /** Why a chosen name is refused that shows nothing. */
    static final String BLANK_NAME = "A participant is enrolled under the name or pseudonym she chose; it must not be"
            + " blank (spaces, zero-width or direction marks alone show nothing).";

    private LocalDate enrolledOn;

    @Override
    Set<Class<? extends JourneyEvent>> events() {
        return Set.of(ParticipantEnrolledEvent.class, ProfileDetailsUpdatedEvent.class);
    }

    @Override
    void checkFields(JourneyEvent event, Clock clock, Directories directories) {
        if (event instanceof ParticipantEnrolledEvent e) {
            if (!org.journeyplatform.domain.shared.VisibleText.hasVisible(e.chosenName())) {
                throw new IllegalArgumentException(BLANK_NAME);
            }
            requirePlausibleAges(e.yearOfBirth(), e.ageAtFirstEntry(), clock);
        } else if (event instanceof ProfileDetailsUpdatedEvent e) {
            if (e.chosenName() == null
                    && e.yearOfBirth() == null
                    && e.ageBand() == null
                    && e.genderIdentity() == null
                    && e.ageAtFirstEntry() == null
                    && e.referralSource() == null) {
                throw new IllegalArgumentException("A profile update changes at least one detail.");
            }
            if (e.chosenName() != null && !org.journeyplatform.domain.shared.VisibleText.hasVisible(e.chosenName())) {
                throw new IllegalArgumentException(BLANK_NAME);
            }
            requirePlausibleAges(e.yearOfBirth(), e.ageAtFirstEntry(), clock);
        }
    }

    @Override
    void apply(JourneyEvent event, LocalDate on) {
        if (event instanceof ParticipantEnrolledEvent) {
            enrolledOn = on;
        }
        // profile updates change nothing a rule depends on
    }

    @Override
    Profile copy() {
        Profile copy = new Profile();
        copy.enrolledOn = enrolledOn;
        return copy;
    }

    LocalDate enrolledOn() {
        return enrolledOn;
    }

    static void requirePlausibleAges(Integer yearOfBirth, Integer ageAtFirstEntry, Clock clock) {
        if (yearOfBirth != null
                && (yearOfBirth < 1900 || yearOfBirth > LocalDate.now(clock).getYear())) {
            throw new IllegalArgumentException("A year of birth lies between 1900 and this year.");
        }
        if (ageAtFirstEntry != null && (ageAtFirstEntry < 5 || ageAtFirstEntry > 90)) {
            throw new IllegalArgumentException("An age at first entry lies between 5 and 90.");
        }
    }
}
