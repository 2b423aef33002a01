package multilink.model.state;

/**
 * {@code struct module}: its reference count and whether it is still loaded.
 * A loaded module holds one reference on its own BTF.
 */
public record ModuleObj(String name, int refcnt, boolean live) {
}
