package org.tandemdns.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/** Every key path of the YAML configuration, derived from the config records. */
final class ConfigKeys {
  private ConfigKeys() {}

  static List<String> of(Class<?> root) {
    List<String> out = new ArrayList<>();
    walk(root, "", out);
    return out;
  }

  private static void walk(Class<?> type, String prefix, List<String> out) {
    for (RecordComponent c : type.getRecordComponents()) {
      JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
      if (p == null) {
        p = c.getAnnotation(JsonProperty.class);
      }
      String key = p != null ? p.value() : kebab(c.getName());
      String path = prefix.isEmpty() ? key : prefix + "." + key;
      Class<?> t = c.getType();
      Type generic = c.getGenericType();
      if (List.class.isAssignableFrom(t) && generic instanceof ParameterizedType pt
          && pt.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord() && isConfig(element)) {
        out.add(path);
        walk(element, path + "[]", out);
      } else if (t.isRecord() && isConfig(t)) {
        out.add(path);
        walk(t, path, out);
      } else {
        out.add(path);
      }
    }
  }

  /** Records parsed as YAML mappings (values written as one string, like HostPort, are leaves). */
  private static boolean isConfig(Class<?> t) {
    return t.getPackageName().equals("org.tandemdns.config") && t != HostPort.class && t != Remote.class && t != Percent.class
        && t != Threshold.class && t != ZonePattern.class;
  }

  static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  public static void main(String[] args) {
    of(TandemConfig.class).forEach(System.out::println);
  }
}
