package multilink.spec.tlc;

/**
 * A TLC run laid out on disk: the directory holding the spec's copy (with
 * the design's switches in its configs), the MC module TLC checks and the
 * config it reads. A run that is killed is continued in the same directory:
 * the checkpoint TLC wrote under {@code meta/} is only valid with the files
 * it was taken on.
 */
public record TlcJob(java.nio.file.Path dir, String module, String config) {
    /** TLC's metadata directory (state queue, fingerprints, checkpoints) of this run. */
    public java.nio.file.Path metadir() {
        return dir.resolve("meta");
    }
}
