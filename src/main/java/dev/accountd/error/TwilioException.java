package dev.accountd.error;

/** The one failure type of accountd: a Twilio error code with its message, rendered once at the HTTP edge. */
public final class TwilioException extends RuntimeException {
    private final ErrorCode errorCode;

    private TwilioException(ErrorCode errorCode, String message) {
        super(message, null, false, false);
        this.errorCode = errorCode;
    }

    public static TwilioException of(ErrorCode errorCode, Object... args) {
        return new TwilioException(errorCode, String.format(errorCode.template(), args));
    }

    public ErrorCode errorCode() { return errorCode; }
}
