package dev.trainyard.system;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.converter.HttpMessageNotReadableException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Explains why a request body could not be read, pointing at the field or the line and column. */
record BodyProblem(String detail, List<FieldProblem> errors) {

    static BodyProblem explain(HttpMessageNotReadableException ex) {
        return explain(ex.getMostSpecificCause());
    }

    static BodyProblem explain(Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return unknownField(unknown);
        }
        if (cause instanceof InvalidFormatException invalid) {
            return invalidValue(invalid);
        }
        if (cause instanceof MismatchedInputException mismatched) {
            return mismatched.getPath().isEmpty() ? notAnObject() : wrongType(mismatched);
        }
        if (cause instanceof StreamConstraintsException beyond) {
            return new BodyProblem("The request body goes beyond what the API reads: "
                    + beyond.getOriginalMessage().replaceAll(", from `[^`]*`", "") + at(beyond.getLocation())
                    + ". No valid request comes near these limits (spring.jackson.factory.constraints.read.*): nest "
                    + "less deeply, or send shorter values.", List.of());
        }
        if (cause instanceof StreamReadException syntax) {
            return new BodyProblem("The request body is not valid JSON: " + withoutSource(syntax.getOriginalMessage())
                    + at(syntax.getLocation()) + ". Fix the JSON syntax and send it again.", List.of());
        }
        if (cause instanceof JacksonException jackson) {
            return new BodyProblem("The request body could not be read" + at(jackson.getLocation())
                    + ". Check it against the schema in /swagger-ui.html.", List.of());
        }
        return new BodyProblem("The request needs a JSON body; the schema of each endpoint is in /swagger-ui.html.",
                List.of());
    }

    private static BodyProblem unknownField(UnrecognizedPropertyException ex) {
        String field = path(ex);
        String known = names(ex.getKnownPropertyIds());
        return new BodyProblem("Unknown field '" + field + "'. Remove it or correct its spelling; the fields allowed "
                + "there are: " + known + ".", List.of(new FieldProblem(field, "unknown field; allowed: " + known)));
    }

    private static BodyProblem invalidValue(InvalidFormatException ex) {
        String field = path(ex);
        Class<?> target = ex.getTargetType();
        Object value = ex.getValue();
        JsonExpected described = target == null ? null : target.getAnnotation(JsonExpected.class);
        String expected = described != null ? described.value() : target != null && target.isEnum()
                ? "one of " + Arrays.stream(target.getEnumConstants()).map(c -> c.toString().toLowerCase())
                        .collect(Collectors.joining(", "))
                : "a JSON " + simpleName(target);
        String message = "must be " + expected + ", was " + (value instanceof String ? "'" + value + "'" : value);
        return new BodyProblem("Field '" + field + "' " + message + ".", List.of(new FieldProblem(field, message)));
    }

    private static BodyProblem notAnObject() {
        return new BodyProblem("The request body must be a JSON object with the fields of this endpoint; its schema "
                + "is in /swagger-ui.html.", List.of());
    }

    private static BodyProblem wrongType(MismatchedInputException ex) {
        String field = path(ex);
        Class<?> target = ex.getTargetType();
        JsonExpected described = target == null ? null : target.getAnnotation(JsonExpected.class);
        String message = "has the wrong JSON type: expected " + (described != null ? described.value()
                : simpleName(target));
        return new BodyProblem("Field '" + field + "' " + message + ".", List.of(new FieldProblem(field, message)));
    }

    /** A readable path such as {@code layers[2].units}. */
    static String path(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(body)" : path.toString();
    }

    /** Jackson names the (redacted) input source inside its messages; the user knows what they sent. */
    private static String withoutSource(String message) {
        return message.replaceAll("\\s*\\(start marker at \\[Source.*?]\\)", "").replaceAll("\\s*at \\[Source.*$", "");
    }

    private static String at(TokenStreamLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String names(Collection<Object> ids) {
        return ids == null ? "(none)" : ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String simpleName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        return switch (type.getSimpleName()) {
            case "int", "Integer", "long", "Long" -> "integer";
            case "double", "Double", "float", "Float" -> "number";
            case "boolean", "Boolean" -> "boolean";
            case "String" -> "string";
            default -> type.isArray() || Collection.class.isAssignableFrom(type) ? "array" : "object";
        };
    }
}
