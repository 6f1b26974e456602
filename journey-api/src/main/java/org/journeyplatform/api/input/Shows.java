package org.journeyplatform.api.input;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.journeyplatform.domain.shared.VisibleText;

/**
 * A name or title that shows something when written out: not only spaces of any kind, zero-width or direction marks,
 * or fillers ({@link VisibleText}), which {@code @NotBlank} lets through. Null and plain blanks are left to
 * {@code @NotNull} or {@code @NotBlank}, so that a field gets one error, not two.
 */
@Documented
@Constraint(validatedBy = Shows.Check.class)
@Target({
    ElementType.FIELD,
    ElementType.PARAMETER,
    ElementType.RECORD_COMPONENT,
    ElementType.METHOD,
    ElementType.TYPE_USE
})
@Retention(RetentionPolicy.RUNTIME)
public @interface Shows {

    String message() default "must show something: spaces, zero-width or direction marks alone show nothing";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check. */
    final class Check implements ConstraintValidator<Shows, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            // null and what @NotBlank refuses (nothing above U+0020 after trim) are its to refuse: one error, not two
            return value == null || value.trim().isEmpty() || VisibleText.hasVisible(value);
        }
    }
}
