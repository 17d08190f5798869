package org.tandemdns.zone;

import java.io.IOException;
import java.nio.file.Path;
import org.xbill.DNS.Name;

/** Reads a master file and builds its snapshot, with every problem reported by file and line. */
public final class ZoneFileLoader {
  private ZoneFileLoader() {}

  /** Reads and validates {@code file} as zone {@code origin}. */
  public static ZoneSnapshot load(Path file, Name origin)
      throws IOException, ZoneFileException, ZoneValidationException {
    ZoneBuilder builder = new ZoneBuilder(origin, file.toString());
    ZoneFileReader.forFiles().read(file, origin, builder::add);
    return builder.build();
  }
}
