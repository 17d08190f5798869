package org.tandemdns.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A zone created through the API keeps its settings across a restart: written to the store as JSON, read back the same. */
class ZoneConfigJsonTest {
  @Test
  void dnssecPolicyAndParentAgentsSurviveTheRoundTrip() throws Exception {
    ConfigLoader loader = new ConfigLoader();
    ZoneConfig z = loader.readZone("""
        {"name": "api.test", "notify-ns": false,
         "dnssec": {"policy": "default", "parent-agents": ["192.0.2.53", "[2001:db8::53]:5353"]}}""", "test");
    ZoneConfig back = loader.readZone(ZoneConfigJson.write(z), "store");
    assertEquals(z.dnssec(), back.dnssec());
    assertEquals(2, back.dnssec().parentAgents().size());
    assertEquals(5353, back.dnssec().parentAgents().get(1).port());
  }
}
