package org.tandemdns.zone;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.xbill.DNS.Name;

/** Reads a master file and builds its snapshot, with every problem reported by file and line. */
public final class ZoneFileLoader {
  private ZoneFileLoader() {}

  /**
   * A zone read from files.
   *
   * @param sourceHash SHA-256 over the bytes of every file read (the zone file, then its includes)
   * @param warnings what was accepted but deserves a look (out-of-zone data, occluded data, ...)
   */
  public record Loaded(ZoneSnapshot snapshot, String sourceHash, List<String> warnings) {}

  /** Reads and validates {@code file} as zone {@code origin}. */
  public static ZoneSnapshot load(Path file, Name origin)
      throws IOException, ZoneFileException, ZoneValidationException {
    return read(file, origin).snapshot();
  }

  /** Reads and validates {@code file} as zone {@code origin}, with a fingerprint of what was read. */
  public static Loaded read(Path file, Name origin) throws IOException, ZoneFileException, ZoneValidationException {
    int expectedNames = expectedNames(file);
    ZoneBuilder builder = new ZoneBuilder(origin, file.toString(), expectedNames);
    MessageDigest sha = sha256();
    ZoneFileReader reader = ZoneFileReader.forFiles((path, bytes) -> {
      sha.update(path.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      sha.update(bytes);
    });
    reader.read(file, origin, builder::add);
    ZoneSnapshot snapshot = builder.build();
    return new Loaded(snapshot, HexFormat.of().formatHex(sha.digest()), builder.warnings());
  }

  /** About one owner name per 64 bytes of master file (a sizing hint, never a limit). */
  private static int expectedNames(Path file) {
    try {
      return (int) Math.min(Integer.MAX_VALUE / 4, java.nio.file.Files.size(file) / 64);
    } catch (IOException e) {
      return 0; // the read that follows reports it
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
