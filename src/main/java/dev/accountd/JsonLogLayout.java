package dev.accountd;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import org.slf4j.event.KeyValuePair;

/**
 * ACCOUNTD_LOG_FORMAT=json: one JSON object per line, with {@code time}, {@code level}, {@code logger}, {@code thread},
 * {@code message}, the event's key-value pairs (a request's {@code request_id}, {@code method}, {@code route},
 * {@code status}, {@code duration_ms}) and {@code error} for an exception. Messages are the text format's, so what
 * is masked there (tokens, passwords in URLs) is masked here.
 */
public final class JsonLogLayout extends LayoutBase<ILoggingEvent> {
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String doLayout(ILoggingEvent event) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            g.writeStringField("level", event.getLevel().toString());
            g.writeStringField("logger", event.getLoggerName());
            g.writeStringField("thread", event.getThreadName());
            g.writeStringField("message", event.getFormattedMessage());
            if (event.getKeyValuePairs() != null) {
                for (KeyValuePair kv : event.getKeyValuePairs()) {
                    if (kv.value instanceof Number n) {
                        g.writeFieldName(kv.key);
                        g.writeNumber(n.toString());
                    } else {
                        g.writeStringField(kv.key, String.valueOf(kv.value));
                    }
                }
            }
            IThrowableProxy error = event.getThrowableProxy();
            if (error != null) g.writeStringField("error", ThrowableProxyUtil.asString(error));
            g.writeEndObject();
        } catch (IOException e) {
            return "{\"level\":\"ERROR\",\"message\":\"a log line could not be written as JSON\"}\n";
        }
        return out.append('\n').toString();
    }
}
