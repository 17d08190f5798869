package org.tandemdns.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.tandemdns.config.ApiConfig;
import org.tandemdns.config.ApiToken;

/**
 * The tokens the API accepts: those configured, or else one admin token kept in
 * {@code <data-dir>/api.token} (created on first start, readable only by its owner), which the
 * {@code tandem} commands find on their own when run beside the data directory.
 */
public final class ApiTokens {
  public static final String FILE = "api.token";

  private ApiTokens() {}

  public static List<ApiToken> of(ApiConfig api, Path dataDir) throws IOException {
    if (!api.tokens().isEmpty()) {
      return api.tokens();
    }
    Path file = dataDir.resolve(FILE);
    if (!Files.exists(file)) {
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
      } catch (UnsupportedOperationException e) {
        Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
      } catch (FileAlreadyExistsException e) {
        // created meanwhile by another start: read it below
      }
    }
    String token = Files.readString(file, StandardCharsets.UTF_8).strip();
    return List.of(new ApiToken("local admin (" + file + ")", token, null, ApiToken.Role.ADMIN));
  }
}
