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
    /**
     * Out of funds: the family's balance is zero or below, or cannot pay what the request would cost. Twilio's
     * code for a zero balance ("Account not active"); the HTTP status is accountd's choice.
     */
    OUT_OF_FUNDS(20005, 400, "Account not active: %s"),
    /** accountd's spending limits: the same code as running out of funds, since both mean the account may not spend now. */
    SPENDING_LIMIT(20005, 400, "Spending limit reached: %s"),
    /**
     * Twilio's code for changing a closed subaccount ("Unable to update Status for subaccount, …"). accountd answers
     * it to every write on a closed account, whatever the resource: a closed account is read-only.
     */
    ACCOUNT_CLOSED(21479, 400, "Unable to %s for subaccount, subaccount has been closed."),
    INVALID_STATUS(21475, 400, "Unable to update Status, invalid Status."),
    INVALID_PAGE_TOKEN(21481, 400, "Invalid PageToken: use the page URIs the API returns"),
    SUBACCOUNTS_CANNOT_OWN_SUBACCOUNTS(21101, 400, "Subaccounts cannot contain subaccounts"),
    SUBACCOUNT_LIMIT_REACHED(21480, 400, "Reached maximum number of subaccounts"),
    PHONE_NUMBER_INVALID(21421, 400, "PhoneNumber is invalid: %s"),
    PHONE_NUMBER_NOT_AVAILABLE(21422, 400, "PhoneNumber %s is not available"),
    INVALID_AREA_CODE(21451, 400, "Invalid area code '%s': expected the 3 digits of a US or Canadian area code"),
    NO_NUMBERS_IN_AREA_CODE(21452, 400, "No phone numbers found in area code %s"),
    /** Transfers: the new owner must be active, in the same family, and the caller the main account. */
    TRANSFER_TARGET_NOT_ACTIVE(21472, 400, "Account is not active: to transfer a phone number, supply the AccountSid of an active account"),
    TRANSFER_OUTSIDE_FAMILY(21473, 400, "AccountSid %s is not the main account or a subaccount of the same main account as the number's owner"),
    TRANSFER_NOT_BY_MAIN(21474, 400, "Only the main account's credentials can transfer a phone number between accounts"),
    TRANSFER_NEEDS_ADDRESS(21613, 400, "PhoneNumber Requires an Address: %s"),
    PURCHASE_NEEDS_ADDRESS(21631, 400, "Phone Number Requires an Address: %s"),
    /** accountd's choice: Twilio's code for this refusal is not documented, so it is the generic parameter error. */
    ADDRESS_IN_USE(20001, 400, "Address %s cannot be deleted: %s phone number(s) depend on it (see its DependentPhoneNumbers); give them another address or release them first"),
    // Messages: Twilio's codes and messages for a refused send
    MESSAGE_TO_REQUIRED(21604, 400, "A 'To' phone number is required."),
    MESSAGE_FROM_REQUIRED(21603, 400, "A 'From' or 'MessagingServiceSid' parameter is required to send a message"),
    MESSAGE_BODY_REQUIRED(21602, 400, "Message body is required."),
    MESSAGE_BODY_TOO_LONG(21617, 400, "The concatenated message body exceeds the 1600 character limit."),
    MESSAGING_SERVICE_NOT_FOUND(21701, 400, "The Messaging Service %s does not exist or is not a Messaging Service of this account"),
    MESSAGING_SERVICE_INVALID(21705, 400, "The Messaging Service is invalid: %s does not match a valid Sid pattern (MGxxx)"),
    MESSAGING_SERVICE_NO_NUMBERS(21704, 400, "The Messaging Service %s contains no phone numbers"),
    MESSAGING_SERVICE_NO_SENDER(21703, 400, "The Messaging Service %s does not have a phone number available to send a message to %s"),
    SCHEDULE_SEND_AT_MISSING(35111, 400, "SendAt timestamp is missing: you must indicate SendAt if ScheduleType is 'fixed'"),
    SCHEDULE_SEND_AT_INVALID(35114, 400, "SendAt time must be between 900 seconds and 35 days (3024000 seconds) in the future, inclusive: %s"),
    SCHEDULE_NEEDS_SERVICE(35118, 400, "MessagingServiceSid is required to schedule a message"),
    SCHEDULE_TYPE_UNSUPPORTED(35126, 400, "The ScheduleType value provided is not supported for this channel: %s (the only one is 'fixed')"),
    SENDER_ALREADY_IN_SERVICE(21710, 409, "Phone Number or Short Code is already in the Messaging Service: %s"),
    SENDER_IN_ANOTHER_SERVICE(21712, 409, "Phone Number or Short Code is associated with another Messaging Service: %s"),
    SENDER_INVALID(21421, 400, "Phone Number is invalid: %s is not a phone number of account %s"),
    SENDER_POOL_FULL(21714, 400, "Messaging Service Number Pool size limit reached: %s has %s numbers"),
    SENDER_NOT_MESSAGING_CAPABLE(21715, 400, "Phone Number Does Not Have Correct Messaging Service Capabilities: %s can send neither SMS nor MMS"),
    MEDIA_URL_INVALID(21620, 400, "Invalid media URL(s): %s"),
    STATUS_CALLBACK_INVALID(21609, 400, "Invalid StatusCallback url: %s"),
    TO_INVALID(21211, 400, "Invalid 'To' Phone Number: %s"),
    FROM_INVALID(21212, 400, "Invalid From Number (caller ID): %s"),
    TO_EQUALS_FROM(21266, 400, "'To' and 'From' number cannot be the same: %s"),
    FROM_NOT_SMS_CAPABLE(21606, 400, "The From phone number %s is not a valid, SMS-capable inbound phone number or short code for your account."),
    /** accountd prices messages to six countries (and an operator's price file's): others are a region not enabled. */
    REGION_NOT_ENABLED(21408, 400, "Permission to send an SMS has not been enabled for the region indicated by the 'To' number: %s"),
    MESSAGE_NOT_CANCELABLE(30409, 400, "Message %s cannot be canceled: only scheduled messages can be, and it is %s"),
    /** accountd's choice: a message still on its way cannot be deleted, or its charge would have nothing to explain it. */
    MESSAGE_IN_PROGRESS(20009, 400, "Cannot delete message %s: it is %s; delete it once it is delivered, undelivered or failed"),
    // Calls: Twilio's codes for a refused call or update
    CALL_TO_REQUIRED(21201, 400, "No 'To' number is specified"),
    CALL_FROM_REQUIRED(21213, 400, "No 'From' number is specified"),
    CALL_URL_REQUIRED(21205, 400, "Url parameter is required: give one of Url, Twiml and ApplicationSid"),
    CALL_URL_INVALID(21205, 400, "Invalid Url: %s"),
    APPLICATION_SID_INVALID(21218, 400, "Invalid ApplicationSid: %s"),
    CALLER_ID_NOT_VERIFIED(21210, 400, "The source phone number provided, %s, is not yet verified for your account. You may only make calls from phone numbers that you've verified or purchased from Twilio."),
    /** accountd prices calls to the countries of its price table: other destinations are not permitted. */
    CALL_REGION_NOT_ENABLED(21215, 400, "Geo Permission configuration is not permitting call to %s: accountd has no voice price for it"),
    CALLER_ID_ALREADY_VERIFIED(21450, 400, "Phone number %s is already verified for your account"),
    CALL_NOT_IN_PROGRESS(21220, 400, "Invalid call state: call %s is %s. Calls that have ended cannot be changed"),
    /** accountd's choice, as for messages: a call that has not ended cannot be deleted. */
    CALL_IN_PROGRESS(20009, 400, "Cannot delete call %s: it is %s; delete it once it has ended"),
    // Test credentials' magic numbers (Twilio's table)
    TEST_CREDENTIALS_FORBIDDEN(20008, 403, "Resource not accessible with Test Account Credentials: test credentials can only POST IncomingPhoneNumbers, Messages and Calls"),
    QUEUE_FULL(21611, 400, "This 'From' number has exceeded the maximum number of queued messages"),
    TO_NOT_REACHABLE(21612, 400, "The 'To' phone number: %s, is not currently reachable using the 'From' phone number via SMS."),
    TO_OPTED_OUT(21610, 400, "Attempt to send to unsubscribed recipient"),
    TO_NOT_SMS_CAPABLE(21614, 400, "'To' number is not a valid mobile number"),
    CALL_TO_INVALID(21217, 400, "Phone number does not appear to be valid"),
    CALL_TO_NOT_ROUTABLE(21214, 400, "'To' phone number cannot be reached"),
    CALL_TO_BLOCKED(21216, 400, "Account not allowed to call %s"),
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
