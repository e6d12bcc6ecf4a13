package io.maskflow.orchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;

/**
 * What the CLI prints of a server's text, made safe for a terminal. A run's pipeline name, a refused parameter's
 * value quoted in a reason, a log line: any of them may hold characters a terminal obeys rather than shows (ESC
 * sequences that colour, retitle the window, make a link or erase lines; bidi controls that reverse the text that
 * follows). Each such character is shown as its code instead ({@code \u001b}, {@code \u202e}); line breaks and tabs
 * stay. The CLI's own escape sequences (the live display's) are written by the CLI and do not pass through here.
 */
final class TerminalText {

    private TerminalText() {
    }

    /** {@code text} with every control character but line breaks and tabs, and every format character, as its code. */
    static String safe(String text) {
        if (text == null || text.codePoints().noneMatch(TerminalText::obeyed)) {
            return text;
        }
        StringBuilder shown = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (obeyed(c)) {
                shown.append(c > 0xFFFF ? String.format("\\U%08x", c) : String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return shown.toString();
    }

    /** A copy of {@code node} whose every string, and every field name, is {@link #safe(String)}. */
    static JsonNode safe(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            String text = node.asText();
            String shown = safe(text);
            return shown.equals(text) ? node : TextNode.valueOf(shown);
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(item -> copy.add(safe(item)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(safe(field.getKey()), safe(field.getValue()));
            }
            return copy;
        }
        return node;
    }

    private static boolean obeyed(int c) {
        return c != '\n' && c != '\t' && Character.isISOControl(c) || Character.getType(c) == Character.FORMAT;
    }
}
