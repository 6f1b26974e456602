package org.journeyplatform.domain.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a value that identifies or describes a participant personally: her chosen name, year of birth, free-text notes
 * and descriptions. Such values must only ever be stored in a form that can be erased (crypto-shredding, see
 * {@code docs/adr/0005-personal-data-marked-in-the-domain.md}), never appear in logs, error messages, metrics or research
 * exports, and are shown only to staff who need them.
 * <p>
 * Put it on a record component of a command or event; it propagates to the field, accessor and constructor parameter,
 * so serialisers and projections can find it by reflection.
 * <p>
 * Once a participant is erased (her data key destroyed), her personal values read back in a stored event as
 * {@link #ERASED} (text) or null (numbers, enums); in a correction's values, the entries of personal fields are left
 * out. The domain folds such events without complaint.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface PersonalData {

    /** What a personal text value of an erased participant reads back as, in place of what she said. */
    String ERASED = "erased";
}
