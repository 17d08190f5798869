package org.tandemdns.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options shared by the commands that talk to a running server's HTTP API: where it is, the token,
 * and {@code --json}. Resolution order: {@code --server}, else {@code $TANDEM_SERVER}, else
 * {@value #DEFAULT_SERVER}; {@code --token-file}, else {@code $TANDEM_TOKEN}, else
 * {@value #DEFAULT_TOKEN_FILE} when it exists (the admin token {@code tandem serve} writes there
 * when the config names no tokens).
 */
public final class ApiOptions {
  static final String DEFAULT_SERVER = "http://127.0.0.1:8053";
  static final String DEFAULT_TOKEN_FILE = "tandem-data/api.token";

  @Option(names = "--server", paramLabel = "URL",
      description = "The Tandem API (default: $TANDEM_SERVER, else " + DEFAULT_SERVER + ").")
  String server;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = {"File holding the API token (default: $TANDEM_TOKEN, else ./" + DEFAULT_TOKEN_FILE,
          "if it exists: the admin token 'tandem serve' writes into its data directory)."})
  Path tokenFile;

  @Option(names = "--json", description = "Print the API's JSON instead of a table.")
  boolean json;

  /** The client these options describe, reading the environment from {@code env} and files relative to {@code cwd}. */
  ApiClient client(Map<String, String> env, Path cwd) throws UsageError {
    return new ApiClient(serverUri(server, env), token(tokenFile, env, cwd));
  }

  static URI serverUri(String option, Map<String, String> env) throws UsageError {
    String text = option != null ? option : blankToNull(env.get("TANDEM_SERVER"));
    if (text == null) {
      text = DEFAULT_SERVER;
    }
    String source = option != null ? "--server" : env.get("TANDEM_SERVER") != null ? "TANDEM_SERVER" : "the default";
    try {
      URI uri = new URI(text.contains("://") ? text : "http://" + text);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new URISyntaxException(text, "expected http://HOST:PORT");
      }
      if (uri.getQuery() != null || uri.getFragment() != null) {
        throw new URISyntaxException(text, "no query or fragment, just http://HOST:PORT");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new UsageError(source + ": '" + text + "' is not an API URL (" + e.getReason() + ", e.g. " + DEFAULT_SERVER + ")");
    }
  }

  /** The token, or null when none is configured (the API will then answer 401, and the message says how to give one). */
  static String token(Path option, Map<String, String> env, Path cwd) throws UsageError {
    if (option != null) {
      return read(cwd.resolve(option), "--token-file");
    }
    String fromEnv = blankToNull(env.get("TANDEM_TOKEN"));
    if (fromEnv != null) {
      return fromEnv.strip();
    }
    Path local = cwd.resolve(DEFAULT_TOKEN_FILE);
    return Files.isRegularFile(local) ? read(local, "./" + DEFAULT_TOKEN_FILE) : null;
  }

  private static String read(Path file, String what) throws UsageError {
    try {
      String t = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (t.isEmpty()) {
        throw new UsageError(what + ": " + file + " is empty; it should hold the API token");
      }
      return t;
    } catch (IOException e) {
      throw new UsageError(what + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
