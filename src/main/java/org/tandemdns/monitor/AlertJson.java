package org.tandemdns.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The wire forms of an alert: the generic JSON object, and Slack-compatible {@code {"text": ...}}
 * (Slack incoming webhooks, also accepted by Mattermost and Rocket.Chat).
 */
public final class AlertJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AlertJson() {}

  /** {@code {"source":"tandem","at":...,"zone":...,"condition":...,"state":...,"nameserver":...,"message":...}}. */
  public static String generic(Alert a) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("source", "tandem");
    n.setAll((ObjectNode) MAPPER.valueToTree(a));
    return write(n);
  }

  /** {@code {"text": ":rotating_light: example.test. drift appeared at ns2 ...: ..."}}. */
  public static String slack(Alert a) {
    String icon = switch (a.state()) {
      case "recovered" -> ":white_check_mark:";
      case "persisting" -> ":rotating_light:";
      case "changed" -> ":information_source:";
      default -> ":warning:";
    };
    return write(Map.of("text", icon + " " + a.headline()));
  }

  /** One alert as a single JSON line, for the history file. */
  public static String line(Alert a) {
    return write(a);
  }

  /** Reads one line written by {@link #line(Alert)}. */
  public static Alert parseLine(String line) throws JsonProcessingException {
    return MAPPER.readValue(line, Alert.class);
  }

  private static String write(Object o) {
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
