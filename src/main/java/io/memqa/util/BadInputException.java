package io.memqa.util;

/**
 * Input the user got wrong: an option or value on the command line, a field of an HTTP request,
 * or a file, directory or name they pointed at that is not what the command needs. The command
 * line exits 2 for it and the server answers 400; every other exception is a failure (exit 1, or
 * a logged 500), so that an internal argument error is never blamed on the user.
 */
public class BadInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
