package org.cargorisk.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes secrets from anything that is logged or stored in a run record: values of options or
 * configuration keys that look like credentials, and credentials embedded in URIs.
 */
public final class Redaction {
  public static final String REDACTED = "*****";

  private static final Pattern SECRET_KEY =
      Pattern.compile(".*(secret|password|passwd|token|credential|access[._-]?key|session[._-]?key|pseudonym[._-]?key|api[._-]?key|encryption[._-]?key).*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern URI_USER_INFO = Pattern.compile("(?<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]+@");

  private Redaction() {}

  /** True if a key (option name, config key, Spark conf) names a secret. */
  public static boolean isSecretKey(String key) {
    return key != null && SECRET_KEY.matcher(key).matches();
  }

  /** Redacts user info in URIs ({@code s3a://KEY:SECRET@bucket/...}). */
  public static String redactUris(String value) {
    if (value == null) {
      return null;
    }
    return URI_USER_INFO.matcher(value).replaceAll("${scheme}" + REDACTED + "@");
  }

  /**
   * Redacts command-line arguments: the value after a secret-named option ({@code --secret-key
   * X}), {@code --opt=value} forms, {@code key=value} Spark/Hadoop confs with secret keys, and URI
   * user info.
   */
  public static List<String> redactArguments(List<String> arguments) {
    List<String> out = new ArrayList<>(arguments.size());
    boolean redactNext = false;
    for (String argument : arguments) {
      if (redactNext) {
        out.add(REDACTED);
        redactNext = false;
        continue;
      }
      int eq = argument.indexOf('=');
      if (eq > 0 && isSecretKey(argument.substring(0, eq))) {
        out.add(argument.substring(0, eq + 1) + REDACTED);
      } else if (argument.startsWith("-") && eq < 0 && isSecretKey(argument)) {
        out.add(argument);
        redactNext = true;
      } else {
        out.add(redactUris(argument));
      }
    }
    return out;
  }

  public static String joinArguments(List<String> arguments) {
    return String.join(" ", redactArguments(arguments));
  }
}
