package org.tandemdns.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.store.JournalRetention;
import org.tandemdns.store.SqliteZoneStore;
import org.tandemdns.zone.SerialPolicy;
import org.tandemdns.zone.ServedZone;
import org.tandemdns.zone.TestZones;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;

/** A pre-signed zone's serial belongs to its signer: a serial policy must not rewrite it. */
class SignedZoneChangeTest {
  @TempDir Path dir;

  @Test
  void aSignedZoneWhoseSerialDidNotGrowIsRefusedEvenWithASerialPolicy() throws Exception {
    String signed = resource("example.nsec.zone");
    ZoneSnapshot first = TestZones.parse("example.", signed);
    ZoneSnapshot edited = TestZones.parse("example.", signed + "extra 3600 IN A 192.0.2.99\n");
    try (SqliteZoneStore store = new SqliteZoneStore(dir.resolve("tandem.db"))) {
      ChangePipeline pipeline = new ChangePipeline(store, Clock.systemUTC());
      ServedZone zone = new ServedZone(Name.fromConstantString("example."));
      ZoneChangePolicy increment = new ZoneChangePolicy(SerialPolicy.INCREMENT, JournalRetention.defaults());
      pipeline.replace(zone, first, increment, "file", "h1", "test", org.tandemdns.store.Actor.internal("test", ""));
      assertThatThrownBy(() -> pipeline.replace(zone, edited, increment, "file", "h2", "reload", org.tandemdns.store.Actor.internal("test", "")))
          .isInstanceOf(ChangeRejectedException.class)
          .hasMessageContaining("the zone is signed").hasMessageContaining("raise the serial before signing");
      assertThat(zone.snapshot()).isSameAs(first);
    }
  }

  private static String resource(String file) throws Exception {
    try (InputStream in = SignedZoneChangeTest.class.getResourceAsStream("/dnssec/unit/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
