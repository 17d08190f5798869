package org.tandemdns.monitor.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The JSON form of a {@link CheckReport}, as printed by {@code tandem check --json}. */
public final class CheckReportJson {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CheckReportJson() {}

  /** The report as indented JSON. */
  public static String toJson(CheckReport report) {
    try {
      return MAPPER.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("report not serializable", e);
    }
  }
}
