package org.cargorisk.errors;

/** An error with a code; made by {@link CargoRiskErrors}, never constructed ad hoc. */
public final class CargoRiskException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  CargoRiskException(ErrorCode code, String message, Throwable cause) {
    super("[" + code + "] " + message, cause);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
