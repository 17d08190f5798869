package org.tandemdns.testing;

import java.io.IOException;
import org.tandemdns.TandemServer;
import org.tandemdns.config.TandemConfig;

/**
 * Starts a Tandem in the test's JVM. With {@code listen: 127.0.0.1:0} the server binds UDP on a
 * port the kernel picks and then TCP on the same number, which another process may hold already;
 * that start is retried (a few times, each on a new port). Any other failure is thrown at once.
 */
public final class TandemInProcess {
  private static final int ATTEMPTS = 3;

  private TandemInProcess() {}

  public static TandemServer start(TandemConfig config) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        return TandemServer.start(config);
      } catch (IOException e) {
        if (attempt == ATTEMPTS || !portTaken(e)) {
          throw e;
        }
      }
    }
  }

  private static boolean portTaken(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("Address already in use")) {
        return true;
      }
    }
    return false;
  }
}
