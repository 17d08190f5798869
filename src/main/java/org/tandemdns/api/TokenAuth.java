package org.tandemdns.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.tandemdns.config.ApiToken;
import org.tandemdns.config.ZonePattern;
import org.tandemdns.store.StoreException;
import org.tandemdns.store.StoredToken;
import org.tandemdns.store.TokenStore;

/**
 * Bearer-token authentication ({@code Authorization: Bearer TOKEN}, RFC 6750): no or an unknown
 * token is 401. Every token is looked up by its SHA-256, compared in constant time: those made
 * through the API are known only by that hash (they are 256-bit random, so a plain hash is
 * enough), those of the config are hashed once at start. What a known token may do is {@link
 * ApiCaller#require}'s to say.
 */
final class TokenAuth {
  private final List<ApiToken> configured;
  /** The SHA-256 of each configured token, in the same order, so every token is looked up by hash alike. */
  private final List<String> configuredHashes;
  private final String configuredSource;
  private final TokenStore store;
  private volatile List<StoredToken> stored;

  /**
   * @param configuredSource {@code config}, or {@code local} for the generated admin token
   * @param store the tokens made through the API, or null when there is no store
   */
  TokenAuth(List<ApiToken> configured, String configuredSource, TokenStore store) throws StoreException {
    this.configured = List.copyOf(configured);
    this.configuredHashes = this.configured.stream().map(t -> sha256(t.secret())).toList();
    this.configuredSource = configuredSource;
    this.store = store;
    this.stored = store == null ? List.of() : store.tokens();
  }

  TokenAuth(List<ApiToken> tokens) {
    this.configured = List.copyOf(tokens);
    this.configuredHashes = this.configured.stream().map(t -> sha256(t.secret())).toList();
    this.configuredSource = "config";
    this.store = null;
    this.stored = List.of();
  }

  /** Sets the caller on {@code ex}, or throws 401. */
  void authenticate(Exchange ex) throws ApiException {
    String header = ex.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ex.setResponseHeader("WWW-Authenticate", "Bearer realm=\"tandem\"");
      throw new ApiException(401, "missing bearer token: send 'Authorization: Bearer <token>'");
    }
    String secret = header.substring(7).trim();
    ApiCaller found = callerFor(secret);
    if (found == null) {
      ex.setResponseHeader("WWW-Authenticate", "Bearer realm=\"tandem\", error=\"invalid_token\"");
      throw new ApiException(401, "unknown token");
    }
    ex.caller = found;
  }

  /** Who {@code secret} is, or null when no token is that. */
  ApiCaller callerFor(String secret) {
    return callerForHash(sha256(secret));
  }

  /** Who the token with SHA-256 {@code hash} is now (a console session's token), or null once it is gone. */
  ApiCaller callerForHash(String hash) {
    byte[] h = hash.getBytes(StandardCharsets.US_ASCII);
    ApiCaller found = null;
    for (int i = 0; i < configured.size(); i++) {
      ApiToken t = configured.get(i);
      if (MessageDigest.isEqual(h, configuredHashes.get(i).getBytes(StandardCharsets.US_ASCII)) && found == null) {
        found = new ApiCaller(t.name(), t.role(), t.zones(), configuredSource);
      }
    }
    for (StoredToken t : stored) {
      if (MessageDigest.isEqual(h, t.sha256().getBytes(StandardCharsets.US_ASCII)) && found == null) {
        found = new ApiCaller(t.name(), ApiToken.Role.parse(t.role()), t.zones().stream().map(ZonePattern::parse).toList(), "api");
      }
    }
    return found;
  }

  /** The tokens declared in the config (or the generated one). */
  List<ApiToken> configured() {
    return configured;
  }

  String configuredSource() {
    return configuredSource;
  }

  /** The store of tokens made through the API, or null. */
  TokenStore store() {
    return store;
  }

  /** The tokens made through the API, as last read. */
  List<StoredToken> stored() {
    return stored;
  }

  /** Reads the stored tokens again, after one was added or removed. */
  void refresh() throws StoreException {
    if (store != null) {
      stored = store.tokens();
    }
  }

  /** The SHA-256 of a token, lowercase hex, as the store keeps it. */
  static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
