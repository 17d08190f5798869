package org.tandemdns.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.xbill.DNS.Name;

/**
 * Fuzzes the API's change bodies (JSON → a batch of changes → names, types, TTLs and RDATA; issue
 * 13): any body is a batch or a 4xx with a message that says what to fix, never a 500. Seeds:
 * {@code ApiBodyFuzzTestInputs/}.
 */
class ApiBodyFuzzTest {
  static final Name ZONE = Name.fromConstantString("api.test.");

  @FuzzTest(maxDuration = "20s")
  void anyBodyIsABatchOrAClientError(byte[] body) {
    try {
      ChangeBodies.Batch batch = Json.read(Json.tree(body), ChangeBodies.Batch.class);
      if (batch == null || batch.changes() == null) {
        return;
      }
      for (ChangeBodies.Change c : batch.changes()) {
        if (c == null) {
          continue;
        }
        Name name = RecordsJson.name(c.name(), ZONE);
        int type = RecordsJson.type(c.type());
        if (c.records() != null && c.records().stream().allMatch(java.util.Objects::nonNull)) {
          RecordsJson.records(name, type, RecordsJson.ttl(c.ttl()), c.records(), ZONE);
        }
      }
    } catch (ApiException e) {
      assertThat(e.status()).isBetween(400, 499);
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
