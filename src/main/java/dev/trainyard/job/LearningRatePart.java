package dev.trainyard.job;

import java.util.Locale;

import dev.trainyard.system.JsonExpected;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.SerializationContext;
import tools.jackson.core.JsonGenerator;

/**
 * A learning rate as a job spec gives it: a number, or {@code "auto"}, which has the worker run a learning-rate range
 * test from the job's initial weights before it trains and train with its suggestion.
 */
@JsonExpected("a number or \"auto\"")
@JsonDeserialize(using = LearningRatePart.Reader.class)
@JsonSerialize(using = LearningRatePart.Writer.class)
@Schema(description = "a number, or \"auto\": a learning-rate range test first (from the job's initial weights, "
        + "1e-6 to 10 over 200 steps, as POST /api/v1/lr-range-tests runs it), then training with its suggestion, "
        + "shown with its curve and reasoning as the job's learningRateSearch", oneOf = {Double.class, String.class},
        example = "0.003")
record LearningRatePart(Double value, boolean auto) {

    static final String AUTO = "auto";
    static final LearningRatePart SEARCH = new LearningRatePart(null, true);

    static LearningRatePart of(double value) {
        return new LearningRatePart(value, false);
    }

    /** The rate given, or null when the spec left it to its optimizer's default or to a range test. */
    static Double given(LearningRatePart part) {
        return part == null ? null : part.value();
    }

    static boolean searched(LearningRatePart part) {
        return part != null && part.auto();
    }

    static final class Reader extends ValueDeserializer<LearningRatePart> {

        @Override
        public LearningRatePart deserialize(JsonParser parser, DeserializationContext context) {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                return of(parser.getDoubleValue());
            }
            if (token == JsonToken.VALUE_STRING && AUTO.equals(parser.getString().strip().toLowerCase(Locale.ROOT))) {
                return SEARCH;
            }
            if (token == JsonToken.VALUE_STRING) {
                return (LearningRatePart) context.handleWeirdStringValue(LearningRatePart.class, parser.getString(),
                        "not a number or \"auto\"");
            }
            return (LearningRatePart) context.handleUnexpectedToken(LearningRatePart.class, parser);
        }
    }

    static final class Writer extends ValueSerializer<LearningRatePart> {

        @Override
        public void serialize(LearningRatePart rate, JsonGenerator out, SerializationContext context) {
            if (rate.auto()) {
                out.writeString(AUTO);
            } else {
                out.writeNumber(rate.value());
            }
        }
    }
}
