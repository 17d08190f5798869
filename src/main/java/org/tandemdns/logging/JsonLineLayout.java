package org.tandemdns.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JSON object per event, one per line: {@code time}, {@code level}, {@code logger},
 * {@code thread}, {@code message}, and, for the structured lines ({@code transfer out zone=...
 * result=REFUSED reason="..."}), the text before the first field as {@code event} and every
 * {@code key=value} as a field of its own, quoted values unquoted; {@code error} holds a stack trace.
 */
public final class JsonLineLayout extends LayoutBase<ILoggingEvent> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern FIELD = Pattern.compile("(?:^|\\s)([a-z][a-z0-9_-]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)");
  private static final java.util.Set<String> FIXED = java.util.Set.of("time", "level", "logger", "thread", "message", "event", "error");

  @Override
  public String doLayout(ILoggingEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", Instant.ofEpochMilli(e.getTimeStamp()).toString());
    m.put("level", e.getLevel().toString());
    m.put("logger", e.getLoggerName());
    m.put("thread", e.getThreadName());
    String message = e.getFormattedMessage();
    m.put("message", message);
    fields(message, m);
    if (e.getThrowableProxy() != null) {
      m.put("error", ThrowableProxyUtil.asString(e.getThrowableProxy()));
    }
    try {
      return JSON.writeValueAsString(m) + CoreConstants.LINE_SEPARATOR;
    } catch (JsonProcessingException ex) {
      return "{\"level\":\"ERROR\",\"message\":\"cannot write a log event as JSON\"}" + CoreConstants.LINE_SEPARATOR;
    }
  }

  /** The {@code key=value} fields of a structured line, and the words before them as {@code event}. */
  static void fields(String message, Map<String, Object> into) {
    if (message == null) {
      return;
    }
    Matcher f = FIELD.matcher(message);
    int first = -1;
    int count = 0;
    Map<String, Object> found = new LinkedHashMap<>();
    while (f.find()) {
      if (first < 0) {
        first = f.start();
      }
      count++;
      String v = f.group(2);
      if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
        v = v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
      }
      if (!FIXED.contains(f.group(1))) {
        found.putIfAbsent(f.group(1), v);
      }
    }
    if (count >= 2) { // one stray "a=b" in prose is not a structured line
      String event = message.substring(0, first).strip();
      if (!event.isEmpty()) {
        into.put("event", event);
      }
      into.putAll(found);
    }
  }
}
