package org.tandemdns.sync;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import org.tandemdns.sync.provider.ZoneContent;
import org.tandemdns.zone.ZoneFileException;
import org.tandemdns.zone.ZoneFileReader;
import org.tandemdns.zone.compare.CanonicalZone;
import org.xbill.DNS.Name;

/** Zone content for unit tests, from master-file text (records relative to the origin, {@code $TTL 300}). */
public final class TestContent {
  public static final Name ORIGIN = Name.fromConstantString("example.test.");

  private TestContent() {}

  public static ZoneContent of(String... lines) {
    CanonicalZone.Builder b = CanonicalZone.builder(ORIGIN);
    String text = "$ORIGIN example.test.\n$TTL 300\n" + String.join("\n", lines) + "\n";
    try {
      ZoneFileReader.forUntrustedText().read(new StringReader(text), "test", ORIGIN, (r, where) -> b.add(r));
    } catch (ZoneFileException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ZoneContent.of(b.build());
  }
}
