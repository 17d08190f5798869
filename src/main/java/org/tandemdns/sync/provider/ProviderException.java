package org.tandemdns.sync.provider;

/**
 * A provider refused or failed an exchange. The message is the provider's own where it gave one
 * (an HTTP error body, an RCODE and TSIG error), prefixed with what was being done.
 */
public class ProviderException extends Exception {
  private final boolean zoneMissing;

  public ProviderException(String message) {
    this(message, false, null);
  }

  public ProviderException(String message, Throwable cause) {
    this(message, false, cause);
  }

  private ProviderException(String message, boolean zoneMissing, Throwable cause) {
    super(message, cause);
    this.zoneMissing = zoneMissing;
  }

  /** The provider says it has no such zone. */
  public static ProviderException zoneMissing(String message) {
    return new ProviderException(message, true, null);
  }

  /** True when the provider said the zone does not exist there. */
  public boolean zoneMissing() {
    return zoneMissing;
  }
}
