package org.bansou.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.Arrays;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * On a request record: date {@code later} may not fall before date {@code earlier}, e.g. a change in the
 * customer's world cannot be detected before it occurred. The error names {@code later}, together with
 * every other bad field of the request.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(DatesInOrder.List.class)
@Constraint(validatedBy = DatesInOrder.Check.class)
public @interface DatesInOrder {

    String earlier();

    String later();

    String message() default "must be on or after {earlier}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @interface List {
        DatesInOrder[] value();
    }

    class Check implements ConstraintValidator<DatesInOrder, Record> {

        private String earlier;
        private String later;

        @Override
        public void initialize(DatesInOrder order) {
            earlier = order.earlier();
            later = order.later();
        }

        @Override
        public boolean isValid(Record request, ConstraintValidatorContext context) {
            if (request == null) {
                return true;
            }
            LocalDate first = date(request, earlier);
            LocalDate then = date(request, later);
            if (first == null || then == null || !then.isBefore(first)) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode(later)
                    .addConstraintViolation();
            return false;
        }

        private static LocalDate date(Record request, String name) {
            RecordComponent component = Arrays.stream(request.getClass().getRecordComponents())
                    .filter(c -> c.getName().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            request.getClass().getSimpleName() + " has no date " + name));
            try {
                var accessor = component.getAccessor();
                accessor.setAccessible(true);
                return (LocalDate) accessor.invoke(request);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + name + " of " + request.getClass().getSimpleName(), e);
            }
        }
    }
}
