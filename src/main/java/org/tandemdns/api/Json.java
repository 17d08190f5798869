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
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (java.io.IOException e) {
      throw ApiException.badRequest("malformed JSON: " + describe(e));
    }
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest("the body must be a JSON object, not " + (node == null ? "nothing" : node.getNodeType()
          .name().toLowerCase(java.util.Locale.ROOT)));
    }
    return node;
  }

  static <T> T read(JsonNode node, Class<T> type) throws ApiException {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (UnrecognizedPropertyException e) {
      throw ApiException.badRequest("unknown field '" + e.getPropertyName() + "' (known: " + e.getKnownPropertyIds() + ")");
    } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
      String field = e.getPath().isEmpty() ? "the body" : "'" + field(e) + "'";
      throw ApiException.badRequest(field + " must be " + expected(e.getTargetType()));
    } catch (JsonMappingException e) {
      Throwable c = e.getCause();
      throw ApiException.badRequest(c instanceof IllegalArgumentException ? c.getMessage() : describe(e));
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("malformed JSON: " + describe(e));
    }
  }

  private static String field(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String expected(Class<?> t) {
    if (t == null) {
      return "of another type";
    }
    if (java.util.Collection.class.isAssignableFrom(t)) {
      return "a list (of strings)";
    }
    if (Number.class.isAssignableFrom(t) || t.isPrimitive()) {
      return "a number";
    }
    if (t == String.class) {
      return "a string";
    }
    return "an object";
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
