package org.tandemdns.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/** The API's JSON: strict reading (unknown keys are errors), plain writing. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .findAndRegisterModules();

  private Json() {}

  static JsonNode tree(byte[] body) throws ApiException {
    if (body.length == 0) {
      throw ApiException.badRequest("the request needs a JSON body");
    }
    try {
      return MAPPER.readTree(body);
    } catch (java.io.IOException e) {
      throw ApiException.badRequest("malformed JSON: " + describe(e));
    }
  }

  static <T> T read(JsonNode node, Class<T> type) throws ApiException {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (UnrecognizedPropertyException e) {
      throw ApiException.badRequest("unknown field '" + e.getPropertyName() + "' (known: " + e.getKnownPropertyIds() + ")");
    } catch (JsonMappingException e) {
      Throwable c = e.getCause();
      throw ApiException.badRequest(c instanceof IllegalArgumentException ? c.getMessage() : describe(e));
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("malformed JSON: " + describe(e));
    }
  }

  static byte[] write(Object value) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static String describe(java.io.IOException e) {
    if (e instanceof JsonProcessingException j) {
      String where = j.getLocation() == null ? "" : " at line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr();
      return j.getOriginalMessage() + where;
    }
    return e.getMessage();
  }
}
