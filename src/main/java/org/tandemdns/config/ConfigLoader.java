package org.tandemdns.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.tandemdns.security.AclEntry;
import org.tandemdns.zone.SerialPolicy;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads the YAML configuration into {@link TandemConfig}. Keys are kebab-case; an unknown key, a
 * bad value or a broken rule is an error whose message starts with {@code file:line:} and names the
 * key's path (for example {@code zones[2].file}).
 */
public final class ConfigLoader {
  private final ObjectMapper mapper;
  private final UnaryOperator<String> environment;

  public ConfigLoader() {
    this(System::getenv);
  }

  /** A loader reading {@code *-env} credentials from {@code environment} instead of the process environment. */
  public ConfigLoader(UnaryOperator<String> environment) {
    this.environment = environment;
    SimpleModule types = new SimpleModule("tandem-config-types")
        .addDeserializer(HostPort.class, from(s -> HostPort.parse(s, HostPort.DNS_PORT)))
        .addDeserializer(Duration.class, from(Durations::parse))
        .addDeserializer(Name.class, from(ConfigLoader::zoneName))
        .addDeserializer(ZoneType.class, from(ConfigLoader::zoneType))
        .addDeserializer(SerialPolicy.class, from(ConfigLoader::serialPolicy))
        .addDeserializer(ApiToken.Role.class, from(ConfigLoader::role))
        .addDeserializer(AclEntry.class, from(AclEntry::parse))
        .addDeserializer(Remote.class, from(Remote::parse))
        .addDeserializer(Percent.class, from(Percent::parse));
    mapper = new ObjectMapper(new YAMLFactory())
        .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        .registerModule(types);
  }

