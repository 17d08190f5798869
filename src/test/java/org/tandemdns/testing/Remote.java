package org.tandemdns.testing;

import java.util.Optional;

/** Another server, reached at {@code endpoint}, with the TSIG key used towards it, if any. */
public record Remote(Endpoint endpoint, Optional<TsigKey> key) {

  public static Remote of(Endpoint endpoint) {
    return new Remote(endpoint, Optional.empty());
  }

  public static Remote of(Endpoint endpoint, TsigKey key) {
    return new Remote(endpoint, Optional.of(key));
  }
}
