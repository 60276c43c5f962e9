package dev.preflight.facts;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.OffsetDateTime;

/**
 * An Application-log event of the Connect server.
 *
 * @param source  {@code PasswordResetService} or {@code ADSync}
 * @param id      the event id
 * @param time    when it was logged
 * @param message the event's text
 */
public record ConnectEvent(
        String source,
        @JsonDeserialize(using = NonNegativeIntDeserializer.class) Integer id,
        OffsetDateTime time,
        String message) {
}
