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
import java.util.LinkedHashMap;
import java.util.Map;
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
        .addDeserializer(ApiToken.Role.class, from(ApiToken.Role::parse))
        .addDeserializer(ZonePattern.class, from(ZonePattern::parse))
        .addDeserializer(AclEntry.class, from(AclEntry::parse))
        .addDeserializer(Remote.class, from(Remote::parse))
        .addDeserializer(Percent.class, from(Percent::parse))
        .addDeserializer(Threshold.class, from(Threshold::parse));
    mapper = new ObjectMapper(YAMLFactory.builder().loaderOptions(YamlLines.loaderOptions()).build())
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
    ConfigProblems problems = new ConfigProblems();
    TandemConfig config = read(text, file, false, problems);
    problems.throwIfAny(file);
    return config;
  }

  /**
   * Everything wrong with {@code file}, all at once ({@code tandem check-config}): every unknown key,
   * then, if the structure could be read, every secret, key reference and sync reference.
   *
   * @return the problems, each starting with {@code file:line:} (none when {@code serve} would accept
   *     the file), and the configuration as far as it could be read (unknown keys left out), or null
   */
  public Checked check(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new Checked(null, List.of(file + ": no such file"));
    } catch (IOException e) {
      return new Checked(null, List.of(file + ": cannot read: " + e.getMessage()));
    }
    ConfigProblems problems = new ConfigProblems();
    TandemConfig config = read(text, file, true, problems);
    return new Checked(config, problems.inLineOrder(file));
  }

  /**
   * What {@link #check} found.
   *
   * @param config the configuration as far as it could be read, or null
   * @param problems everything {@code tandem serve} would refuse
   */
  public record Checked(TandemConfig config, List<String> problems) {}

  /**
   * The configuration, or null when its structure cannot be read; every problem goes to {@code
   * problems}. {@code collectUnknownKeys}: an unknown key is noted and skipped instead of ending the read.
   */
  private TandemConfig read(String text, Path file, boolean collectUnknownKeys, ConfigProblems problems) {
    if (text.isBlank()) {
      return new TandemConfig(null, null, null);
    }
    YamlLines lines = YamlLines.whenAsked(text);
    TandemConfig config;
    try {
      ObjectMapper reader = collectUnknownKeys ? mapper.copy().addHandler(new UnknownKeys(file, lines, problems)) : mapper;
      config = reader.readValue(text, TandemConfig.class);
    } catch (JsonMappingException e) {
      String syntax = syntaxError(file, text);
      problems.add(syntax != null ? syntax : describe(file, lines, e));
      return null;
    } catch (IOException e) {
      String syntax = syntaxError(file, text);
      problems.add(syntax != null ? syntax : file + ": not valid YAML: " + e.getMessage());
      return null;
    }
    config = config.resolvedAgainst(file.toAbsolutePath().getParent());
    CatalogReferences.check(file, lines, config.zones(), problems);
    return new TandemConfig(config.server(), readSecrets(file, lines, config.keys(), environment, problems),
        checkKeyReferences(file, lines, config, problems), config.monitor(), readTokens(file, lines, config.api(), problems),
        SyncReferences.check(file, lines, config, environment, problems), config.dnssecPolicies(), config.logging(), config.tls());
  }

  /** SnakeYAML's own message, with its line, when {@code text} is not YAML; else null. */
  private static String syntaxError(Path file, String text) {
    try {
      YamlLines.of(text);
      return null;
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      return file + ":" + line + ": not valid YAML: " + e.getProblem();
    }
  }

  /** Reads every API token's {@code secret-file}. */
  private static ApiConfig readTokens(Path file, YamlLines lines, ApiConfig api, ConfigProblems problems) {
    List<ApiToken> tokens = new ArrayList<>();
    for (int i = 0; i < api.tokens().size(); i++) {
      ApiToken t = api.tokens().get(i);
      if (t.secret() != null && t.secretFile() != null) {
        problems.add(file + ":" + lines.lineOf("api.tokens[" + i + "]") + ": api.tokens[" + i
            + "]: give 'secret' or 'secret-file', not both");
        continue;
      }
      if (t.secretFile() != null) {
        try {
          t = t.withSecret(Files.readString(t.secretFile(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
          problems.add(file + ":" + lines.lineOf("api.tokens[" + i + "].secret-file") + ": api.tokens[" + i
              + "].secret-file: cannot read " + t.secretFile() + " (" + e.getClass().getSimpleName() + ")");
          continue;
        }
      }
      if (t.secret().length() < 16) {
        problems.add(file + ":" + lines.lineOf("api.tokens[" + i + "]") + ": api.tokens[" + i
            + "]: a token must be at least 16 characters");
        continue;
      }
      tokens.add(t);
    }
    return api.withTokens(tokens);
  }

  /** Reads every {@code secret-file} and {@code secret-env} and checks every secret decodes. */
  private static List<KeyConfig> readSecrets(Path file, YamlLines lines, List<KeyConfig> keys,
      UnaryOperator<String> environment, ConfigProblems problems) {
    List<KeyConfig> out = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      KeyConfig k = keys.get(i);
      String at = file + ":" + lines.lineOf("keys[" + i + "]") + ": keys[" + i + "]: ";
      int given = (k.secret() != null ? 1 : 0) + (k.secretFile() != null ? 1 : 0) + (k.secretEnv() != null ? 1 : 0);
      if (given > 1) {
        problems.add(at + "key " + k.name() + ": give one of 'secret', 'secret-file' and 'secret-env', not several");
        continue;
      }
      if (k.secretFile() != null) {
        try {
          k = k.withSecret(Files.readString(k.secretFile(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
          problems.add(file + ":" + lines.lineOf("keys[" + i + "].secret-file") + ": keys[" + i
              + "].secret-file: cannot read " + k.secretFile() + " (" + e.getClass().getSimpleName() + ")");
          continue;
        }
      } else if (k.secretEnv() != null) {
        String value = environment.apply(k.secretEnv());
        if (value == null || value.isBlank()) {
          problems.add(file + ":" + lines.lineOf("keys[" + i + "].secret-env") + ": keys[" + i
              + "].secret-env: the environment variable " + k.secretEnv() + " is not set");
          continue;
        }
        k = k.withSecret(value.strip());
      }
      try {
        k.toTsigKey();
      } catch (IllegalArgumentException e) {
        problems.add(at + e.getMessage());
        continue;
      }
      out.add(k);
    }
    return out;
  }

  /**
   * Every key a zone names must be defined under {@code keys:}; an undefined key is named once per
   * zone (a primary's key is also the key its NOTIFY must carry, so it would otherwise come twice).
   */
  private static List<ZoneConfig> checkKeyReferences(Path file, YamlLines lines, TandemConfig config, ConfigProblems problems) {
    Set<Name> defined = new HashSet<>();
    config.keys().forEach(k -> defined.add(k.name()));
    for (int i = 0; i < config.zones().size(); i++) {
      ZoneConfig z = config.zones().get(i);
      Map<String, List<Name>> uses = new LinkedHashMap<>();
      uses.put("allow-transfer", z.allowTransfer().stream().map(AclEntry::key).toList());
      uses.put("primaries", z.primaries().stream().map(Remote::key).toList());
      uses.put("allow-notify", z.allowNotify().stream().map(AclEntry::key).toList());
      uses.put("allow-update", z.allowUpdate().stream().map(AclEntry::key).toList());
      uses.put("notify", z.notifyTargets().stream().map(Remote::key).toList());
      Set<Name> reported = new HashSet<>();
      for (Map.Entry<String, List<Name>> use : uses.entrySet()) {
        for (int j = 0; j < use.getValue().size(); j++) {
          Name key = use.getValue().get(j);
          if (key != null && !defined.contains(key) && reported.add(key)) {
            problems.add(undefinedKey(file, lines, "zones[" + i + "]." + use.getKey() + "[" + j + "]", key));
          }
        }
      }
    }
    List<MonitoredZoneConfig> watched = config.monitor() == null ? List.of() : config.monitor().zones();
    for (int i = 0; i < watched.size(); i++) {
      Name key = watched.get(i).key();
      if (key != null && !defined.contains(key)) {
        problems.add(undefinedKey(file, lines, "monitor.zones[" + i + "].key", key));
      }
    }
    return config.zones();
  }

  private static String undefinedKey(Path file, YamlLines lines, String path, Name key) {
    return file + ":" + lines.lineOf(path) + ": " + path + ": key " + key + " is not defined under 'keys:'";
  }

  /** "FILE:LINE: unknown key 'K' in PARENT (known keys: ...)", for the loader and for {@link UnknownKeys}. */
  static String unknownKey(Path file, int line, String key, String parent, java.util.Collection<Object> known) {
    String knownText = known == null ? "" : " (known keys: "
        + known.stream().map(Object::toString).sorted().collect(Collectors.joining(", ")) + ")";
    return file + ":" + line + ": unknown key '" + key + "'" + (parent.isEmpty() ? "" : " in " + parent) + knownText;
  }

  private static String describe(Path file, YamlLines lines, JsonMappingException e) {
    String path = keyPath(e);
    if (e instanceof UnrecognizedPropertyException u) {
      String key = path.isEmpty() ? String.valueOf(u.getPropertyName()) : path;
      String parent = key.contains(".") ? key.substring(0, key.lastIndexOf('.')) : "";
      return unknownKey(file, lines.lineOf(key), u.getPropertyName(), parent, u.getKnownPropertyIds());
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

  /** {@code master} and {@code slave}, as BIND and old configs write them, read as RFC 8499's names. */
  private static ZoneType zoneType(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    if (t.equals("master") || t.equals("slave")) {
      ZoneType meant = t.equals("master") ? ZoneType.PRIMARY : ZoneType.SECONDARY;
      org.slf4j.LoggerFactory.getLogger(ConfigLoader.class).info("type: {} is read as {}: RFC 8499 calls them primary and secondary",
          t, meant.name().toLowerCase(Locale.ROOT));
      return meant;
    }
    try {
      return ZoneType.valueOf(t.replace('-', '_').toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + s + "' is not a zone type (known: primary, secondary, catalog-consumer; master and"
          + " slave as aliases)");
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
