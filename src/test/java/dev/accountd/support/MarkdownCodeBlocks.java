package dev.accountd.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fenced code blocks of a Markdown file, for {@code ReadmeIT}, which runs every one of them. A block is
 * either run or marked with an HTML comment on the last non-blank line before its opening fence:
 * {@code <!-- not run: the reason -->}. Blocks tagged {@code text} or {@code json}, or untagged, are output
 * samples: they are never run and need no marker, but must not hold a {@code $ } prompt line (commands go in
 * {@code sh} blocks, where they are run).
 */
public final class MarkdownCodeBlocks {
    /** Info strings of blocks that show output rather than code. */
    public static final Set<String> OUTPUT_LANGUAGES = Set.of("", "text", "json");

    private static final Pattern FENCE = Pattern.compile("^(\\s*)(`{3,}|~{3,})\\s*([^`\\s]*)[^`]*$");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*not run\\b:?\\s*(.*?)\\s*-->\\s*$");

    private MarkdownCodeBlocks() {}

    /**
     * One fenced block.
     *
     * @param line the 1-based line of its opening fence
     * @param section the text of the nearest heading above it
     * @param language the first word of the info string, lower case ("" when untagged)
     * @param code its content, with the fence's indentation removed
     * @param notRun the reason of its {@code <!-- not run: … -->} marker, if it has one
     */
    public record Block(int line, String section, String language, String code, Optional<String> notRun) {
        public boolean isOutputSample() { return OUTPUT_LANGUAGES.contains(language); }

        /** Where the block is, for messages: {@code README.md:34 (sh, in "Quick start")}. */
        public String describe(String file) {
            return file + ":" + line + " (" + (language.isEmpty() ? "untagged" : language) + ", in \"" + section + "\")";
        }
    }

    /** Every fenced block of {@code markdown}, in order. Fails on an unclosed fence and on a marker without a reason. */
    public static List<Block> parse(String markdown) {
        String[] lines = markdown.split("\\R", -1);
        List<Block> blocks = new ArrayList<>();
        String section = "";
        String lastNonBlank = "";
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher fence = FENCE.matcher(line);
            if (!fence.matches()) {
                Matcher heading = HEADING.matcher(line);
                if (heading.matches()) section = heading.group(1);
                if (!line.isBlank()) lastNonBlank = line;
                continue;
            }
            int opening = i;
            String indent = fence.group(1);
            String marks = fence.group(2);
            StringBuilder code = new StringBuilder();
            for (i++; ; i++) {
                if (i >= lines.length) {
                    throw new IllegalArgumentException("line " + (opening + 1) + ": the code block is never closed");
                }
                String inner = lines[i];
                if (inner.strip().startsWith(marks) && inner.strip().replace(marks.substring(0, 1), "").isEmpty()) break;
                code.append(inner.startsWith(indent) ? inner.substring(indent.length()) : inner.stripLeading()).append('\n');
            }
            blocks.add(new Block(opening + 1, section, fence.group(3).toLowerCase(java.util.Locale.ROOT),
                    code.toString(), marker(lastNonBlank, opening + 1)));
            lastNonBlank = lines[i];
        }
        return blocks;
    }

    private static Optional<String> marker(String lineBefore, int blockLine) {
        Matcher m = MARKER.matcher(lineBefore);
        if (!m.matches()) return Optional.empty();
        if (m.group(1).isBlank()) {
            throw new IllegalArgumentException("line " + blockLine + ": the not-run marker before this block gives no reason");
        }
        return Optional.of(m.group(1));
    }
}
