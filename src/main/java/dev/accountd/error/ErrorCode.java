package dev.accountd.error;

/**
 * The Twilio error codes accountd answers with, each with its HTTP status and message template
 * ({@code %s} placeholders are filled by {@link TwilioException#of}).
 * Codes and messages follow Twilio's where Twilio's are known; the rest are documented choices.
 */
public enum ErrorCode {
    /** A parameter is missing or its value is not allowed. */
    INVALID_PARAMETER(20001, 400, "%s"),
    MISSING_PARAMETER(20001, 400, "Missing required parameter %s in the post body"),
    INVALID_FRIENDLY_NAME(20002, 400, "%s"),
    AUTHENTICATE(20003, 401, "Authenticate"),
    METHOD_NOT_ALLOWED(20004, 405, "Method not allowed"),
    FORBIDDEN(20403, 403, "%s"),
    NOT_FOUND(20404, 404, "The requested resource %s was not found"),
    TOO_MANY_REQUESTS(20429, 429, "Too many requests"),
    ACCOUNT_NOT_ACTIVE(10001, 400, "Account is not active"),
    /** Twilio's code for changing a closed subaccount; accountd also refuses renaming one (closed is read-only). */
    ACCOUNT_CLOSED(21479, 400, "Unable to update %s for subaccount, subaccount has been closed."),
    INVALID_STATUS(21475, 400, "Unable to update Status, invalid Status."),
    PAGE_SIZE_TOO_LARGE(20007, 400, "Page size too large: the maximum page size is 1000"),
    INVALID_PAGE_TOKEN(21481, 400, "Invalid PageToken: use the page URIs the API returns"),
    SUBACCOUNTS_CANNOT_OWN_SUBACCOUNTS(21101, 400, "Subaccounts cannot contain subaccounts"),
    SUBACCOUNT_LIMIT_REACHED(21480, 400, "Reached maximum number of subaccounts"),
    /** The body of a request is larger than accountd accepts (1 MiB). */
    PAYLOAD_TOO_LARGE(20413, 413, "Request Entity Too Large: the body is larger than %s bytes"),
    INTERNAL(20500, 500, "An internal server error occurred (error id %s)"),
    /** Before the store is open (the first second of start-up): nothing was done, so retrying is safe. */
    STARTING(20503, 503, "accountd is starting; retry in a moment");

    private final int code;
    private final int httpStatus;
    private final String template;

    ErrorCode(int code, int httpStatus, String template) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.template = template;
    }

    public int code() { return code; }

    public int httpStatus() { return httpStatus; }

    public String template() { return template; }

    public String moreInfo() { return "https://www.twilio.com/docs/errors/" + code; }
}
