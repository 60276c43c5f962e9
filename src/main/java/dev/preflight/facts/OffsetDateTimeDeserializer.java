package dev.preflight.facts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Date-times with an offset, through {@link IsoDateTimes}; an unparsable value is an input error at its location. */
public final class OffsetDateTimeDeserializer extends StdScalarDeserializer<OffsetDateTime> {

    private static final long serialVersionUID = 1L;

    public OffsetDateTimeDeserializer() {
        super(OffsetDateTime.class);
    }

    @Override
    public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return (OffsetDateTime) ctxt.handleUnexpectedToken(OffsetDateTime.class, p);
        }
        String text = p.getText().strip();
        try {
            return IsoDateTimes.parse(text);
        } catch (DateTimeParseException e) {
            return (OffsetDateTime) ctxt.handleWeirdStringValue(OffsetDateTime.class, text, "not an ISO-8601 date-time with offset");
        }
    }
}
