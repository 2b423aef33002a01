package multilink.model.design;

import io.vavr.collection.List;
import io.vavr.control.Option;

/** The designs by name. */
public final class Designs {
    private Designs() {
    }

    public static List<Design> all() {
        return List.of(new Classic(), new SingleOpsMulti(SingleOpsMulti.OLSA_V3),
                new SingleOpsMulti(SingleOpsMulti.UPSTREAM), new DongV1());
    }

    public static Option<Design> byName(String name) {
        return all().find(d -> d.name().equals(name));
    }

    public static List<String> names() {
        return all().map(Design::name);
    }
}
