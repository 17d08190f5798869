package org.tandemdns.testing;

import java.util.Optional;

/**
 * One access rule: requests from {@code address} (an IP or IP/prefix), signed with {@code key}
 * when a key is given, are allowed.
 */
public record Acl(String address, Optional<TsigKey> key) {

  /** Any loopback client, unsigned. */
  public static Acl any() {
    return new Acl("127.0.0.0/8", Optional.empty());
  }

  /** Requests from {@code address}, unsigned. */
  public static Acl from(String address) {
    return new Acl(address, Optional.empty());
  }

  /** Requests from {@code address} signed with {@code key}. */
  public static Acl from(String address, TsigKey key) {
    return new Acl(address, Optional.of(key));
  }

  /** Any loopback client signed with {@code key}. */
  public static Acl key(TsigKey key) {
    return from("127.0.0.0/8", key);
  }
}
