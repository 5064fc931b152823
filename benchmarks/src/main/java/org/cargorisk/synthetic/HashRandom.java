package org.cargorisk.synthetic;

import static org.apache.spark.sql.functions.cos;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.shiftRightUnsigned;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Column;

/**
 * Deterministic pseudo-random values as Spark column expressions: every value is a hash of
 * (seed, row key, salt), so it does not depend on partitioning, task order or the cluster, and
 * the same seed gives the same data. (Spark's {@code rand()} depends on the partition layout.)
 * Each random decision uses its own salt so that decisions are independent.
 */
final class HashRandom {
  private static final double TWO_POW_53 = 9007199254740992.0;

  private final long seed;

  HashRandom(long seed) {
    this.seed = seed;
  }

  /** Uniform double in [0, 1). */
  Column uniform(Column key, String salt) {
    return shiftRightUnsigned(xxhash64(lit(seed), key, lit(salt)), 11)
        .cast("double")
        .divide(TWO_POW_53);
  }

  /** Standard normal (Box-Muller on two independent uniforms). */
  Column normal(Column key, String salt) {
    Column u1 = lit(1.0).minus(uniform(key, salt + ":1"));
    Column u2 = uniform(key, salt + ":2");
    return sqrt(log(u1).multiply(-2.0)).multiply(cos(u2.multiply(2 * Math.PI)));
  }

  /** Integer in [0, bound) as a long column; {@code bound} may itself be a column. */
  Column below(Column key, String salt, Column bound) {
    return floor(uniform(key, salt).multiply(bound)).cast("long");
  }

  Column below(Column key, String salt, long bound) {
    return below(key, salt, lit(bound));
  }

  /** Integer in [low, high] inclusive. */
  Column between(Column key, String salt, long low, long high) {
    return below(key, salt, high - low + 1).plus(low);
  }
}
