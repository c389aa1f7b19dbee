package dev.accountd;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logging set up in code rather than logback.xml: parsing XML at start-up costs about a tenth of a second, and
 * start-up time is a target. Logs go to stderr so that CLI commands keep stdout for their JSON; with
 * ACCOUNTD_LOG_FORMAT=json each line is a JSON object ({@link JsonLogLayout}) and each request has one. Found by logback
 * through META-INF/services.
 */
public final class Logging extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ch.qos.logback.core.encoder.Encoder<ILoggingEvent> encoder;
        if ("json".equalsIgnoreCase(String.valueOf(System.getenv("ACCOUNTD_LOG_FORMAT")).trim())) {
            JsonLogLayout layout = new JsonLogLayout();
            layout.setContext(context);
            layout.start();
            ch.qos.logback.core.encoder.LayoutWrappingEncoder<ILoggingEvent> json = new ch.qos.logback.core.encoder.LayoutWrappingEncoder<>();
            json.setContext(context);
            json.setLayout(layout);
            json.start();
            encoder = json;
        } else {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setContext(context);
            text.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %-5level [%thread] %logger{24} - %msg%n");
            text.start();
            encoder = text;
        }

        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
        for (String noisy : new String[] {"org.eclipse.jetty", "io.javalin", "com.zaxxer.hikari", "org.flywaydb"}) {
            context.getLogger(noisy).setLevel(Level.WARN);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
