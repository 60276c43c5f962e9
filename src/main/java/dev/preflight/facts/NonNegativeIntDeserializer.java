package dev.preflight.facts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;

/** Counts: a JSON integer from 0 up; a negative count is an input error at the value's location. */
class NonNegativeIntDeserializer extends StdScalarDeserializer<Integer> {

    private static final long serialVersionUID = 1L;

    NonNegativeIntDeserializer() {
        super(Integer.class);
    }

    /** The smallest value accepted. */
    int min() {
        return 0;
    }

    /** The largest value accepted. */
    int max() {
        return Integer.MAX_VALUE;
    }

    private static String found(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING -> "a string \"" + abbreviate(p.getText()) + "\"";
            case VALUE_NUMBER_FLOAT -> "the number " + abbreviate(p.getText());
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() > 60 ? oneLine.substring(0, 57) + "..." : oneLine;
    }

    @Override
    public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_NUMBER_INT) {
            return (Integer) ctxt.reportInputMismatch(this, "expected a whole number, found %s", found(p, t));
        }
        if (p.getNumberType() != JsonParser.NumberType.INT) {
            return (Integer) ctxt.handleWeirdNumberValue(Integer.class, p.getNumberValue(),
                    "out of range: expected a whole number from %d to %d", min(), max());
        }
        int value = p.getIntValue();
        if (value < min() || value > max()) {
            return (Integer) ctxt.handleWeirdNumberValue(Integer.class, value,
                    "out of range: expected a whole number from %d to %d", min(), max());
        }
        return value;
    }
}
