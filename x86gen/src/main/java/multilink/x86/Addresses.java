package multilink.x86;

import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.control.Option;

/** Load-time addresses of the image and what it refers to, apart from the programs (those sit in each link). */
public record Addresses(Option<Long> image, Option<Long> im, Option<Long> funcAddr, Map<KernelSymbol, Long> symbols) {
    public static final Addresses NONE = new Addresses(Option.none(), Option.none(), Option.none(), HashMap.empty());

    long imageOrPlaceholder() {
        return image.getOrElse(Placeholders.IMAGE);
    }

    long imOrPlaceholder() {
        return im.getOrElse(Placeholders.IM);
    }

    long funcAddrOrPlaceholder() {
        return funcAddr.getOrElse(Placeholders.FUNC_ADDR);
    }

    long symbol(KernelSymbol s) {
        return symbols.get(s).getOrElse(Placeholders.helper(s));
    }
}
