package dev.accountd.domain;

/**
 * Twilio bills an SMS per segment, so this counts segments by the GSM 03.38 / UCS-2 concatenation
 * rules: a character that takes two units is never split across segments.
 */
public final class MessageSegments {
    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "\f^{}\\[~]|€";

    private static final int GSM_SINGLE = 160;
    private static final int GSM_PART = 153;
    private static final int UCS2_SINGLE = 70;
    private static final int UCS2_PART = 67;

    public record Count(String encoding, int segments) {}

    private MessageSegments() {}

    public static Count of(String body) {
        if (body.chars().allMatch(c -> GSM_BASIC.indexOf(c) >= 0 || GSM_EXTENSION.indexOf(c) >= 0)) {
            int[] septets = body.chars().map(c -> GSM_EXTENSION.indexOf(c) >= 0 ? 2 : 1).toArray();
            return new Count("GSM", segments(septets, GSM_SINGLE, GSM_PART));
        }
        int[] units = body.codePoints().map(Character::charCount).toArray();
        return new Count("UCS-2", segments(units, UCS2_SINGLE, UCS2_PART));
    }

    private static int segments(int[] widths, int single, int part) {
        int total = 0;
        for (int width : widths) total += width;
        if (total <= single) return 1;
        int segments = 1;
        int used = 0;
        for (int width : widths) {
            if (used + width > part) {
                segments++;
                used = 0;
            }
            used += width;
        }
        return segments;
    }
}
