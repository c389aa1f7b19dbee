package dev.accountd.error;

/** The one failure type of accountd: a Twilio error code with its message, rendered once at the HTTP edge. */
public final class TwilioException extends RuntimeException {
    private final ErrorCode errorCode;
    private final long retryAfterSeconds;

    private TwilioException(ErrorCode errorCode, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.errorCode = errorCode;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static TwilioException of(ErrorCode errorCode, Object... args) {
        return new TwilioException(errorCode, String.format(errorCode.template(), args), 0);
    }

    /**
     * 404 / 20404 for the resource the request names: the HTTP edge writes the request's path into the message
     * ("The requested resource /2010-04-01/… was not found"), so services need not know URLs.
     */
    public static TwilioException notFound() {
        return new TwilioException(ErrorCode.NOT_FOUND, String.format(ErrorCode.NOT_FOUND.template(), "named by the request"), 0);
    }

    /** 429 / 20429, with the seconds after which the client may try again (the Retry-After header). */
    public static TwilioException tooManyRequests(long retryAfterSeconds) {
        return new TwilioException(ErrorCode.TOO_MANY_REQUESTS, ErrorCode.TOO_MANY_REQUESTS.template(), Math.max(1, retryAfterSeconds));
    }

    /** Seconds for Retry-After; 0 when the error carries none. */
    public long retryAfterSeconds() { return retryAfterSeconds; }

    public ErrorCode errorCode() { return errorCode; }
}
