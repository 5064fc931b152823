package org.cargorisk.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A library test that runs a whole pipeline stage (an ingest, a feature build, a training or a
 * benchmark evaluation) several times, so that it takes more than about 10 s on 2 cores. Left out
 * of the quick profile ({@code mvn -B verify -Pquick}) to keep that loop under 4 minutes;
 * {@code mvn -B verify} runs it.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(Slow.TAG)
public @interface Slow {
  /** The JUnit tag, as the quick profile in the parent POM excludes it. */
  String TAG = "slow";
}
