package dev.accountd.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accountd.support.MarkdownCodeBlocks.Block;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarkdownCodeBlocksTest {
    @Test
    void blocksCarryTheirLineSectionLanguageAndCode() {
        List<Block> blocks = MarkdownCodeBlocks.parse("""
                # Title

                ## Quick start

                ```sh
                # a comment, not a heading
                echo hi
                ```
                text
                ```
                out
                ```
                """);
        assertEquals(2, blocks.size());
        assertEquals(new Block(5, "Quick start", "sh", "# a comment, not a heading\necho hi\n", Optional.empty()), blocks.get(0));
        assertEquals(new Block(10, "Quick start", "", "out\n", Optional.empty()), blocks.get(1));
        assertTrue(blocks.get(1).isOutputSample());
        assertFalse(blocks.get(0).isOutputSample());
    }

    @Test
    void aMarkerOnTheLastNonBlankLineBeforeTheFence_marksTheBlockNotRun() {
        List<Block> blocks = MarkdownCodeBlocks.parse("""
                <!-- not run: serves until stopped -->

                ```sh
                java -jar accountd.jar serve
                ```
                <!-- not run: far away -->
                Some prose in between.
                ```sh
                echo runs
                ```
                """);
        assertEquals(Optional.of("serves until stopped"), blocks.get(0).notRun());
        assertEquals(Optional.empty(), blocks.get(1).notRun(), "a marker applies only to the block right after it");
    }

    @Test
    void aMarkerWithoutAReason_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MarkdownCodeBlocks.parse("<!-- not run -->\n```sh\nx\n```\n"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void anUnclosedFence_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MarkdownCodeBlocks.parse("intro\n```java\nint x;\n"));
        assertEquals("line 2: the code block is never closed", e.getMessage());
    }

    @Test
    void indentedFencesInListsLoseTheirIndentation_andLongerFencesHoldShorterOnes() {
        List<Block> blocks = MarkdownCodeBlocks.parse("""
                - item:

                  ````Python title
                  ```
                  print(1)
                  ````
                """);
        assertEquals(1, blocks.size());
        assertEquals("python", blocks.get(0).language());
        assertEquals("```\nprint(1)\n", blocks.get(0).code());
    }
}
