package org.cargorisk.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test that runs the product as a user does: a job through the command line, the nightly, a
 * child JVM started like {@code bin/cargorisk}, or a page rendered in a browser. Left out of the
 * quick profile ({@code mvn -B verify -Pquick}); {@code mvn -B verify} runs it.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(EndToEnd.TAG)
public @interface EndToEnd {
  /** The JUnit tag, as the quick profile in the parent POM excludes it. */
  String TAG = "e2e";
}
