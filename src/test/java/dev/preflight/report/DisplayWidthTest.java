package dev.preflight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DisplayWidthTest {

    @Test
    void hanAndFullwidthPunctuationTakeTwoColumns() {
        assertEquals(8, DisplayWidth.of("密码写回"));
        assertEquals(8, DisplayWidth.of("密碼寫回"));
        assertEquals(4, DisplayWidth.of("（）"));
        assertEquals(11, DisplayWidth.of("PWB-AD-002 "));
        assertEquals(13, DisplayWidth.of("Public 云端 x"), "6 + 1 + 4 + 1 + 1");
    }

    @Test
    void colourSequencesTakeNoColumns() {
        assertEquals(4, DisplayWidth.of(Style.ANSI.red("错误")));
        assertEquals(4, DisplayWidth.of(Style.ANSI.bold("PASS")));
    }

    @Test
    void padsToColumnsNotCharacters() {
        assertEquals("错误    ", DisplayWidth.pad("错误", 8));
        assertEquals("ERROR   ", DisplayWidth.pad("ERROR", 8));
        assertEquals("缺少数据", DisplayWidth.pad("缺少数据", 8));
        assertEquals("过长的标签", DisplayWidth.pad("过长的标签", 4), "never cut");
    }
}
