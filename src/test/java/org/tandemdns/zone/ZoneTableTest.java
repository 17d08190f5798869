package org.tandemdns.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class ZoneTableTest {
  private static Name name(String s) {
    return Name.fromConstantString(s);
  }

  private static ServedZone zone(String origin) {
    return new ServedZone(name(origin));
  }

  @Test
  void theLongestMatchingOriginAnswers() {
    ZoneTable table = new ZoneTable();
    ServedZone parent = zone("example.");
    ServedZone child = zone("sub.example.");
    table.add(parent);
    table.add(child);

    assertThat(table.find(name("www.sub.example."))).isSameAs(child);
    assertThat(table.find(name("sub.example."))).isSameAs(child);
    assertThat(table.find(name("www.example."))).isSameAs(parent);
    assertThat(table.find(name("example.org."))).isNull();
    assertThat(table.get(name("www.example."))).isNull();
  }

  @Test
  void aSecondZoneWithTheSameOriginIsRefusedAndTheFirstStays() {
    ZoneTable table = new ZoneTable();
    ServedZone first = zone("example.");
    table.add(first);

    assertThatThrownBy(() -> table.add(zone("example."))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already served");
    assertThat(table.get(name("example."))).isSameAs(first);
    assertThat(table.all()).containsExactly(first);
  }

  @Test
  void removingAZoneHandsTheQueriesToItsParentAndChangesTheGeneration() {
    ZoneTable table = new ZoneTable();
    ServedZone parent = zone("example.");
    table.add(parent);
    table.add(zone("sub.example."));
    long before = table.generation();

    assertThat(table.remove(name("sub.example."))).isNotNull();
    assertThat(table.generation()).isGreaterThan(before);
    assertThat(table.find(name("www.sub.example."))).isSameAs(parent);
    long after = table.generation();
    assertThat(table.remove(name("sub.example."))).isNull();
    assertThat(table.generation()).isEqualTo(after);
  }

  @Test
  void manyZonesAreAllFound() {
    ZoneTable table = new ZoneTable();
    for (int i = 0; i < 20_000; i++) {
      table.add(zone("z" + i + ".bench."));
    }
    assertThat(table.all()).hasSize(20_000);
    for (int i = 0; i < 20_000; i += 997) {
      assertThat(table.find(name("www.z" + i + ".bench.")).origin()).isEqualTo(name("z" + i + ".bench."));
    }
  }

  @Test
  void theViewOfAllZonesCannotChangeTheTable() {
    ZoneTable table = new ZoneTable();
    table.add(zone("example."));
    assertThatThrownBy(() -> table.all().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThat(table.all()).hasSize(1);
  }
}
