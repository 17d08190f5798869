package org.tandemdns.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * While checking a configuration, notes each unknown key (with its line and the keys known there)
 * and skips it, so that one run reports every misspelt key instead of stopping at the first.
 */
final class UnknownKeys extends DeserializationProblemHandler {
  private final Path file;
  private final YamlLines lines;
  private final ConfigProblems problems;

  UnknownKeys(Path file, YamlLines lines, ConfigProblems problems) {
    this.file = file;
    this.lines = lines;
    this.problems = problems;
  }

  @Override
  public boolean handleUnknownProperty(DeserializationContext ctx, JsonParser p, JsonDeserializer<?> deserializer, Object beanOrClass,
      String propertyName) throws IOException {
    JsonStreamContext owner = p.getParsingContext(); // the parser may stand inside the key's value: find the key
    while (owner.getParent() != null && !(owner.inObject() && propertyName.equals(owner.getCurrentName()))) {
      owner = owner.getParent();
    }
    String parent = owner.getParent() == null ? "" : path(owner.getParent());
    String key = parent.isEmpty() ? propertyName : parent + "." + propertyName;
    problems.add(ConfigLoader.unknownKey(file, lines.lineOf(key), propertyName, parent, deserializer.getKnownPropertyNames()));
    p.skipChildren();
    return true;
  }

  /** {@code zones[2].allow-transfer}, as the other messages name keys. */
  private static String path(JsonStreamContext c) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext x = c; x != null && !x.inRoot(); x = x.getParent()) {
      if (x.inArray()) {
        parts.add(0, "[" + x.getCurrentIndex() + "]");
      } else if (x.getCurrentName() != null) {
        parts.add(0, (parts.isEmpty() || parts.get(0).startsWith("[") ? "" : ".") + x.getCurrentName());
      }
    }
    String joined = String.join("", parts);
    return joined.startsWith(".") ? joined.substring(1) : joined;
  }
}
