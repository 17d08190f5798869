package org.tandemdns.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * moto's server mode ({@code moto_server -H 127.0.0.1 -p PORT}): an in-memory imitation of AWS's
 * APIs, Route 53 included, on loopback. Its Route 53 is looser than AWS's (it accepts any type,
 * keeps names as given, lets a CREATE duplicate an existing set), so the tests judge Tandem's
 * requests, and AWS's own rules stay in Tandem's code.
 *
 * <p>moto comes from PyPI ({@code pip install 'moto[server]'}), not Debian; the development and CI
 * machines have it.
 */
public final class MotoServer implements AutoCloseable {
  /** The credentials moto accepts (any will do; these are the ones tests pass to Tandem). */
  public static final String ACCESS_KEY = "testing";
  public static final String SECRET_KEY = "testing";

  private final Path dir;
  private final Path log;
  private final int port;
  private final Process process;

  private MotoServer(Path dir, int port, Process process) {
    this.dir = dir;
    this.log = dir.resolve("moto.log");
    this.port = port;
    this.process = process;
  }

  /** Starts moto on a free loopback port and waits until it answers HTTP. */
  public static MotoServer start() {
    Path program = PeerRequirement.require("moto_server");
    int port = Ports.allocate();
    Path dir;
    try {
      dir = Files.createTempDirectory("harness-moto-").toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Process p = Processes.start(List.of(program.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port)), dir,
        dir.resolve("moto.log"), Map.of());
    MotoServer moto = new MotoServer(dir, port, p);
    Wait.until(Duration.ofSeconds(60), moto::answers, () -> "moto_server does not answer on port " + port + "\n"
        + Processes.tail(Processes.read(moto.log), 30));
    return moto;
  }

  /** The endpoint to give the SDK ({@code endpoint:} of a route53 provider). */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  /** A Route 53 client for the test's own setup and checks, with moto's credentials. */
  public Route53Client route53() {
    return Route53Client.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(endpoint())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .httpClient(UrlConnectionHttpClient.builder().build())
        .build();
  }

  /** The environment that gives a Tandem process (or the SDK's default chain) moto's credentials. */
  public static Map<String, String> credentialsEnvironment() {
    return Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY, "AWS_REGION", "us-east-1");
  }

  /** What moto has logged so far. */
  public String log() {
    return Processes.read(log);
  }

  /** Empties moto's state (every hosted zone), between tests sharing one server. */
  public void reset() {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/moto-api/reset").toURL().openConnection();
      c.setRequestMethod("POST");
      c.setConnectTimeout(2000);
      c.setReadTimeout(10_000);
      int code = c.getResponseCode();
      c.disconnect();
      if (code != 200) {
        throw new IllegalStateException("moto reset answered HTTP " + code);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean answers() {
    if (!process.isAlive()) {
      throw new IllegalStateException("moto_server exited with status " + process.exitValue() + "\n"
          + Processes.tail(Processes.read(log), 30));
    }
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/moto-api/").toURL().openConnection();
      c.setConnectTimeout(300);
      c.setReadTimeout(2000);
      int code = c.getResponseCode();
      c.disconnect();
      return code > 0;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    Processes.stop(process, Duration.ofSeconds(5));
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // a leftover temporary directory is harmless
    }
  }
}
