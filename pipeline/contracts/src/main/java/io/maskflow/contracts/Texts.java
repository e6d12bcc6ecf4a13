package io.maskflow.contracts;

/** Text as a message, a log line or an event quotes it. */
public final class Texts {

    private Texts() {
    }

    /**
     * {@code text} whole when it has at most {@code max} characters; otherwise its first {@code max} (one fewer
     * when the last would split a character outside the BMP in two) and how many were left out, as in
     * {@code "abc... (1234 more characters)"}. A value sent by a client can be megabytes long: a reason, an event or
     * a log line that quoted it whole could outgrow what the broker or a reader takes. {@code null} stays null.
     */
    public static String cut(String text, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "... (" + (text.length() - end) + " more characters)";
    }
}
