package dev.trainyard.security;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a key may do: an admin manages keys and sees everything; a user works with their own things. */
public enum Role {
    ADMIN, USER;

    String authority() {
        return "ROLE_" + name();
    }

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
