package dev.persona.trpc;

import java.util.Objects;

/** A procedure's result that already is JSON text (a stored persona document), sent as it is. */
public record JsonText(String json) {

    public JsonText {
        Objects.requireNonNull(json, "json");
    }
}
