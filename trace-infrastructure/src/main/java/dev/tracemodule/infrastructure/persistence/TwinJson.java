package dev.tracemodule.infrastructure.persistence;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tracemodule.domain.twin.FieldDefinition;
import dev.tracemodule.domain.twin.FieldType;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Twin states, changes and type fields as jsonb. Values keep their canonical form through the
 * round trip: whole numbers come back as {@code Long}, decimals (which always have a decimal
 * place) as {@code BigDecimal}, timestamps as their ISO-8601 text.
 */
final class TwinJson {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.USE_LONG_FOR_INTS)
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
      .build();
  private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {};
  private static final TypeReference<List<Map<String, Object>>> FIELDS = new TypeReference<>() {};

  private TwinJson() {}

  static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> object(String json) {
    try {
      return JSON.readValue(json, OBJECT);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String fields(List<FieldDefinition> fields) {
    List<Map<String, Object>> rows = new ArrayList<>(fields.size());
    for (FieldDefinition field : fields) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", field.name());
      row.put("type", field.type().toString());
      row.put("default", field.defaultValue());
      row.put("nullable", field.nullable());
      row.put("description", field.description());
      rows.add(row);
    }
    return write(rows);
  }

  static List<FieldDefinition> fields(String json) {
    try {
      List<FieldDefinition> fields = new ArrayList<>();
      for (Map<String, Object> row : JSON.readValue(json, FIELDS)) {
        fields.add(new FieldDefinition((String) row.get("name"), FieldType.parse((String) row.get("type"), "type"),
            row.get("default"), Boolean.TRUE.equals(row.get("nullable")), (String) row.get("description")));
      }
      return fields;
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