  /** Reads {@code file}; relative paths inside it are relative to its directory. */
  public TandemConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
    }
    return load(text, file);
  }

  /** Reads {@code text} as the content of {@code file}. */
  TandemConfig load(String text, Path file) throws ConfigException {
    if (text.isBlank()) {
      return new TandemConfig(null, null, null);
    }
    YamlLines lines;
    try {
      lines = YamlLines.of(text);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new ConfigException(file + ":" + line + ": not valid YAML: " + e.getProblem(), e);
    }
    TandemConfig config;
    try {
      config = mapper.readValue(text, TandemConfig.class);
    } catch (JsonMappingException e) {
      throw new ConfigException(describe(file, lines, e), e);
    } catch (IOException e) {
      throw new ConfigException(file + ": not valid YAML: " + e.getMessage(), e);
    }
    config = config.resolvedAgainst(file.toAbsolutePath().getParent());
    return new TandemConfig(config.server(), readSecrets(file, lines, config.keys(), environment), checkKeyReferences(file, lines, config),
        config.monitor(), readTokens(file, lines, config.api()), SyncReferences.check(file, lines, config, environment),
        config.dnssecPolicies());
  }

  /** Reads every API token's {@code secret-file}. */
  private static ApiConfig readTokens(Path file, YamlLines lines, ApiConfig api) throws ConfigException {
    List<ApiToken> tokens = new ArrayList<>();
    for (int i = 0; i < api.tokens().size(); i++) {
      ApiToken t = api.tokens().get(i);
      if (t.secret() != null && t.secretFile() != null) {
        throw new ConfigException(file + ":" + lines.lineOf("api.tokens[" + i + "]") + ": api.tokens[" + i
            + "]: give 'secret' or 'secret-file', not both");
      }
      if (t.secretFile() != null) {
        try {
          t = t.withSecret(Files.readString(t.secretFile(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
          throw new ConfigException(file + ":" + lines.lineOf("api.tokens[" + i + "].secret-file") + ": api.tokens[" + i
              + "].secret-file: cannot read " + t.secretFile() + " (" + e.getClass().getSimpleName() + ")");
        }
      }
      if (t.secret().length() < 16) {
        throw new ConfigException(file + ":" + lines.lineOf("api.tokens[" + i + "]") + ": api.tokens[" + i
            + "]: a token must be at least 16 characters");
      }
      tokens.add(t);
    }
    return new ApiConfig(api.listen(), tokens, api.metricsAuth());
  }

  /** Reads every {@code secret-file} and {@code secret-env} and checks every secret decodes. */
  private static List<KeyConfig> readSecrets(Path file, YamlLines lines, List<KeyConfig> keys,
      UnaryOperator<String> environment) throws ConfigException {
    List<KeyConfig> out = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      KeyConfig k = keys.get(i);
      String at = file + ":" + lines.lineOf("keys[" + i + "]") + ": keys[" + i + "]: ";
      int given = (k.secret() != null ? 1 : 0) + (k.secretFile() != null ? 1 : 0) + (k.secretEnv() != null ? 1 : 0);
      if (given > 1) {
        throw new ConfigException(at + "key " + k.name() + ": give one of 'secret', 'secret-file' and 'secret-env', not several");
      }
      if (k.secretFile() != null) {
        try {
          k = k.withSecret(Files.readString(k.secretFile(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
          throw new ConfigException(file + ":" + lines.lineOf("keys[" + i + "].secret-file") + ": keys[" + i
              + "].secret-file: cannot read " + k.secretFile() + " (" + e.getClass().getSimpleName() + ")");
        }
      } else if (k.secretEnv() != null) {
        String value = environment.apply(k.secretEnv());
        if (value == null || value.isBlank()) {
          throw new ConfigException(file + ":" + lines.lineOf("keys[" + i + "].secret-env") + ": keys[" + i
              + "].secret-env: the environment variable " + k.secretEnv() + " is not set");
        }
        k = k.withSecret(value.strip());
      }
      try {
        k.toTsigKey();
      } catch (IllegalArgumentException e) {
        throw new ConfigException(at + e.getMessage());
      }
      out.add(k);
    }
    return out;
  }

  /** Every key a zone names must be defined under {@code keys:}. */
  private static List<ZoneConfig> checkKeyReferences(Path file, YamlLines lines, TandemConfig config) throws ConfigException {
    Set<Name> defined = new HashSet<>();
    config.keys().forEach(k -> defined.add(k.name()));
    for (int i = 0; i < config.zones().size(); i++) {
      ZoneConfig z = config.zones().get(i);
      for (int j = 0; j < z.allowTransfer().size(); j++) {
        Name key = z.allowTransfer().get(j).key();
        if (key != null && !defined.contains(key)) {
          throw undefinedKey(file, lines, "zones[" + i + "].allow-transfer[" + j + "]", key);
        }
      }
      for (int j = 0; j < z.primaries().size(); j++) {
        Name key = z.primaries().get(j).key();
        if (key != null && !defined.contains(key)) {
          throw undefinedKey(file, lines, "zones[" + i + "].primaries[" + j + "]", key);
        }
      }
      for (int j = 0; j < z.allowNotify().size(); j++) {
        Name key = z.allowNotify().get(j).key();
        if (key != null && !defined.contains(key)) {
          throw undefinedKey(file, lines, "zones[" + i + "].allow-notify[" + j + "]", key);
        }
      }
      for (int j = 0; j < z.allowUpdate().size(); j++) {
        Name key = z.allowUpdate().get(j).key();
        if (key != null && !defined.contains(key)) {
          throw undefinedKey(file, lines, "zones[" + i + "].allow-update[" + j + "]", key);
        }
      }
      for (int j = 0; j < z.notifyTargets().size(); j++) {
        Name key = z.notifyTargets().get(j).key();
        if (key != null && !defined.contains(key)) {
          throw undefinedKey(file, lines, "zones[" + i + "].notify[" + j + "]", key);
        }
      }
    }
    List<MonitoredZoneConfig> watched = config.monitor() == null ? List.of() : config.monitor().zones();
    for (int i = 0; i < watched.size(); i++) {
      Name key = watched.get(i).key();
      if (key != null && !defined.contains(key)) {
        throw undefinedKey(file, lines, "monitor.zones[" + i + "].key", key);
      }
    }
    return config.zones();
  }

  private static ConfigException undefinedKey(Path file, YamlLines lines, String path, Name key) {
    return new ConfigException(file + ":" + lines.lineOf(path) + ": " + path + ": key " + key
        + " is not defined under 'keys:'");
  }

  private static String describe(Path file, YamlLines lines, JsonMappingException e) {
    String path = keyPath(e);
    if (e instanceof UnrecognizedPropertyException u) {
      String key = path.isEmpty() ? String.valueOf(u.getPropertyName()) : path;
      String known = u.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
      String parent = key.contains(".") ? key.substring(0, key.lastIndexOf('.')) : "";
      return file + ":" + lines.lineOf(key) + ": unknown key '" + u.getPropertyName() + "'"
          + (parent.isEmpty() ? "" : " in " + parent) + " (known keys: " + known + ")";
    }
    String where = file + ":" + lines.lineOf(path) + ": " + (path.isEmpty() ? "" : path + ": ");
    if (e instanceof InvalidFormatException f) {
      return where + "bad value '" + f.getValue() + "'";
    }
    if (e instanceof InvalidTypeIdException t && t.getBaseType().getRawClass() == SyncProviderConfig.class) {
      String known = String.join(", ", SyncProviderConfig.TYPES);
      return where + (t.getTypeId() == null ? "a provider needs a 'type' (" + known + ")"
          : "'" + t.getTypeId() + "' is not a provider type (known: " + known + ")");
    }
    if (e instanceof ValueInstantiationException v && v.getCause() instanceof TandemConfig.DuplicateZoneException d) {
      return file + ":" + lines.lineOf("zones[" + d.index() + "]") + ": " + d.getMessage();
    }
    if (e instanceof ValueInstantiationException v && v.getCause() != null) {
      return where + v.getCause().getMessage();
    }
    if (e.getCause() instanceof IllegalArgumentException cause) {
      return where + cause.getMessage();
    }
    return where + e.getOriginalMessage();
  }

  /**
   * Reads one zone's settings written in the config's shape, as JSON or YAML text (the API's zone
   * creation body, the settings of an API zone kept in the store); {@code source} names it in errors.
   */
  public ZoneConfig readZone(String text, String source) throws ConfigException {
    try {
      return mapper.readValue(text, ZoneConfig.class);
    } catch (JsonMappingException e) {
      String path = keyPath(e);
      if (e instanceof UnrecognizedPropertyException u) {
        String known = u.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
        throw new ConfigException(source + ": unknown key '" + u.getPropertyName() + "' (known keys: " + known + ")", e);
      }
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      String message = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
      throw new ConfigException(source + ": " + (path.isEmpty() ? "" : path + ": ") + message, e);
    } catch (IOException e) {
      throw new ConfigException(source + ": not valid JSON: " + e.getMessage(), e);
    }
  }

  private static String keyPath(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static Name zoneName(String s) {
    try {
      org.tandemdns.zone.DomainNames.requireAscii(s, "the name");
      return Name.fromString(s.endsWith(".") ? s : s + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("'" + s + "' is not a domain name: " + e.getMessage());
    }
  }

  private static SerialPolicy serialPolicy(String s) {
    try {
      return SerialPolicy.valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + s + "' is not a serial policy (known: keep, increment, unixtime, dateserial)");
    }
  }

  private static ApiToken.Role role(String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "admin" -> ApiToken.Role.ADMIN;
      case "read-only", "readonly", "read" -> ApiToken.Role.READ_ONLY;
      default -> throw new IllegalArgumentException("'" + s + "' is not a role (known: admin, read-only)");
    };
  }

  private static ZoneType zoneType(String s) {
    try {
      return ZoneType.valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + s + "' is not a zone type (known: primary, secondary)");
    }
  }

  /** A deserializer that parses a scalar string; its IllegalArgumentException names the key and line. */
  private static <T> JsonDeserializer<T> from(java.util.function.Function<String, T> parse) {
    return new JsonDeserializer<>() {
      @Override
      public T deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        String text = p.getValueAsString();
        if (text == null) {
          throw JsonMappingException.from(p, "expected a single value, not a list or map");
        }
        try {
          return parse.apply(text);
        } catch (IllegalArgumentException e) {
          throw JsonMappingException.from(p, e.getMessage(), e);
        }
      }
    };
  }
}
