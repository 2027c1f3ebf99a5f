package lvsd.config;

import java.util.List;

/** The shape of a config file: global lines and blocks, in file order. */
sealed interface Lexed permits Lexed.Global, Lexed.Block {

    /** A column-0 directive that does not open a block. */
    record Global(Line line) implements Lexed {}

    /** A block: its opening line ({@code virtual=...}, {@code vrrp_instance=...}) and its indented lines. */
    record Block(BlockKind kind, Line header, List<Line> body) implements Lexed {
        public Block {
            body = List.copyOf(body);
        }
    }

    /** Who interprets a block: the ldirectord parser, or another subsystem (collected as a {@link RawBlock}). */
    enum BlockKind { VIRTUAL, RAW }
}
