package org.tandemdns.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of the commands that call the HTTP API: builds the client from {@link ApiOptions}, runs the
 * command, and turns failures into exit codes and one line on stderr that says what went wrong.
 * With {@code --json}, an error answer's JSON is also printed on stdout.
 */
abstract class ApiCommand implements Callable<Integer> {
  /** The API answered with an error (its message is printed). */
  static final int EXIT_API_ERROR = 1;
  /** The API could not be reached (the URL tried is printed). */
  static final int EXIT_UNREACHABLE = 4;

  @Spec CommandSpec spec;

  @Mixin ApiOptions api;

  /** The environment the options fall back to; the process environment unless a test sets another. */
  Map<String, String> env = System.getenv();

  /** Does the command's work; returns its exit code. */
  abstract int run(ApiClient client, PrintWriter out)
      throws ApiClient.Failure, ApiClient.Unreachable, UsageError, InterruptedException;

  @Override
  public final Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return run(api.client(env, Path.of("").toAbsolutePath()), out);
    } catch (UsageError e) {
      err.println(prefix() + e.getMessage());
      err.println("Try '" + spec.qualifiedName() + " --help'.");
      return Main.EXIT_USAGE;
    } catch (ApiClient.Failure e) {
      if (api.json && !e.body().isBlank()) {
        out.println(e.body().strip());
      }
      err.println(prefix() + e.getMessage());
      return EXIT_API_ERROR;
    } catch (ApiClient.Unreachable e) {
      err.println(prefix() + e.getMessage());
      return EXIT_UNREACHABLE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println(prefix() + "interrupted");
      return EXIT_API_ERROR;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private String prefix() {
    return spec.qualifiedName() + ": ";
  }

  /** Prints {@code node} as indented JSON. */
  static void printJson(PrintWriter out, JsonNode node) {
    try {
      out.println(ApiClient.JSON.writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A zone name as the API's paths take it: absolute, with the final dot. */
  static String zoneName(String text) throws UsageError {
    String t = text.strip();
    if (t.isEmpty() || t.contains("/") || t.contains(" ")) {
      throw new UsageError("'" + text + "' is not a zone name");
    }
    return t.endsWith(".") ? t : t + ".";
  }
}
