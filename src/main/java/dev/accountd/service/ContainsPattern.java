package dev.accountd.service;

import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spec's Contains pattern, matched against the number without its {@code +}: 2 to 16 characters; digits and
 * letters (read as phone-keypad digits); {@code *} for any one digit and {@code %} for any run of digits, only
 * before or after the digits, never between them, and then with at least two digits; a leading {@code +} anchors
 * the start and a trailing {@code $} the end, neither next to a wildcard.
 *
 * @param digits the pattern's digits, letters read as keypad digits
 * @param before how many digits must come before them at least (one per leading {@code *})
 * @param after how many must follow them at least (one per trailing {@code *})
 */
record ContainsPattern(String digits, boolean anchoredStart, boolean anchoredEnd, int before, int after, Pattern regex) {
    private static final Pattern PARTS = Pattern.compile("([*%]*)([0-9A-Za-z]+)([*%]*)");

    static ContainsPattern parse(String raw) {
        String body = raw;
        boolean anchoredStart = body.startsWith("+");
        if (anchoredStart) body = body.substring(1);
        boolean anchoredEnd = body.endsWith("$");
        if (anchoredEnd) body = body.substring(0, body.length() - 1);
        Matcher parts = PARTS.matcher(body);
        if (raw.length() <= 16 && !parts.matches() && body.matches("[0-9A-Za-z*%]+") && body.matches(".*[0-9A-Za-z].*")) {
            throw invalid(raw, "* and % go before or after the digits, never between them");
        }
        if (raw.length() < 2 || raw.length() > 16 || !parts.matches()) {
            throw invalid(raw, "2 to 16 digits or letters, with * (any one digit) and % (any digits) only before or after them,"
                    + " a leading + or a trailing $");
        }
        String leading = parts.group(1);
        String core = parts.group(2);
        String trailing = parts.group(3);
        if (!(leading + trailing).isEmpty() && core.length() < 2) {
            throw invalid(raw, "a pattern with wildcards needs at least two digits or letters");
        }
        if ((anchoredStart && !leading.isEmpty()) || (anchoredEnd && !trailing.isEmpty())) {
            throw invalid(raw, "+ and $ cannot be next to a wildcard");
        }
        StringBuilder digits = new StringBuilder();
        for (char ch : core.toUpperCase(Locale.ROOT).toCharArray()) digits.append(Character.isDigit(ch) ? ch : keypad(ch));
        StringBuilder regex = new StringBuilder(anchoredStart ? "^" : "");
        appendWildcards(regex, leading);
        regex.append(digits);
        appendWildcards(regex, trailing);
        if (anchoredEnd) regex.append('$');
        return new ContainsPattern(digits.toString(), anchoredStart, anchoredEnd, stars(leading), stars(trailing),
                Pattern.compile(regex.toString()));
    }

    /** Whether a number (E.164, with its {@code +}) matches. */
    boolean matches(String e164) { return regex.matcher(e164.substring(1)).find(); }

    private static int stars(String wildcards) { return (int) wildcards.chars().filter(c -> c == '*').count(); }

    private static void appendWildcards(StringBuilder regex, String wildcards) {
        for (char w : wildcards.toCharArray()) regex.append(w == '*' ? "\\d" : "\\d*");
    }

    private static TwilioException invalid(String raw, String why) {
        return TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid Contains '" + raw + "': " + why);
    }

    private static char keypad(char letter) { return "22233344455566677778889999".charAt(letter - 'A'); }
}
