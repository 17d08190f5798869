package org.tandemdns.zone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
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
    ZoneBuilder builder = new ZoneBuilder(origin, file.toString());
    List<Path> files = new ArrayList<>();
    ZoneFileReader.forFiles(files::add).read(file, origin, builder::add);
    ZoneSnapshot snapshot = builder.build();
    return new Loaded(snapshot, hash(files), builder.warnings());
  }

  private static String hash(List<Path> files) throws IOException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Path f : files) {
        sha.update(f.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update(Files.readAllBytes(f));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
