package org.tandemdns.api;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web console's sessions, in memory (a restart asks everyone to enter their token again): a
 * session is made by entering a token, named by a random cookie value, and carries its own
 * CSRF token that every change must echo. It ends at logout, after {@link #IDLE} without use, or
 * as soon as its token is revoked (the token is looked up again on every request, by hash).
 */
final class ConsoleSessions {
  static final String COOKIE = "tandem_session";
  static final Duration IDLE = Duration.ofHours(8);
  static final int MAX = 10_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** @param tokenHash the SHA-256 of the token entered, to find what it may do now */
  record Session(String id, String csrf, String tokenHash, long lastUsedNanos) {}

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  Session create(String tokenHash) {
    if (sessions.size() >= MAX) {
      expire();
    }
    if (sessions.size() >= MAX) {
      sessions.values().stream().min(java.util.Comparator.comparingLong(Session::lastUsedNanos))
          .ifPresent(oldest -> sessions.remove(oldest.id()));
    }
    Session s = new Session(random(), random(), tokenHash, System.nanoTime());
    sessions.put(s.id(), s);
    return s;
  }

  /** The live session named by the request's cookie, its idle time restarted; or null. */
  Session find(String cookieHeader) {
    String id = cookie(cookieHeader, COOKIE);
    if (id == null) {
      return null;
    }
    Session s = sessions.get(id);
    if (s == null) {
      return null;
    }
    long now = System.nanoTime();
    if (now - s.lastUsedNanos() > IDLE.toNanos()) {
      sessions.remove(id);
      return null;
    }
    Session used = new Session(s.id(), s.csrf(), s.tokenHash(), now);
    sessions.put(id, used);
    return used;
  }

  void remove(String id) {
    sessions.remove(id);
  }

  private void expire() {
    long now = System.nanoTime();
    sessions.values().removeIf(s -> now - s.lastUsedNanos() > IDLE.toNanos());
  }

  /** The value of cookie {@code name} in a {@code Cookie} header (RFC 6265 §5.4), or null. */
  static String cookie(String header, String name) {
    if (header == null) {
      return null;
    }
    for (String part : header.split(";")) {
      String p = part.trim();
      if (p.startsWith(name + "=")) {
        return p.substring(name.length() + 1);
      }
    }
    return null;
  }

  private static String random() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
