package dev.nichebot.store;

/**
 * The database cannot be opened: unreachable, login refused, or its file held by another running
 * instance. The message says which and what to do; it never contains a password.
 */
public final class DatabaseUnavailableException extends StoreException {
  private static final long serialVersionUID = 1L;

  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public DatabaseUnavailableException(String message) {
    super(message);
  }
}
