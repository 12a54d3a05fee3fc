package dev.trainyard.system;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What JSON a value type reads, as a problem says it when a request gives something else ("a number or \"auto\"");
 * without it, a problem names the JSON type the value maps to.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface JsonExpected {

    String value();
}
