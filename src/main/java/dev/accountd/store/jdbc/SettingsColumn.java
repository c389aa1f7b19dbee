package dev.accountd.store.jdbc;

import dev.accountd.json.Json;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A resource's settings (a phone number's, an Application's, a Messaging Service's) as its row keeps them: one JSON
 * object keyed by each setting's form parameter, so that a setting added later reads as unset in older rows.
 */
final class SettingsColumn {
    private SettingsColumn() {}

    static <E extends Enum<E>> String write(Map<E, String> settings, Function<E, String> param) {
        Map<String, Object> byParam = new LinkedHashMap<>();
        settings.forEach((k, v) -> byParam.put(param.apply(k), v));
        return Json.write(byParam);
    }

    static <E extends Enum<E>> Map<E, String> read(String json, Class<E> type, Function<E, String> param) {
        Map<E, String> settings = new EnumMap<>(type);
        Map<String, Object> byParam = Json.readObject(json);
        for (E s : type.getEnumConstants()) {
            Object v = byParam.get(param.apply(s));
            if (v != null) settings.put(s, v.toString());
        }
        return settings;
    }
}
